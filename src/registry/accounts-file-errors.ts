import { RegistryError, type RegistryIssue } from "./errors";
import type { SourcePosition } from "../model/types";

/** How to write an accounts file that reads: said in every fix about its shape. */
export function accountsFileFix(file: string): string {
  return `write it with \`aws organizations list-accounts --output json > ${file}\``;
}

/** How to write an organization snapshot again: said in every fix about a snapshot's own fields. */
export function snapshotFix(file: string): string {
  return `write it again with \`contacts org-snapshot --output ${file}\``;
}

/**
 * The organization accounts file the registry names cannot be used. A RegistryError, so `cdktf synth`
 * and the `contacts` commands print it without a stack trace and exit 2, under their own headline. Its
 * subject names the accounts file and the registry line that named it; its issues give every problem
 * with line, column and fix.
 */
export class OrganizationAccountsError extends RegistryError {
  constructor(
    readonly accountsFile: string,
    readonly namedAt: SourcePosition,
    issues: RegistryIssue[],
  ) {
    super(
      accountsFile,
      issues,
      `The organization accounts file ${accountsFile} (organization.accountsFile at ${namedAt.file}:${namedAt.line}:${namedAt.column})`,
    );
    this.name = "OrganizationAccountsError";
  }
}

export function accountsFileNotFound(accountsFile: string, namedAt: SourcePosition): OrganizationAccountsError {
  return new OrganizationAccountsError(accountsFile, namedAt, [
    {
      position: namedAt,
      path: "organization.accountsFile",
      message: `the organization accounts file ${accountsFile} does not exist`,
      fix: `${accountsFileFix(accountsFile)}, or correct the path (it is relative to the registry file)`,
    },
  ]);
}

export function accountsFileUnreadable(accountsFile: string, namedAt: SourcePosition, reason: string): OrganizationAccountsError {
  return new OrganizationAccountsError(accountsFile, namedAt, [
    {
      position: namedAt,
      path: "organization.accountsFile",
      message: `the organization accounts file ${accountsFile} cannot be read (${reason})`,
      fix: "check the path and its permissions",
    },
  ]);
}

export function accountsFileOutsideRepository(accountsFile: string, namedAt: SourcePosition, why: string): OrganizationAccountsError {
  return new OrganizationAccountsError(accountsFile, namedAt, [
    {
      position: namedAt,
      path: "organization.accountsFile",
      message: `the organization accounts file ${accountsFile} is not read: ${why}, and the registry may only name files inside its repository`,
      fix: "keep the accounts file in the repository, beside the registry, and name it by a path relative to the registry's folder",
    },
  ]);
}
