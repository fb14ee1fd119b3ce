import type { ErrorObject } from "ajv";
import { notOnTheCalendar } from "../model/calendar-days";
import type { RegistryIssue } from "./errors";
import type { ParsedDocument, RegistryPath } from "./read-document";

/** Turns ajv's errors into one readable issue each, positioned at the offending key or value. */
export function schemaIssues(errors: ErrorObject[], doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // propertyNames failures come twice (the inner pattern and the wrapper): keep the inner one.
    if (error.keyword === "propertyNames") continue;
    // A directory source's type picks its settings (if/then): the settings' own errors say what is wrong.
    if (error.keyword === "if") continue;
    const path = pointerToPath(error.instancePath);
    // An exception's rule is a built-in's id or a team's own (anyOf): its enum says what is wrong, the other branches add nothing.
    if (path[0] === "exceptions" && path.at(-1) === "rule" && error.keyword !== "enum") continue;
    const propertyName = (error as { propertyName?: string }).propertyName;
    if (propertyName !== undefined && doc.numericKeys.has([...path, propertyName].join("."))) continue;
    const issue = describe(error, path, doc);
    const key = `${issue.path}|${issue.message}`;
    // An alias, already reported, reads as nothing: not reported again as a missing value.
    if (seen.has(key) || doc.aliasPaths.has(issue.path)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function describe(error: ErrorObject, path: RegistryPath, doc: ParsedDocument): RegistryIssue {
  const params = error.params as Record<string, unknown>;
  const dotted = path.join(".");
  const propertyName = (error as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const keyPath = [...path, propertyName];
    const underAccounts = path.length === 1 && path[0] === "accounts";
    return {
      position: doc.keyAt(keyPath),
      path: keyPath.join("."),
      message: underAccounts ? `account id "${propertyName}" is not 12 digits` : `"${propertyName}" is not a valid name here`,
      fix: underAccounts
        ? 'write the account id as 12 digits in quotes, e.g. "012345678901"'
        : "use letters, digits, '.', '_' and '-' only, starting with a letter or digit",
    };
  }
  if (path.length === 0 && error.keyword === "type") {
    return {
      position: doc.valueAt(path),
      path: dotted,
      message: `the registry must be a map of sections (version, accounts, ...), not ${kindOf(error.data)}`,
      fix:
        doc.format === "json"
          ? 'write it as one object, e.g. {"version": 1, "accounts": {}}'
          : 'start with "version: 1" and "accounts:" at the start of their lines',
    };
  }
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      const property = (error.parentSchema as { properties?: Record<string, { const?: unknown; examples?: unknown[] }> })?.properties?.[missing];
      const example = property?.examples?.[0];
      const fix =
        property?.const !== undefined
          ? `add ${entry(doc.format, missing, property.const)}${path.length ? "" : doc.format === "json" ? " to the top-level object" : " on its own line at the top of the file"}`
          : example === undefined || typeof example === "object"
            ? `add ${missing}`
            : `add ${missing}, e.g. ${entry(doc.format, missing, example)}`;
      // The path names the missing field, as the loader's other checks name the field to fix.
      return { position: doc.valueAt(path), path: [...path, missing].join("."), message: `required field "${missing}" is missing`, fix };
    }
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      if (path[0] === "directories" && SECRET_LIKE.test(extra)) return secretInFile(doc, [...path, extra]);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return {
        position: doc.keyAt([...path, extra]),
        path: [...path, extra].join("."),
        message: `unknown field "${extra}"`,
        fix: allowed.length ? `remove it, or use one of: ${allowed.join(", ")}` : "remove it",
      };
    }
    case "type": {
      const expected = String(params.type);
      const got = typeof error.data;
      const quote = doc.format === "yaml" ? `: YAML reads it as a ${got}` : "";
      const fix =
        expected === "string" && (got === "number" || got === "boolean")
          ? `quote it, e.g. "${written(doc, path, error.data)}"${quote}`
          : `write ${article(expected)} here`;
      return { position: doc.valueAt(path), path: dotted, message: `must be ${article(expected)}, not ${kindOf(error.data)}`, fix };
    }
    case "enum":
      if (path[0] === "exceptions" && path.at(-1) === "type") {
        return {
          position: doc.valueAt(path),
          path: dotted,
          message: `must be a contact type, not ${JSON.stringify(error.data)}`,
          fix: "use security, billing, operations or primary (upper case works too)",
        };
      }
      return {
        position: doc.valueAt(path),
        path: dotted,
        message: `must be one of ${(params.allowedValues as unknown[]).join(", ")}`,
        fix:
          path.at(-1) === "rule"
            ? "name a rule that can be excepted (invalid-field and unverifiable cannot), or a team's own rule by its id, <namespace>/<name>"
            : "use one of the allowed values",
      };
    case "const":
      return {
        position: doc.valueAt(path),
        path: dotted,
        message: `must be ${JSON.stringify(params.allowedValue)}`,
        fix: `set it to ${JSON.stringify(params.allowedValue)}`,
      };
    case "format": {
      // Written as a date but not one (2026-13-20): say so, not "must be written YYYY-MM-DD", which it is.
      const why = typeof error.data === "string" ? notOnTheCalendar(error.data) : undefined;
      if (why)
        return {
          position: doc.valueAt(path),
          path: dotted,
          message: `"${String(error.data)}" is not a calendar date: ${why}`,
          fix: "write a day that exists, YYYY-MM-DD",
        };
      return { position: doc.valueAt(path), path: dotted, message: "must be a date written YYYY-MM-DD", fix: "write the day as YYYY-MM-DD, e.g. 2026-09-01" };
    }
    case "minLength":
      return {
        position: doc.valueAt(path),
        path: dotted,
        message: `must be at least ${params.limit} characters long`,
        fix: path.at(-1) === "reason" ? "say why the exception is acceptable and who accepted it" : "write a longer value",
      };
    case "pattern":
      return {
        position: doc.valueAt(path),
        path: dotted,
        message:
          path[0] === "exceptions" && path.at(-1) === "account"
            ? "must be a 12-digit account id in quotes"
            : `does not match the expected form ${params.pattern}`,
        fix: "correct the value",
      };
    case "minimum":
      return { position: doc.valueAt(path), path: dotted, message: `must be at least ${params.limit}`, fix: `use a number of ${params.limit} or more` };
    case "uniqueItems":
      return { position: doc.valueAt(path), path: dotted, message: "lists the same item twice", fix: "remove the repeated item" };
    default:
      return { position: doc.valueAt(path), path: dotted, message: error.message ?? "is not valid", fix: "correct the value" };
  }
}

/** A setting that would hold a credential: the registry is read by everyone who can read the repository. */
const SECRET_LIKE = /pass(word)?|secret|credential|token|key/i;

function secretInFile(doc: ParsedDocument, path: RegistryPath): RegistryIssue {
  return {
    position: doc.keyAt(path),
    path: path.join("."),
    message: `"${path.at(-1)}" would put a secret in the registry, which everyone who can read the repository reads`,
    fix: "remove it and keep the secret out of the file: for ldap name the environment variable that holds the bind password with passwordEnv; for graph set AZURE_CLIENT_SECRET in the environment, or use workload identity federation (AZURE_FEDERATED_TOKEN_FILE)",
  };
}

/** The value as the file writes it, so that a quoted fix keeps what YAML dropped (the `+` of `+12065550100`). */
function written(doc: ParsedDocument, path: RegistryPath, value: unknown): string {
  const source = doc.sourceAt(path);
  // Only text that reads back as this very value: never a neighbour's text when the path stops short.
  return source !== "" && Number(source) === Number(value) && !/["'\\]/.test(source) ? source : String(value);
}

function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** What a value is, as a message names it: "empty", "a list", "a number". */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  return Array.isArray(value) ? "a list" : article(typeof value);
}

/** `key: value` as the registry's format writes it, for a fix to show. */
function entry(format: ParsedDocument["format"], key: string, value: unknown): string {
  return format === "json" ? `"${key}": ${JSON.stringify(value)}` : `${key}: ${typeof value === "string" ? JSON.stringify(value) : String(value)}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
