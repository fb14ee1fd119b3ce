import { duplicateKey, emptyRegistry, jsonSyntaxError, secondJsonValue, type RegistryIssue } from "./errors";
import { JsonSyntaxError, lineColumnOf, parseJsonSequence, type JsonSequence } from "./json-sequence";
import type { ReadResult } from "./parsed-document";

/**
 * Reads a `.json` registry as strict JSON, as every other JSON tool will: no comments, no trailing commas,
 * one value. YAML would accept both silently (JSON is almost a subset of YAML) and report `//` as a
 * cascade of YAML errors. Keeps where every key and value starts, as the YAML reader does.
 */
export function readJson(file: string, text: string): ReadResult {
  const lineColumn = lineColumnOf(text);
  const at = (offset: number) => ({ file, ...lineColumn(offset) });
  const fail = (issue: RegistryIssue): ReadResult => ({
    value: undefined,
    index: { root: 0, valueOffset: () => undefined, keyOffset: () => undefined },
    lineColumn,
    issues: [issue],
    numericKeys: new Set(),
    aliasPaths: new Set(),
  });
  const duplicates: { node: object; key: string; first: number; offset: number }[] = [];
  let parsed: JsonSequence;
  try {
    parsed = parseJsonSequence(text, { keyOffsets: true, onDuplicateKey: (node, key, first, offset) => duplicates.push({ node, key, first, offset }) });
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return fail(jsonSyntaxError(at, text, error.offset, error.message));
  }
  const { values, offsets, offsetOf, keyOffsetOf } = parsed;
  if (values.length === 0) return fail(emptyRegistry(at(0), "json"));
  if (values.length > 1) return fail(secondJsonValue(at(offsets[1])));
  const paths = duplicates.length ? pathsOf(values[0]) : new Map<object, string[]>();
  const issues = duplicates.map(({ node, key, first, offset }) => duplicateKey(at(offset), [...(paths.get(node) ?? []), key].join("."), key, at(first)));
  return {
    value: values[0],
    index: { root: offsets[0], valueOffset: offsetOf, keyOffset: keyOffsetOf },
    lineColumn,
    issues,
    numericKeys: new Set(),
    aliasPaths: new Set(),
  };
}

/** The path of every object and list in a value: to name where a duplicate key stands (built only when there is one). */
function pathsOf(root: unknown): Map<object, string[]> {
  const paths = new Map<object, string[]>();
  const visit = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== "object") return;
    paths.set(node, path);
    for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
  };
  visit(root, []);
  return paths;
}
