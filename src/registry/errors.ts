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
 * The registry cannot be used: every issue found, in file order. A user mistake, not a bug, so the
 * entry points print it without a stack trace and exit non-zero, each under its own headline (what it
 * did not do: see restateIssues); `message` states the issues alone, for anyone who prints it as is.
 */
export class RegistryError extends Error {
  readonly issues: RegistryIssue[];
  /**
   * @param subject what cannot be used, as a headline names it: "The contacts registry <file>" unless a
   * subclass names another file.
   */
  constructor(
    readonly file: string,
    issues: RegistryIssue[],
    readonly subject = `The contacts registry ${file}`,
  ) {
    const sorted = [...issues].sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
    super(headline(subject, sorted.length, undefined) + issueLines(sorted));
    this.name = "RegistryError";
    this.issues = sorted;
  }
}

/**
 * The issues under an entry point's own headline: what is at fault (`subject`, e.g. which side of a change)
 * and what the entry point did not do because of it (`consequence`: "nothing was synthesized", "nothing
 * was compared", "no plan was judged").
 */
export function restateIssues(error: RegistryError, subject: string, consequence: string): string {
  return headline(subject, error.issues.length, consequence) + issueLines(error.issues);
}

function headline(subject: string, count: number, consequence: string | undefined): string {
  const errors = count === 1 ? "1 error" : `${count} errors`;
  return `${subject} has ${errors}${consequence ? `; ${consequence}` : ""}:\n`;
}

function issueLines(issues: readonly RegistryIssue[]): string {
  return issues.map((i) => `  ${formatIssue(i)}`).join("\n");
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
