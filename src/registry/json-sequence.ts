/** A JSON text that is not valid JSON: where (an offset into the text) and what was expected. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

export interface JsonSequence {
  /** The top-level values, in file order: one for a plain JSON file, several for pages written one after another. */
  values: unknown[];
  /** Offset where each of `values` starts. */
  offsets: number[];
  /** Offset where the value of an object's key, or an array's item, starts. */
  offsetOf(node: object, key: string | number): number | undefined;
  /** Offset where an object's property name starts (its opening quote); kept only with `keyOffsets`. */
  keyOffsetOf(node: object, key: string): number | undefined;
}

export interface JsonSequenceOptions {
  /** Keep where every property name starts, for errors that point at a key (the registry's); off for the accounts file. */
  keyOffsets?: boolean;
  /** Told of a property name its object already has (offsets of both names' quotes); the later value wins, as in JSON.parse. */
  onDuplicateKey?: (node: object, key: string, firstOffset: number, offset: number) => void;
}

// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters inside strings: matching them is the point
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
/** A string without escapes, the common case: taken as it is, without JSON.parse. */
// eslint-disable-next-line no-control-regex -- as above
const PLAIN_STRING = /"([^"\\\u0000-\u001f]*)"/y;
const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
/** Deeper than any list-accounts output; stops a hostile file from overflowing the stack. */
const MAX_DEPTH = 64;

/**
 * Parses one JSON value or several written back to back (`for page ...; do aws ... ; done > file`,
 * JSON Lines), keeping where every top-level value, property value and array item starts. One pass over the
 * text: linear in its size. JSON.parse cannot do either: it rejects a second value and keeps no positions.
 */
export function parseJsonSequence(text: string, options: JsonSequenceOptions = {}): JsonSequence {
  const objectOffsets = new WeakMap<object, Map<string, number>>();
  const keyOffsets = new WeakMap<object, Map<string, number>>();
  const itemOffsets = new WeakMap<unknown[], number[]>();
  const { onDuplicateKey } = options;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const values: unknown[] = [];
  const offsets: number[] = [];
  skipWhitespace();
  while (i < text.length) {
    offsets.push(i);
    values.push(value(0));
    skipWhitespace();
  }
  const offsetOf = (node: object, key: string | number) =>
    typeof key === "number" ? itemOffsets.get(node as unknown[])?.[key] : objectOffsets.get(node)?.get(key);
  const keyOffsetOf = (node: object, key: string) => keyOffsets.get(node)?.get(key);
  return { values, offsets, offsetOf, keyOffsetOf };

  function value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(i, `nested deeper than ${MAX_DEPTH} levels`);
    const c = text[i];
    if (c === "{") return object(depth);
    if (c === "[") return array(depth);
    if (c === '"') return string();
    const number = match(NUMBER);
    if (number !== undefined) return Number(number);
    for (const word in LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return LITERALS[word];
      }
    }
    throw unexpected("a JSON value");
  }

  function object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const positions = new Map<string, number>();
    objectOffsets.set(out, positions);
    const keys = options.keyOffsets ? new Map<string, number>() : undefined;
    if (keys) keyOffsets.set(out, keys);
    i++;
    skipWhitespace();
    if (text[i] === "}") return close(out);
    for (;;) {
      if (text[i] !== '"') throw unexpected("a property name in double quotes");
      const keyOffset = i;
      const key = string();
      if (onDuplicateKey && positions.has(key)) onDuplicateKey(out, key, keys?.get(key) ?? positions.get(key)!, keyOffset);
      keys?.set(key, keyOffset);
      skipWhitespace();
      if (text[i] !== ":") throw unexpected('":" after the property name');
      i++;
      skipWhitespace();
      positions.set(key, i);
      // As JSON.parse does: "__proto__" is a plain property, never the object's prototype.
      const item = value(depth + 1);
      if (key === "__proto__") Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      else out[key] = item;
      skipWhitespace();
      if (text[i] === "}") return close(out);
      if (text[i] !== ",") throw unexpected('"," or "}"');
      i++;
      skipWhitespace();
    }
  }

  function array(depth: number): unknown[] {
    const out: unknown[] = [];
    const positions: number[] = [];
    itemOffsets.set(out, positions);
    i++;
    skipWhitespace();
    if (text[i] === "]") return close(out);
    for (;;) {
      positions.push(i);
      out.push(value(depth + 1));
      skipWhitespace();
      if (text[i] === "]") return close(out);
      if (text[i] !== ",") throw unexpected('"," or "]"');
      i++;
      skipWhitespace();
    }
  }

  function close<T>(node: T): T {
    i++;
    return node;
  }

  function string(): string {
    PLAIN_STRING.lastIndex = i;
    const plain = PLAIN_STRING.exec(text);
    if (plain) {
      i = PLAIN_STRING.lastIndex;
      return plain[1];
    }
    const literal = match(STRING);
    if (literal === undefined) throw new JsonSyntaxError(i, "unterminated string, or a control character or bad escape in it");
    return JSON.parse(literal) as string;
  }

  function match(pattern: RegExp): string | undefined {
    pattern.lastIndex = i;
    const found = pattern.exec(text);
    if (!found) return undefined;
    i = pattern.lastIndex;
    return found[0];
  }

  function skipWhitespace() {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  }

  function unexpected(expected: string): JsonSyntaxError {
    const found = i >= text.length ? "end of file" : JSON.stringify(text[i]);
    return new JsonSyntaxError(i, `unexpected ${found}: expected ${expected}`);
  }
}

/** Turns offsets into 1-based line and column; the line index is built once, on first use. */
export function lineColumnOf(text: string): (offset: number) => { line: number; column: number } {
  let lineStarts: number[] | undefined;
  return (offset) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let n = text.indexOf("\n"); n !== -1; n = text.indexOf("\n", n + 1)) lineStarts.push(n + 1);
    }
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}
