import * as fs from "fs";
import { isAccountId } from "../model/organization";
import * as path from "path";
import { CONTACT_TYPES, type ContactType } from "../model/contact-types";
import { leavesRepository } from "./repository-files";
import { UsageError } from "../model/usage-error";

/**
 * Which contacts AWS holds, by account: written by `contacts import` and `contacts drift --existing` from
 * what they read, read by synthesis so that import blocks name only contacts that exist (an import of a
 * contact that was never set fails the plan). An account the record does not list gets no import block:
 * its contacts are created, which for these resources is the same write as an update.
 */
export type ExistingContacts = ReadonlyMap<string, ReadonlySet<ContactType>>;

// Delete first: `contacts drift --existing` reads the record it updates, and would stop at the same error.
const fix = (file: string) => `delete it and write it again with \`contacts drift --existing ${file}\` (which reads every registry account)`;

/**
 * The record's text: one account a line, sorted, so a refresh shows in a diff as the accounts that changed;
 * `importId` when `contacts import` writes it, one of its three files (see import-set.ts).
 */
export function existingContactsText(existing: ExistingContacts, readAt: string, importId?: string): string {
  const ids = [...existing.keys()].sort();
  const lines = ids.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(CONTACT_TYPES.filter((type) => existing.get(id)!.has(type)))}`);
  const id = importId ? `  "importId": ${JSON.stringify(importId)},\n` : "";
  return `{\n  "readAt": ${JSON.stringify(readAt)},\n${id}  "accounts": {\n${lines.join(",\n")}\n  }\n}\n`;
}

/** Parses a record; a file that is not one is a UsageError naming the file and how to write it again. */
export function parseExistingContacts(file: string, text: string): ExistingContacts {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text, and the file may hold anything (a token the path led to).
    throw new UsageError(`${file} is not JSON. Fix: ${fix(file)}.`);
  }
  const accounts = (document as { accounts?: unknown } | null)?.accounts;
  if (typeof accounts !== "object" || accounts === null || Array.isArray(accounts)) {
    throw new UsageError(`${file} has no "accounts" object, so it is not a record of existing contacts. Fix: ${fix(file)}.`);
  }
  const existing = new Map<string, Set<ContactType>>();
  for (const [id, types] of Object.entries(accounts)) {
    const valid = isAccountId(id) && Array.isArray(types) && types.every((type) => (CONTACT_TYPES as readonly unknown[]).includes(type));
    if (!valid) {
      // Named by its id only when that is an account id: no error quotes what else the file holds.
      const entry = isAccountId(id) ? `accounts.${id}` : `an entry of accounts (the ${ordinal(Object.keys(accounts).indexOf(id) + 1)})`;
      throw new UsageError(`${file}: ${entry} must be a 12-digit account id listing contact types (${CONTACT_TYPES.join(", ")}). Fix: ${fix(file)}.`);
    }
    existing.set(id, new Set(types as ContactType[]));
  }
  return existing;
}

/**
 * A UsageError when the record cdktf.json names (existingContactsFile) would be read from outside the
 * repository `cwd` is in (its git top level, else `cwd` itself): an absolute path, `..` past the root, or a
 * symbolic link leading out. cdktf.json is part of a change under review like the registry is.
 */
export function refuseExistingContactsOutsideRepository(file: string, cwd: string): void {
  const leaves = leavesRepository(cwd, file);
  if (!leaves) return;
  throw new UsageError(
    `importExistingContacts is on, but the record of existing contacts ${file} (cdktf.json context key existingContactsFile) is not read: ${leaves}. ` +
      "Fix: keep the record in the repository and name it by a path relative to the project folder, e.g. contacts/existing-contacts.json.",
  );
}

/** The record at `file` (relative to `cwd`); a missing one is a UsageError saying how to make it. */
export function loadExistingContacts(file: string, cwd = process.cwd()): ExistingContacts {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UsageError(
      `importExistingContacts is on, but the record of existing contacts ${file} (cdktf.json context key existingContactsFile) ${missing ? "does not exist" : `cannot be read (${(error as Error).message})`}. ` +
        `Fix: record which contacts AWS holds with \`npx contacts drift --existing ${file}\` (\`contacts import\` writes it too), or turn importExistingContacts off.`,
    );
  }
  return parseExistingContacts(file, text);
}

/**
 * A record updated with what a read found: the accounts read replace their entries, the others (not
 * read this time, or whose read failed) keep theirs. Of an account read only in part, the types not read
 * keep what the previous record says; without a previous entry it is left out: a record that listed only
 * the types read would say the others do not exist, and synthesis would then write over them.
 */
export function updateExistingContacts(
  previous: ExistingContacts | undefined,
  read: ReadonlyMap<string, Partial<Record<ContactType, unknown>>>,
  unread: ReadonlyMap<string, ReadonlySet<ContactType>> = new Map(),
): ExistingContacts {
  const next = new Map(previous ?? []);
  for (const [id, live] of read) {
    const notRead = unread.get(id);
    const before = previous?.get(id);
    if (notRead && !before) continue;
    next.set(id, new Set(CONTACT_TYPES.filter((type) => (notRead?.has(type) ? before!.has(type) : live[type] !== undefined))));
  }
  return next;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
