import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import type { SourcePosition } from "../model/types";
import type { RegistryIssue } from "./errors";

/** A registry path: the keys and indexes from the root, e.g. ["accounts", "222222222222", "contacts"]. */
export type RegistryPath = readonly (string | number)[];

export interface ParsedDocument {
  value: unknown;
  /** Where the value at a path starts. */
  valueAt(path: RegistryPath): SourcePosition;
  /** Where the key naming the value at a path stands; the value's position for list items. */
  keyAt(path: RegistryPath): SourcePosition;
  issues: RegistryIssue[];
  /** Paths (joined with ".") of map keys that YAML read as numbers: already reported, with the fix. */
  numericKeys: Set<string>;
}

const SEP = "\u001f";
const pathKey = (path: RegistryPath) => path.join(SEP);

/**
 * Parses YAML (and so JSON, a subset of YAML 1.2) keeping the line and column of every key and value,
 * so that every later error can name the exact place to fix. One walk over the tree: linear in its size.
 */
export function readDocument(file: string, text: string): ParsedDocument {
  const lineCounter = new LineCounter();
  // Duplicate keys are found in walk() with a Set: yaml's own check compares each key with every
  // earlier one, quadratic in a map's size (over half a second for 10,000 accounts).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const issues: RegistryIssue[] = [];
  const numericKeys = new Set<string>();
  for (const error of doc.errors) {
    const position = at(error.pos[0]);
    issues.push({ position, path: "", message: firstLine(error.message), fix: "fix the syntax at this place" });
  }
  const values = new Map<string, SourcePosition>();
  const keys = new Map<string, SourcePosition>();
  const start = at(0);
  let value: unknown = null;
  if (doc.errors.length === 0) {
    value = walk(doc.contents as YamlNode | null, []);
  }
  const lookup = (map: Map<string, SourcePosition>, path: RegistryPath): SourcePosition => {
    for (let n = path.length; n >= 0; n--) {
      const found = map.get(pathKey(path.slice(0, n)));
      if (found) return found;
    }
    return start;
  };
  return {
    value,
    valueAt: (path) => lookup(values, path),
    keyAt: (path) => keys.get(pathKey(path)) ?? lookup(values, path),
    issues,
    numericKeys,
  };

  function walk(node: YamlNode | null, path: (string | number)[]): unknown {
    if (node?.range) values.set(pathKey(path), at(node.range[0]));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const rawKey = isScalar(keyNode) ? keyNode.value : keyNode;
        if (typeof rawKey === "number" && isScalar(keyNode)) {
          // An unquoted 12-digit account id is a number to YAML: 012345678901 silently loses its leading zero.
          issues.push({
            position: at(keyNode.range?.[0] ?? 0),
            path: [...path, keyNode.source ?? String(rawKey)].join("."),
            message: `key ${keyNode.source ?? rawKey} is a number, not a string`,
            fix: `quote it: "${keyNode.source ?? rawKey}" (YAML reads unquoted digits as a number and drops leading zeros)`,
          });
        }
        const key = String(rawKey);
        if (seen.has(key)) {
          issues.push({
            position: at(keyNode?.range?.[0] ?? 0),
            path: "",
            message: "duplicate key: each key may appear once in a map",
            fix: "remove or rename one of the two entries",
          });
        }
        seen.add(key);
        if (typeof rawKey === "number") numericKeys.add([...path, key].join("."));
        const childPath = [...path, key];
        if (keyNode?.range) keys.set(pathKey(childPath), at(keyNode.range[0]));
        out[key] = walk(pair.value as YamlNode | null, childPath);
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => walk(item as YamlNode | null, [...path, index]));
    }
    if (isScalar(node)) {
      const v = node.value;
      // YAML 1.2 core schema: dates stay strings, so `reviewed: 2026-09-01` keeps its text.
      return v;
    }
    return node === null ? null : ((node as { toJSON?: () => unknown }).toJSON?.() ?? null);
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
