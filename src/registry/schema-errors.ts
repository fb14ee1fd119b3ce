import type { ErrorObject } from "ajv";
import type { RegistryIssue } from "./errors";
import type { ParsedDocument, RegistryPath } from "./read-document";

/** Turns ajv's errors into one readable issue each, positioned at the offending key or value. */
export function schemaIssues(errors: ErrorObject[], doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // propertyNames failures come twice (the inner pattern and the wrapper): keep the inner one.
    if (error.keyword === "propertyNames") continue;
    const path = pointerToPath(error.instancePath);
    const propertyName = (error as { propertyName?: string }).propertyName;
    if (propertyName !== undefined && doc.numericKeys.has([...path, propertyName].join("."))) continue;
    const issue = describe(error, path, doc);
    const key = `${issue.path}|${issue.message}`;
    if (seen.has(key)) continue;
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
  switch (error.keyword) {
    case "required":
      return {
        position: doc.valueAt(path),
        path: dotted,
        message: `required field "${params.missingProperty}" is missing`,
        fix: `add ${params.missingProperty}`,
      };
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
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
      const got = error.data === null ? "empty" : typeof error.data;
      const fix =
        expected === "string" && (got === "number" || got === "boolean")
          ? `quote it, e.g. "${String(error.data)}": YAML reads it as a ${got}`
          : `write ${article(expected)} here`;
      return {
        position: doc.valueAt(path),
        path: dotted,
        message: `must be ${article(expected)}, not ${got === "object" && Array.isArray(error.data) ? "a list" : got === "empty" ? "empty" : article(got)}`,
        fix,
      };
    }
    case "enum":
      return {
        position: doc.valueAt(path),
        path: dotted,
        message: `must be one of ${(params.allowedValues as unknown[]).join(", ")}`,
        fix: path.at(-1) === "rule" ? "name a rule that can be excepted (invalid-field and unverifiable cannot)" : "use one of the allowed values",
      };
    case "const":
      return {
        position: doc.valueAt(path),
        path: dotted,
        message: `must be ${JSON.stringify(params.allowedValue)}`,
        fix: `set it to ${JSON.stringify(params.allowedValue)}`,
      };
    case "format":
      return { position: doc.valueAt(path), path: dotted, message: "must be a date written YYYY-MM-DD", fix: "write the day as YYYY-MM-DD, e.g. 2026-09-01" };
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

function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
