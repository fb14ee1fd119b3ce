import { parseDocument, type YAMLError } from "yaml";
import type { SourcePosition } from "../model/types";
import { yamlSyntaxError, type RegistryIssue } from "./errors";

/**
 * How the registry's YAML is parsed. Duplicate keys are found by the walk (yaml's own check is quadratic
 * in a map's size); strict, so that what would parse differently elsewhere is an error here.
 */
export const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true } as const;

/** Enough to fix in one go; a file with more independent mistakes shows the rest on the next run. */
const MOST_REPORTED = 10;

/**
 * The syntax errors worth reading: the first, and those independent of it. One mistake (a tab, an
 * unclosed quote) makes yaml report every sibling after it too. An error counts as independent when it
 * is still there, at the same place, once the first error's line and the lines nested under it are
 * blanked out: the same as deleting that entry, which leaves the rest of the file as it was. Error path
 * only: one more parse per error reported.
 */
export function yamlSyntaxIssues(text: string, errors: readonly YAMLError[], at: (offset: number) => SourcePosition): RegistryIssue[] {
  const original = new Set(errors.map(errorKey));
  const reported: YAMLError[] = [];
  let pending = byPosition(errors);
  let masked = text;
  while (pending.length && reported.length < MOST_REPORTED) {
    const first = pending[0];
    reported.push(first);
    const [start, end] = entryLines(masked, first.pos[0]);
    const after = (e: YAMLError) => e.pos[0] >= end && e.pos[0] > first.pos[0];
    if (!pending.some(after)) break;
    masked = masked.slice(0, start) + masked.slice(start, end).replace(/[^\n]/g, " ") + masked.slice(end);
    pending = byPosition(parseDocument(masked, YAML_OPTIONS).errors.filter((e) => after(e) && original.has(errorKey(e))));
  }
  return reported.map((e) => yamlSyntaxError(at(e.pos[0]), keyPathAt(text, e.pos[0]), e.code, e.message));
}

function errorKey(error: YAMLError): string {
  return `${error.code}@${error.pos[0]}`;
}

function byPosition(errors: readonly YAMLError[]): YAMLError[] {
  return [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
}

/** The line holding `offset` and the lines after it that are blank, comments, or indented deeper: the entry it starts. */
function entryLines(text: string, offset: number): [start: number, end: number] {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const depth = indentation(text, start);
  let end = lineEnd(text, start);
  while (end < text.length) {
    const next = end + 1;
    const line = text.slice(next, lineEnd(text, next));
    if (line.trim() !== "" && !line.trim().startsWith("#") && indentation(text, next) <= depth) break;
    end = lineEnd(text, next);
  }
  return [start, Math.min(end + 1, text.length)];
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

/** Leading spaces and tabs, each counted as one: a tab is the mistake being reported, not a width. */
function indentation(text: string, lineStart: number): number {
  let n = lineStart;
  while (text[n] === " " || text[n] === "\t") n++;
  return n - lineStart;
}

const KEY_LINE = /^[ \t]*(?:-[ \t]+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#"'{[\]}:,-][^:#]*?)[ \t]*:(?:[ \t]|$)/;

/**
 * The registry path the error stands in, read from indentation: the line's own key and the keys of the
 * lines it is nested under (`groups.secops-leads`). The tree itself is not there to ask: it did not parse.
 */
function keyPathAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const line = text.slice(lineStart, lineEnd(text, lineStart));
  const own = keyOf(line);
  if (/^ *\t/.test(line) && lineStart > 0) return tabbedKeyPath(text, lineStart, own);
  const keys = own === undefined ? [] : [own];
  let depth = indentation(text, lineStart);
  for (let start = previousLine(text, lineStart); start !== undefined && depth > 0; start = previousLine(text, start)) {
    const key = keyOf(text.slice(start, lineEnd(text, start)));
    const indent = indentation(text, start);
    if (key === undefined || indent >= depth) continue;
    keys.unshift(key);
    depth = indent;
  }
  return keys.join(".");
}

/**
 * A tab's width is anyone's guess, so a tab-indented line is placed by the line above it: nested under it
 * when that line opens a block (ends with ":"), beside it otherwise.
 */
function tabbedKeyPath(text: string, lineStart: number, own: string | undefined): string {
  let above = previousLine(text, lineStart);
  while (above !== undefined && /^\s*(#.*)?$/.test(text.slice(above, lineEnd(text, above)))) above = previousLine(text, above);
  if (above === undefined) return own ?? "";
  const aboveLine = text.slice(above, lineEnd(text, above)).replace(/\s+#.*$/, "");
  const parent = keyPathAt(text, above).split(".").filter(Boolean);
  if (!/:\s*$/.test(aboveLine)) parent.pop();
  return [...parent, ...(own === undefined ? [] : [own])].join(".");
}

function keyOf(line: string): string | undefined {
  return KEY_LINE.exec(line)?.[1].replace(/^(["'])(.*)\1$/, "$2");
}

function previousLine(text: string, lineStart: number): number | undefined {
  if (lineStart === 0) return undefined;
  return text.lastIndexOf("\n", lineStart - 2) + 1;
}
