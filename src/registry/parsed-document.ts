import type { SourcePosition } from "../model/types";
import type { RegistryIssue } from "./errors";

/* The parsed registry document as the YAML and JSON readers return it and read-document completes it. */

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
