import type { SourcePosition } from "../model/types";
import type { OffsetIndex, ParsedDocument, RegistryPath } from "./parsed-document";
import { readJson } from "./read-json";
import { readYaml } from "./read-yaml";

export type { ParsedDocument, RegistryPath } from "./parsed-document";

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
    valueAt: (path) => position(offsetAt(read.value, index, path, "value")),
    keyAt: (path) => position(offsetAt(read.value, index, path, "key")),
    // A plain scalar ends at white space, a flow collection's comma or bracket, or a comment.
    sourceAt: (path) => /^[^\s,\]}#]*/.exec(text.slice(offsetAt(read.value, index, path, "value")))![0],
  };
}

/** Follows `path` down the value as far as it exists; the key's offset for the last step when asked and there is one. */
function offsetAt(value: unknown, index: OffsetIndex, path: RegistryPath, of: "key" | "value"): number {
  let node = value;
  let offset = index.root;
  for (let n = 0; n < path.length; n++) {
    if (node === null || typeof node !== "object") break;
    const list = Array.isArray(node);
    const step = list ? Number(path[n]) : String(path[n]);
    const at = index.valueOffset(node, step);
    if (at === undefined) break;
    if (of === "key" && !list && n === path.length - 1) return index.keyOffset(node, step as string) ?? at;
    offset = at;
    node = (node as Record<string | number, unknown>)[step];
  }
  return offset;
}
