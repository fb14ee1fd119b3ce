import { CST } from "yaml";

/**
 * How deep a registry's lists and maps may nest. The registry itself needs five levels (accounts, an
 * account, its contacts); the parsers and the checks after them recurse once per level, so a file of
 * 1,000 nested `[` would otherwise exhaust the stack and crash instead of being reported.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Where the first list or map nested deeper than MAX_NESTING_DEPTH starts, in YAML's concrete syntax tree
 * (which yaml's parser builds without recursion); undefined when none does. Walks with its own stack.
 */
export function tooDeepOffset(tokens: readonly CST.Token[]): number | undefined {
  const pending: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (pending.length) {
    const [token, depth] = pending.pop()!;
    if (token.type === "document") {
      if (token.value) pending.push([token.value, depth]);
      continue;
    }
    if (!CST.isCollection(token)) continue;
    if (depth >= MAX_NESTING_DEPTH) return token.offset;
    for (const item of token.items) {
      if (item.key) pending.push([item.key, depth + 1]);
      if (item.value) pending.push([item.value, depth + 1]);
    }
  }
  return undefined;
}
