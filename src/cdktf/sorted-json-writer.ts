/**
 * Plain JSON data (objects, arrays, strings, numbers, booleans, null) as the CDK core's writers give it with
 * an indentation of two (cdktf's json-stable-stringify, cdktn's safe-stable-stringify): keys sorted by
 * UTF-16 code unit at every level, `undefined` properties left out, `undefined` array items as null, empty
 * containers as `{}` and `[]` (as cdktn and JSON.stringify write them).
 *
 * Written by JSON.stringify over the data in sorted order, copying only the objects whose keys are out of
 * order (the core's writers build the text from a string per value, several times slower), and handed to
 * `write` in pieces: an object of more than BATCH entries (a for_each map of thousands of accounts) goes
 * BATCH entries at a time, so its text is never one large string.
 * @param level the nesting depth of `value` in the document: its entries are indented by `level + 1` steps
 */
export function writeSortedJson(value: unknown, level: number, write: (text: string) => void): void {
  if (value === null || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length <= BATCH) {
    write(wholeSortedJson(value, level));
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  const closing = `\n${"  ".repeat(level)}}`;
  write("{");
  for (let start = 0; start < keys.length; start += BATCH) {
    const batch: Record<string, unknown> = {};
    for (const key of keys.slice(start, start + BATCH)) setKey(batch, key, record[key]);
    const text = wholeSortedJson(batch, level);
    // The batch's entries without its braces: "{" + entries + closing.
    write(`${start === 0 ? "" : ","}${text.slice(1, text.length - closing.length)}`);
  }
  write(closing);
}

/** writeSortedJson's text as one string. */
export function sortedJson(value: unknown, level = 0): string {
  const parts: string[] = [];
  writeSortedJson(value, level, (text) => parts.push(text));
  return parts.join("");
}

/** Entries of a large object written at a time: each piece is a small string, quickly collected. */
const BATCH = 256;

function wholeSortedJson(value: unknown, level: number): string {
  const shapes = new Shapes();
  const view = sortedView(value, shapes);
  if (shapes.unorderable) return slowSortedJson(value, level);
  // Nested in `level` arrays, JSON.stringify indents the value as deep as it stands in the document.
  const text = JSON.stringify(nested(view, level), null, 2) ?? "null";
  const { before, after } = nesting(level);
  return text.slice(before, text.length - after);
}

function nested(value: unknown, level: number): unknown {
  return level === 0 ? value : nested([value], level - 1);
}

/** How much text `level` enclosing arrays add before and after the value. */
function nesting(level: number): { before: number; after: number } {
  const text = JSON.stringify(nested(0, level), null, 2);
  const at = text.indexOf("0");
  return { before: at, after: text.length - at - 1 };
}

interface Shape {
  keys: string[];
  sorted: string[];
  inOrder: boolean;
}

/** What is known of the last object shape seen: the rows of a for_each map all have the same keys. */
class Shapes {
  /**
   * Whether an object has a key JavaScript does not keep in the order it was added: an array index ("0",
   * "42"), which JSON.stringify writes first in numeric order, or "__proto__". Account ids (twelve digits)
   * and Terraform names never are.
   */
  unorderable = false;
  private last: Shape = { keys: [], sorted: [], inOrder: true };

  of(keys: string[]): Shape {
    if (sameKeys(keys, this.last.keys)) return this.last;
    if (keys.some((key) => key === "__proto__" || (key.length <= 10 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1))) this.unorderable = true;
    const sorted = [...keys].sort();
    this.last = { keys, sorted, inOrder: sameKeys(keys, sorted) };
    return this.last;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The value with every object's keys in sorted order: the value itself where they already are. */
function sortedView(value: unknown, shapes: Shapes): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const view = sortedView(value[i], shapes);
      if (view === value[i]) continue;
      copy ??= [...value];
      copy[i] = view;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const { sorted, inOrder } = shapes.of(Object.keys(record));
  if (!inOrder) {
    const copy: Record<string, unknown> = {};
    for (let i = 0; i < sorted.length; i++) copy[sorted[i]] = sortedView(record[sorted[i]], shapes);
    return copy;
  }
  for (let i = 0; i < sorted.length; i++) {
    const item = record[sorted[i]];
    if (item === null || typeof item !== "object" || sortedView(item, shapes) === item) continue;
    // A child changed: copy this object too, in the same order.
    const copy: Record<string, unknown> = {};
    for (const key of sorted) copy[key] = sortedView(record[key], shapes);
    return copy;
  }
  return value;
}

/** The same text, built a value at a time: for objects whose keys JSON.stringify would reorder. */
function slowSortedJson(value: unknown, level: number): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const closing = `\n${"  ".repeat(level)}`;
  const entry = `${closing}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${value.map((item: unknown) => entry + slowSortedJson(item === undefined ? null : item, level + 1)).join(",")}${closing}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  if (keys.length === 0) return "{}";
  return `{${keys.map((key) => `${entry}${JSON.stringify(key)}: ${slowSortedJson(record[key], level + 1)}`).join(",")}${closing}}`;
}

/** Sets a property as JSON.parse does: "__proto__" is a key like any other, never the prototype. */
function setKey(object: Record<string, unknown>, key: string, value: unknown) {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
