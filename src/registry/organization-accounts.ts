import * as fs from "fs";
import * as path from "path";
import type { OrganizationAccount } from "../model/organization";
import { accountsFileNotFound, accountsFileOutsideRepository, accountsFileUnreadable, OrganizationAccountsError } from "./accounts-file-errors";
import { readAccountsListing } from "./list-accounts-shape";
import { readDocument } from "./read-document";
import { leavesRepository } from "./repository-files";
import type { Registry, SourcePosition } from "../model/types";

/** Reads a file's text; throws (with `code: "ENOENT"` when the file does not exist) when it cannot. */
export type ReadText = (file: string) => string;

const readUtf8: ReadText = (file) => fs.readFileSync(file, "utf8");

/**
 * Where the registry's `organization.accountsFile` points: the path resolved against the registry file's
 * directory, relative when the registry's path is relative (so a reader of a git revision can use it as
 * a path in the repository). Undefined when the registry names no accounts file.
 */
export function organizationAccountsPath(registry: Registry): string | undefined {
  const named = registry.organizationAccountsFile;
  if (named === undefined) return undefined;
  return path.isAbsolute(named) ? named : path.join(path.dirname(registry.file), named);
}

/**
 * The organization's accounts from the file the registry names (the output of
 * `aws organizations list-accounts`), or undefined when it names none. Throws an OrganizationAccountsError
 * (a RegistryError) naming the accounts file, the registry line that named it, and each problem with its
 * line, column and fix. Linear in the file's size.
 * The file must lie inside the registry's repository (repository-files); no error quotes its contents.
 * @param readText reads a file at the path organizationAccountsPath returns; `contacts review` passes one
 * that reads a git revision. It also reads the registry file, only to locate the line for an error.
 * @param cwd the folder a relative registry path is relative to: where the registry stands on disk, or
 * the repository's top level for a registry path inside a git revision
 */
export function loadOrganizationAccounts(registry: Registry, readText: ReadText = readUtf8, cwd = process.cwd()): OrganizationAccount[] | undefined {
  const file = organizationAccountsPath(registry);
  if (file === undefined) return undefined;
  const leaves = leavesRepository(path.resolve(cwd, path.dirname(registry.file)), registry.organizationAccountsFile!);
  if (leaves) throw accountsFileOutsideRepository(registry.organizationAccountsFile!, accountsFileEntry(registry, readText), leaves);
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    const namedAt = accountsFileEntry(registry, readText);
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw accountsFileNotFound(file, namedAt);
    throw accountsFileUnreadable(file, namedAt, (error as Error).message);
  }
  const { accounts, issues } = readAccountsListing(file, text);
  if (issues.length) throw new OrganizationAccountsError(file, accountsFileEntry(registry, readText), issues);
  return accounts;
}

/** The registry line of `organization.accountsFile`; read again only for an error (Registry keeps no position for it). */
function accountsFileEntry(registry: Registry, readText: ReadText): SourcePosition {
  try {
    return readDocument(registry.file, readText(registry.file)).valueAt(["organization", "accountsFile"]);
  } catch {
    return { file: registry.file, line: 1, column: 1 };
  }
}
