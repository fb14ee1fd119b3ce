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

/** Lines of distinct problems printed; the reports hold every issue. */
export const PROBLEMS_SHOWN = 20;
/** Other places named on a problem's line. */
const PLACES_SHOWN = 3;

/**
 * Issues grouped by distinct problem (the same message and fix), in order of first occurrence: the same
 * mistake in many places (a renamed card that 2,000 accounts still name) is one problem.
 */
export function groupByProblem(issues: readonly RegistryIssue[]): RegistryIssue[][] {
  const byProblem = new Map<string, RegistryIssue[]>();
  for (const issue of issues) {
    const key = `${issue.message}\u001f${issue.fix}`;
    const same = byProblem.get(key);
    if (same) same.push(issue);
    else byProblem.set(key, [issue]);
  }
  return [...byProblem.values()];
}

/** "The same at 2,000 more places: 5:3, 9:3, 12:3 and 1,997 more." for a problem's other places; "" when it has none. */
export function otherPlaces(others: readonly RegistryIssue[]): string {
  if (others.length === 0) return "";
  const places = others.slice(0, PLACES_SHOWN).map((i) => `${i.position.line}:${i.position.column}${i.path ? ` ${i.path}` : ""}`);
  const more = others.length - places.length;
  return `The same at ${others.length} more place${others.length === 1 ? "" : "s"}: ${places.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}

/** One line per distinct problem, its first place and the count of the others, not one line per place. */
function issueLines(issues: readonly RegistryIssue[]): string {
  const problems = groupByProblem(issues);
  const lines = problems.slice(0, PROBLEMS_SHOWN).map(([first, ...others]) => `  ${[formatIssue(first), otherPlaces(others)].filter(Boolean).join(" ")}`);
  const more = problems.length - PROBLEMS_SHOWN;
  if (more > 0) lines.push(`  ... and ${more} more distinct problems.`);
  return lines.join("\n");
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

/** The largest registry read, in bytes: some 70,000 accounts, parsed in about 400 MB; a larger file is refused unread. */
export const MAX_REGISTRY_BYTES = 5 * 1024 * 1024;

export function registryTooLarge(file: string, bytes: number): RegistryError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new RegistryError(file, [
    {
      position: { file, line: 1, column: 1 },
      path: "",
      message: `the registry file is ${mb(bytes)}, more than the ${mb(MAX_REGISTRY_BYTES)} the loader reads (a registry of 10,000 accounts is under 1 MB)`,
      fix: "check that this is the registry; a larger organization can split its accounts across registries, one per stack",
    },
  ]);
}

/** The path exists but is no file to read: a directory, a symbolic link that leads back to itself, a device. */
export function registryNotAFile(file: string, what: string, fix: string): RegistryError {
  return new RegistryError(file, [{ position: { file, line: 1, column: 1 }, path: "", message: `the registry path is ${what}, not a file`, fix }]);
}

// Issues found while reading the text, before any field is looked at.

export function numericKey(position: SourcePosition, path: string, written: string): RegistryIssue {
  return {
    position,
    path,
    message: `key ${written} is a number, not a string`,
    fix: `quote it: "${written}" (YAML reads unquoted digits as a number and drops leading zeros)`,
  };
}

/** A YAML alias (`*name`, `<<: *name`): the registry reuses values by id (a card named in defaults), not by alias. */
export function yamlAlias(position: SourcePosition, path: string, alias: string): RegistryIssue {
  return {
    position,
    path,
    message: `YAML alias *${alias} is not supported in the registry`,
    fix: "write the value out here, or give it a card under contacts and name the card by its id",
  };
}

export function duplicateKey(position: SourcePosition, path: string, key: string, first: SourcePosition): RegistryIssue {
  return {
    position,
    path,
    message: `duplicate key "${key}": it is already at line ${first.line}, column ${first.column}, and only one of the two would be kept`,
    fix: `remove one of the two "${key}" entries, or merge them into one`,
  };
}

export function nestedTooDeep(position: SourcePosition, limit: number): RegistryIssue {
  return {
    position,
    path: "",
    message: `lists and maps nest deeper than ${limit} levels here; the registry needs five`,
    fix: "remove the extra brackets or indentation: a registry is sections of maps, a few levels deep",
  };
}

/** The smallest registry that loads: what an empty file should grow from. */
const SMALLEST = { yaml: '"version: 1" and "accounts: {}" on two lines', json: '{"version": 1, "accounts": {}}' };

export function emptyRegistry(position: SourcePosition, format: "yaml" | "json"): RegistryIssue {
  return {
    position,
    path: "",
    message: `the registry is empty: the file holds no ${format === "json" ? "JSON value" : "YAML, only blank lines or comments"}`,
    fix: `start from the smallest valid registry, ${SMALLEST[format]}, then add your accounts under accounts (docs/registry.md: "The registry")`,
  };
}

/** yaml's error codes, and what to do about each; yaml's own message says what happened. */
const YAML_FIXES: [code: string, when: RegExp, fix: string][] = [
  ["TAB_AS_INDENT", /./, "indent with spaces: YAML does not allow tabs for indentation"],
  ["BAD_INDENT", /same column/, "indent this key with as many spaces as the other keys of its map"],
  ["BAD_INDENT", /Flow map/, "close the { opened on the line above with }, or indent this line to continue it"],
  ["BAD_INDENT", /Flow sequence/, "close the [ opened on the line above with ], or indent this line to continue it"],
  ["MISSING_CHAR", /quote/, "close the quoted text with the quote it opens with"],
  ["MISSING_CHAR", /map values/, 'put ": " (a colon and a space) between the key and its value'],
  ["MULTILINE_IMPLICIT_KEY", /./, 'write each key on one line, followed by ": "; a quote or bracket left open above has the same effect'],
  ["BLOCK_AS_IMPLICIT_KEY", /./, 'the value holds ": " (a colon and a space), which YAML reads as another key: put the value in quotes'],
  ["BAD_SCALAR_START", /./, "put the value in quotes: YAML does not allow a plain value to start with this character"],
  ["BAD_DQ_ESCAPE", /./, "inside double quotes write a backslash as \\\\, or use single quotes"],
  ["MULTIPLE_DOCS", /./, 'keep one document: remove the "---" line and what follows it, or merge the two'],
  ["UNEXPECTED_TOKEN", /./, "remove the character, or put the value it belongs to in quotes"],
];

export function yamlSyntaxError(position: SourcePosition, path: string, code: string, yamlMessage: string): RegistryIssue {
  const what = yamlMessage.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  const fix = YAML_FIXES.find(([c, when]) => c === code && when.test(what))?.[2];
  return {
    position,
    path,
    message: `YAML syntax: ${what.charAt(0).toLowerCase()}${what.slice(1)}`,
    fix: fix ?? "correct the YAML at this place (docs/registry.md shows the form)",
  };
}

/** A JSON syntax error, named by its most common causes (a comment, a trailing comma) where the text shows one. */
export function jsonSyntaxError(at: (offset: number) => SourcePosition, text: string, offset: number, parserMessage: string): RegistryIssue {
  const strict = "a .json registry is read as strict JSON; name it .yaml for comments and looser syntax";
  const found = text[offset];
  if (found === "/") return { position: at(offset), path: "", message: "not JSON: a comment (JSON has no comments)", fix: `remove the comment: ${strict}` };
  const before = text.slice(0, offset).trimEnd();
  if ((found === "}" || found === "]") && before.endsWith(",")) {
    return { position: at(before.length - 1), path: "", message: `not JSON: a comma before "${found}"`, fix: `remove the trailing comma: ${strict}` };
  }
  if (found === "'") return { position: at(offset), path: "", message: "not JSON: text in single quotes", fix: "write strings and keys in double quotes" };
  return { position: at(offset), path: "", message: `not JSON: ${parserMessage}`, fix: `correct the JSON at this place: ${strict}` };
}

export function secondJsonValue(position: SourcePosition): RegistryIssue {
  return {
    position,
    path: "",
    message: "not JSON: a second value after the registry's object",
    fix: "keep one object: remove what follows it, or merge the two",
  };
}

// Issues of values, found once the registry has its shape.

export function templateSequence(position: SourcePosition, path: string, sequence: string): RegistryIssue {
  return {
    position,
    path,
    message: `contains "${sequence}", which Terraform would evaluate as an expression (it could run Terraform functions on the machine that plans)`,
    fix: `remove "${sequence}": registry values are literal text`,
  };
}

export function edgeWhitespace(
  position: SourcePosition,
  path: string,
  { field, value, where }: { field: string; value: string; where: string },
): RegistryIssue {
  return {
    position,
    path,
    message: `${field} ${JSON.stringify(value)} ${where} with white space, which would be sent to AWS as part of the value`,
    fix: `remove the white space: ${JSON.stringify(value.trim())}`,
  };
}

export function reviewedInFuture(position: SourcePosition, path: string, reviewed: string, today: string): RegistryIssue {
  return {
    position,
    path,
    message: `the group was reviewed on ${reviewed}, after today (${today}), so its review would not go stale when it should`,
    fix: `set reviewed to the day the members were confirmed, ${today} or earlier`,
  };
}

export function exceptionTooLong(
  position: SourcePosition,
  path: string,
  { expires, latest, maxDays, today }: { expires: string; latest: string; maxDays: number; today: string },
): RegistryIssue {
  return {
    position,
    path,
    message: `the exception expires on ${expires}, more than policy.maxExceptionDays (${maxDays}) days after today (${today})`,
    fix: `set expires to ${latest} or earlier, and renew the exception then if it is still needed`,
  };
}
