import * as fs from "fs";
import * as path from "path";
import type { ContactDrift, DriftKind } from "../aws/drift";
import { CONTACT_TYPES } from "../model/contact-types";
import { UsageError } from "../run/usage-error";

/** What `contacts drift --format json` writes, as far as the evidence reads it. */
export interface DriftFile {
  readAt: string;
  accountsRead: number;
  drift: ContactDrift[];
  /** Accounts whose contacts could not be read, by error code. */
  failures: { code: string; message: string; accounts: string[] }[];
}

const KINDS: readonly DriftKind[] = ["missing", "different", "unmanaged"];

/**
 * Reads the output of an earlier `contacts drift --format json`, so the evidence shows what AWS held
 * without calling AWS. Anything else is one usage line saying how to write the file.
 */
export function readDriftFile(command: string, file: string, cwd: string): DriftFile {
  const wrong = (what: string) =>
    new UsageError(
      `contacts ${command}: --drift ${file} ${what}. Fix: write it with \`npx contacts drift --format json > ${file}\` (exit status 1, drift, still writes it).`,
    );
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw wrong(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw wrong("is not JSON");
  }
  const report = parsed as Partial<DriftFile> | null;
  if (typeof report !== "object" || report === null || Array.isArray(report)) throw wrong("is not the JSON object `contacts drift --format json` prints");
  if (typeof report.readAt !== "string" || Number.isNaN(Date.parse(report.readAt))) throw wrong("has no readAt time");
  if (typeof report.accountsRead !== "number" || !Array.isArray(report.drift) || !Array.isArray(report.failures))
    throw wrong("lacks accountsRead, drift or failures");
  report.drift.forEach((d, i) => {
    const ok =
      typeof d === "object" &&
      d !== null &&
      /^\d{12}$/.test(String(d.accountId)) &&
      CONTACT_TYPES.includes(d.type) &&
      KINDS.includes(d.kind) &&
      Array.isArray(d.fields) &&
      d.fields.every((f) => typeof f === "object" && f !== null && typeof f.field === "string");
    if (!ok) throw wrong(`has a drift entry (drift[${i}]) without a 12-digit accountId, a contact type, a kind (${KINDS.join(", ")}) and fields`);
  });
  report.failures.forEach((f, i) => {
    if (typeof f !== "object" || f === null || !Array.isArray(f.accounts) || typeof f.code !== "string")
      throw wrong(`has a failure (failures[${i}]) without code and accounts`);
  });
  return report as DriftFile;
}
