import * as fs from "fs";
import { isAccountId } from "../model/organization";
import * as path from "path";
import type { ContactDrift, DriftKind } from "../drift/drift";
import { CONTACT_TYPES, type ContactType } from "../model/contact-types";
import { UsageError } from "../model/usage-error";

/** What `contacts drift --format json` writes, as far as the evidence reads it. */
export interface DriftFile {
  readAt: string;
  /** The registry it compared against; absent in files written before drift recorded it. */
  registry?: { file: string; sha256: string };
  accountsRead: number;
  /** The accounts it read (all or some of their types); absent in files written before drift recorded them. */
  accountIdsRead?: string[];
  drift: ContactDrift[];
  /** Accounts whose contacts could not be read, by error code; `contacts` (each account and type) is absent in older files. */
  failures: { code: string; message: string; accounts: string[]; contacts?: { accountId: string; type: ContactType }[] }[];
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
  const registry = report.registry as { file?: unknown; sha256?: unknown } | undefined;
  if (
    registry !== undefined &&
    (typeof registry !== "object" || registry === null || typeof registry.file !== "string" || !/^[0-9a-f]{64}$/.test(String(registry.sha256)))
  )
    throw wrong("has a registry without its file and sha256");
  if (report.accountIdsRead !== undefined && !(Array.isArray(report.accountIdsRead) && report.accountIdsRead.every(isAccountId)))
    throw wrong("has accountIdsRead that is not a list of 12-digit account ids");
  report.drift.forEach((d, i) => {
    const ok =
      typeof d === "object" &&
      d !== null &&
      isAccountId(d.accountId) &&
      CONTACT_TYPES.includes(d.type) &&
      KINDS.includes(d.kind) &&
      Array.isArray(d.fields) &&
      d.fields.every((f) => typeof f === "object" && f !== null && typeof f.field === "string");
    if (!ok) throw wrong(`has a drift entry (drift[${i}]) without a 12-digit accountId, a contact type, a kind (${KINDS.join(", ")}) and fields`);
  });
  report.failures.forEach((f, i) => {
    const accountIds = (ids: unknown) => Array.isArray(ids) && ids.every(isAccountId);
    if (typeof f !== "object" || f === null || !accountIds(f.accounts) || typeof f.code !== "string" || typeof f.message !== "string")
      throw wrong(`has a failure (failures[${i}]) without code, message and 12-digit account ids`);
    const contacts = f.contacts as unknown;
    const named = (c: unknown) =>
      typeof c === "object" && c !== null && isAccountId((c as { accountId?: unknown }).accountId) && CONTACT_TYPES.includes((c as { type: ContactType }).type);
    if (contacts !== undefined && !(Array.isArray(contacts) && contacts.every(named)))
      throw wrong(`has a failure (failures[${i}]) whose contacts do not each name an account and a contact type`);
  });
  return report as DriftFile;
}
