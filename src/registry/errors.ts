import type { SourcePosition } from "../model/types";

/** One thing wrong with the registry: where, what, and how to fix it. */
export interface RegistryIssue {
  position: SourcePosition;
  /** Dotted path in the registry, e.g. `accounts.222222222222.contacts.security`; empty for the file as a whole. */
  path: string;
  message: string;
  fix: string;
}

export function formatIssue(issue: RegistryIssue): string {
  const where = `${issue.position.file}:${issue.position.line}:${issue.position.column}`;
  const path = issue.path ? ` ${issue.path}:` : "";
  return `${where}${path} ${issue.message}. Fix: ${issue.fix}.`;
}

/**
 * The registry cannot be used: every issue found, in file order. A user mistake, not a bug,
 * so the command-line entry points print `message` and exit non-zero without a stack trace.
 */
export class RegistryError extends Error {
  readonly issues: RegistryIssue[];
  constructor(readonly file: string, issues: RegistryIssue[]) {
    const sorted = [...issues].sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
    const count = sorted.length === 1 ? "1 error" : `${sorted.length} errors`;
    super(`The contacts registry ${file} has ${count}; nothing was synthesized:\n${sorted.map((i) => "  " + formatIssue(i)).join("\n")}`);
    this.name = "RegistryError";
    this.issues = sorted;
  }
}

/**
 * The same issues under a command's own headline: `contacts review` and `check-plan` synthesize nothing,
 * so they say what they did not do instead, and which file (or side of a change) is at fault.
 */
export function restateIssues(error: RegistryError, subject: string, consequence: string): string {
  const count = error.issues.length === 1 ? "1 error" : `${error.issues.length} errors`;
  return `${subject} has ${count}; ${consequence}:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`;
}

export function registryNotFound(file: string, origin: string): RegistryError {
  return new RegistryError(file, [
    {
      position: { file, line: 1, column: 1 },
      path: "",
      message: `the registry file does not exist (path taken from ${origin})`,
      fix: "create it, or point CONTACTS_REGISTRY or the cdktf.json context key contactsRegistry at an existing .yaml or .json file",
    },
  ]);
}

export function registryUnreadable(file: string, reason: string): RegistryError {
  return new RegistryError(file, [
    { position: { file, line: 1, column: 1 }, path: "", message: `the registry file cannot be read (${reason})`, fix: "check the path and its permissions" },
  ]);
}
