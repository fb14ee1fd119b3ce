import { invisibleCharacterIn } from "../model/characters";
import { characterProblem, checkFields, templateSequenceIn } from "../model/check-fields";
import type { DirectoryReading } from "../model/directory-reading";
import type { DirectoryOutage } from "../model/types";
import type { RegistryIssue } from "./errors";
import { READ_DIRECTORY_AGAIN, readingInFuture, readingStale } from "./directory-snapshot-errors";
import type { ParsedDocument } from "./read-document";
import { DIRECTORY_EMAIL } from "./value-checks";

/** Where a directory's text is wrong, the fix is there: the snapshot only copies it. */
const FIX_IN_DIRECTORY = `correct the entry in the directory itself, then ${READ_DIRECTORY_AGAIN}`;

/**
 * Every string of the snapshot held to what a registry string is: no `${`/`%{` (a name reaches reports and
 * evidence), no invisible or bidirectional characters, and each address to what AWS accepts as one. The
 * snapshot arrives from a directory anyone in the company may write to, and through a pull request.
 */
export function snapshotStrings(value: unknown, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const path: (string | number)[] = [];
  const report = (message: string) => void issues.push({ position: doc.valueAt(path), path: path.join("."), message, fix: FIX_IN_DIRECTORY });
  const visit = (node: unknown): void => {
    if (typeof node === "string") {
      const field = String(path.at(-1));
      const sequence = templateSequenceIn(node);
      const refused = invisibleCharacterIn(node);
      if (sequence) report(`${field} contains "${sequence}", which Terraform and the reports would read as an expression`);
      else if (refused) report(characterProblem(field, "visible", refused).message);
      else if (field === "mail" || field === "address")
        for (const problem of checkFields([{ ...DIRECTORY_EMAIL, field }], { [field]: node })) report(problem.message);
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        path.push(index);
        visit(item);
        path.pop();
      });
    } else if (node && typeof node === "object") {
      for (const key of Object.keys(node)) {
        path.push(key);
        visit((node as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  visit(value);
  return issues;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A reading older than policy.maxDirectoryAgeDays, or dated after today: both judged in whole days, UTC. */
export function readingAges(
  readings: readonly DirectoryReading[],
  doc: ParsedDocument,
  { today, maxDays, outages }: { today: string; maxDays: number; outages: ReadonlyMap<string, DirectoryOutage> },
): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  readings.forEach((reading, index) => {
    const path = ["readings", index, "readAt"];
    const day = reading.readAt.slice(0, 10);
    const age = Math.round((Date.parse(today) - Date.parse(day)) / DAY_MS);
    if (day > today) issues.push(readingInFuture(doc.valueAt(path), path.join("."), reading.source, reading.readAt, today));
    else if (age > maxDays && !((outages.get(reading.source)?.expires ?? "") >= today))
      issues.push(readingStale(doc.valueAt(path), path.join("."), reading.source, reading.readAt, age, maxDays));
  });
  return issues;
}
