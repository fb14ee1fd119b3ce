import type { SourcePosition } from "../model/types";
import type { RegistryIssue } from "./errors";
import { readJson } from "./read-json";
import { readYaml } from "./read-yaml";

/** A registry path: the keys and indexes from the root, e.g. ["accounts", "222222222222", "contacts"]. */
export type RegistryPath = readonly (string | number)[];

export interface ParsedDocument {
  /** How the text was read: strict JSON for a file whose name ends in `.json`, YAML otherwise. */
  format: "yaml" | "json";
  /** The document's value; undefined when there is none to check (an empty file, or a syntax error: see issues). */
  value: unknown;
  /** Where the value at a path starts; the nearest ancestor's position when the path does not exist. */
  valueAt(path: RegistryPath): SourcePosition;
  /** Where the key naming the value at a path stands; the value's position for list items. */
  keyAt(path: RegistryPath): SourcePosition;
  /** The text of the scalar at a path as written (`+12065550100`, where YAML read the number 12065550100). */
  sourceAt(path: RegistryPath): string;
  issues: RegistryIssue[];
  /** Paths (joined with ".") of map keys that YAML read as numbers: already reported, with the fix. */
  numericKeys: Set<string>;
  /** Paths (joined with ".") of values that were aliases, read as nothing: already reported, with the fix. */
  aliasPaths: Set<string>;
}

/** Where a reader found each key and value: offsets into the text, looked up per parsed object or list. */
export interface OffsetIndex {
  /** Where the document's value starts. */
  root: number;
  valueOffset(node: object, key: string | number): number | undefined;
  keyOffset(node: object, key: string): number | undefined;
}

/** What a reader returns: the document less its position lookups, which are the same for YAML and JSON. */
export type ReadResult = Omit<ParsedDocument, "valueAt" | "keyAt" | "sourceAt" | "format"> & {
  index: OffsetIndex;
  lineColumn: (offset: number) => { line: number; column: number };
};

/**
 * Reads a registry keeping the line and column of every key and value, so that every later error can name
 * the exact place to fix. A name ending in `.json` is read as strict JSON (no comments, no trailing
 * commas), anything else as YAML. Linear in the text's size; a lookup walks the path, never the file.
 */
export function readDocument(file: string, text: string): ParsedDocument {
  const format = /\.json$/i.test(file) ? "json" : "yaml";
  const { index, lineColumn, ...read } = format === "json" ? readJson(file, text) : readYaml(file, text);
  const position = (offset: number): SourcePosition => ({ file, ...lineColumn(offset) });
  return {
    ...read,
    format,
    valueAt: (path) => position(offsetAt(read.value, index, path, false)),
    keyAt: (path) => position(offsetAt(read.value, index, path, true)),
    // A plain scalar ends at white space, a flow collection's comma or bracket, or a comment.
    sourceAt: (path) => /^[^\s,\]}#]*/.exec(text.slice(offsetAt(read.value, index, path, false)))![0],
  };
}

/** Follows `path` down the value as far as it exists; the key's offset for the last step when asked and there is one. */
function offsetAt(value: unknown, index: OffsetIndex, path: RegistryPath, key: boolean): number {
  let node = value;
  let offset = index.root;
  for (let n = 0; n < path.length; n++) {
    if (node === null || typeof node !== "object") break;
    const list = Array.isArray(node);
    const step = list ? Number(path[n]) : String(path[n]);
    const at = index.valueOffset(node, step);
    if (at === undefined) break;
    if (key && !list && n === path.length - 1) return index.keyOffset(node, step as string) ?? at;
    offset = at;
    node = (node as Record<string | number, unknown>)[step];
  }
  return offset;
}
