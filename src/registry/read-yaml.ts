import { CST, Composer, LineCounter, Parser, YAMLParseError, isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import { duplicateKey, emptyRegistry, nestedTooDeep, numericKey, yamlAlias, type RegistryIssue } from "./errors";
import { MAX_NESTING_DEPTH, tooDeepOffset } from "./nesting-depth";
import type { OffsetIndex, ReadResult } from "./parsed-document";
import { YAML_OPTIONS, yamlSyntaxIssues } from "./yaml-syntax-errors";

/**
 * Reads a YAML registry: its value, where every key and value starts, and what is wrong with the text
 * itself (syntax, duplicate keys, account ids YAML reads as numbers). One walk over the tree.
 */
export function readYaml(file: string, text: string): ReadResult {
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const lineColumn = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const at = (offset: number) => ({ file, ...lineColumn(offset) });
  const values = new WeakMap<object, Map<string, number>>();
  const keys = new WeakMap<object, Map<string, number>>();
  const items = new WeakMap<unknown[], number[]>();
  const index: OffsetIndex = {
    root: 0,
    valueOffset: (node, key) => (Array.isArray(node) ? items.get(node)?.[key as number] : values.get(node)?.get(String(key))),
    keyOffset: (node, key) => keys.get(node)?.get(key),
  };
  const issues: RegistryIssue[] = [];
  const numericKeys = new Set<string>();
  const aliasPaths = new Set<string>();
  const tooDeep = tooDeepOffset(tokens);
  if (tooDeep !== undefined) return { value: undefined, index, lineColumn, issues: [nestedTooDeep(at(tooDeep), MAX_NESTING_DEPTH)], numericKeys, aliasPaths };
  const doc = compose(tokens, text.length);
  index.root = doc.contents?.range?.[0] ?? 0;
  if (doc.errors.length) return { value: undefined, index, lineColumn, issues: yamlSyntaxIssues(text, doc.errors, at), numericKeys, aliasPaths };
  const contents = doc.contents as YamlNode | null;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { value: undefined, index, lineColumn, issues: [emptyRegistry(at(0), "yaml")], numericKeys, aliasPaths };
  }
  // A stack of keys rather than a path per node: the walk allocates nothing per value but the value itself.
  const path: string[] = [];
  const value = walk(contents);
  return { value, index, lineColumn, issues, numericKeys, aliasPaths };

  function walk(node: YamlNode | null): unknown {
    if (isAlias(node)) {
      // Resolving aliases would let a short text expand to a huge one; the registry reuses values by id instead.
      issues.push(yamlAlias(at(node.range?.[0] ?? 0), path.join("."), node.source));
      aliasPaths.add(path.join("."));
      return null;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const valueOffsets = new Map<string, number>();
      const keyOffsets = new Map<string, number>();
      values.set(out, valueOffsets);
      keys.set(out, keyOffsets);
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const rawKey = isScalar(keyNode) ? keyNode.value : keyNode;
        const keyOffset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
        const key = String(rawKey);
        if (typeof rawKey === "number") {
          // An unquoted 12-digit account id is a number to YAML: 012345678901 silently loses its leading zero.
          const written = (isScalar(keyNode) && keyNode.source) || key;
          issues.push(numericKey(at(keyOffset), [...path, written].join("."), written));
          numericKeys.add([...path, key].join("."));
        }
        // A Map, not yaml's uniqueKeys: yaml compares each key with every earlier one, quadratic in a map's size.
        const first = keyOffsets.get(key);
        if (first !== undefined) issues.push(duplicateKey(at(keyOffset), [...path, key].join("."), key, at(first)));
        const valueNode = pair.value as YamlNode | null;
        keyOffsets.set(key, keyOffset);
        // An empty value (`people:`) has no node: it stands where its key does.
        valueOffsets.set(key, valueNode?.range?.[0] ?? keyOffset);
        path.push(key);
        const value = walk(valueNode);
        path.pop();
        // As JSON.parse does: a "__proto__" key is a plain property, never the object's prototype.
        if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    }
    if (isSeq(node)) {
      const offsets: number[] = [];
      const out = node.items.map((item, n) => {
        const itemNode = item as YamlNode | null;
        offsets.push(itemNode?.range?.[0] ?? node.range?.[0] ?? 0);
        path.push(String(n));
        const itemValue = walk(itemNode);
        path.pop();
        return itemValue;
      });
      items.set(out, offsets);
      return out;
    }
    // YAML 1.2 core schema: dates stay strings, so `reviewed: 2026-09-01` keeps its text.
    if (isScalar(node)) return node.value;
    return node === null ? null : ((node as { toJSON?: () => unknown }).toJSON?.() ?? null);
  }
}

/** yaml's parseDocument, from tokens already parsed (and checked for depth): the first document, a second one an error. */
function compose(tokens: CST.Token[], length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(YAML_OPTIONS).compose(tokens, true, length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"),
      );
      break;
    }
  }
  return doc!;
}
