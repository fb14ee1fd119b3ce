/**
 * The folder structure of issue 14 (item 6 and "Done when"), read from the source text with plain fs and a regex:
 * which folder may import which, where cdktf may be imported, no circles between folders, what `policies/` holds,
 * and that `scripts/` never depend on `test/`. Every import form counts: `import`, `import type`, `export ... from`,
 * `require("...")` and `import("...")` (also as `typeof import("...")`).
 *
 * When a test here fails, its message lists each offending import as `file:line -> imported file` and the rule it breaks.
 * To change the layering, change LAYERS below (and the layout section of docs/architecture.md), not the test bodies.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/**
 * The layers, lower first. A folder may import its own folder and any folder of a LOWER layer;
 * two different folders of the same layer (review and cdktf) must not import each other.
 */
const LAYERS: Readonly<Record<string, { layer: number; holds: string }>> = {
  "src/model": { layer: 0, holds: "shared model: types, contact-field table, contact types, addresses, directory, organization types, live contacts" },
  "src/registry": { layer: 1, holds: "loading the registry YAML/JSON, the organization accounts file and the records beside it" },
  "src/engine": { layer: 2, holds: "the rule contract (rule-contract.ts), PolicyEvaluation running the rules it is given, the registry's contacts, judging" },
  // Above the engine: the built-in pack is written to the engine's contract, and the engine names no rule.
  policies: { layer: 3, holds: "the built-in rule pack: one rule per file, index.ts" },
  "src/run": { layer: 4, holds: "run context, settings, environment, exit codes, atomic writes" },
  "src/terraform": { layer: 5, holds: "Terraform JSON/plan readers, for_each rows, shards" },
  "src/drift": { layer: 5, holds: "comparing the registry with what AWS holds, and the drift report" },
  "src/import": { layer: 5, holds: "building a registry from an organization read: the import" },
  "src/reports": { layer: 6, holds: "text, JSON and SARIF reports" },
  "src/aws": { layer: 6, holds: "the AWS SDK clients and what they read: organization tree, live contacts" },
  "src/directory": { layer: 6, holds: "the company directory clients (LDAP, Microsoft Graph) and what they read: members and their state" },
  // Above the reports and drift (which it shows), below synth (which writes it): no cdktf, no AWS SDK.
  "src/evidence": { layer: 7, holds: "the evidence for auditors: its model, the HTML page, the CSV and the Markdown" },
  "src/review": { layer: 8, holds: "review of a change" },
  "src/cdktf": { layer: 8, holds: "everything that touches cdktf: stack, aspect, synth" },
  "src/cli": { layer: 9, holds: "the `contacts` command line" },
  // src/index.ts: what package.json "exports" gives another cdktf app.
  "src (top level)": { layer: 10, holds: "index.ts, the package's public entry point: re-exports only" },
};

/** JSON Schemas the loader validates against: data, importable from src/registry's layer up. */
const SCHEMA_FOLDER = "schema";
const SCHEMA_MIN_LAYER = LAYERS["src/registry"].layer;

/** Anyone may import package.json (the version). */
const ANYONE_MAY_IMPORT = new Set(["package.json"]);

// ---------------------------------------------------------------------------------------------------------------------
// Reading imports

type ImportKind = "import" | "export-from" | "require" | "import()";

interface ImportRef {
  /** Importing file, relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  specifier: string;
  kind: ImportKind;
  /** For a relative specifier: the file it resolves to (relative to the root), if any. */
  resolved?: string;
  /** For a relative specifier: where it points, resolved or not (relative to the root). */
  target?: string;
}

const STATIC_IMPORT = /(?<![\w$.])(import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?(["'])([^"'\n]+)\2/g;
const CALL_IMPORT = /(?<![\w$.])(require|import)\s*\(\s*(["'])([^"'\n]+)\2\s*\)/g;

const REGEX_AFTER_WORDS = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await", "instanceof"]);

/**
 * The text with comments, template-literal text and regular-expression literals blanked out (same length, same lines),
 * so that a commented-out import or an import written inside generated text is not taken for one. Quoted strings stay.
 */
function codeOnly(text: string): string {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n") out[k] = " ";
  };
  const templateDepths: number[] = [];
  let depth = 0;
  let prev = "";
  let word = "";
  let i = 0;

  /** Scans template text from i (just after ` or the } closing a substitution); returns the index to go on from. */
  const scanTemplate = (start: number): number => {
    let j = start;
    while (j < text.length) {
      if (text[j] === "\\") {
        j += 2;
        continue;
      }
      if (text[j] === "`") {
        blank(start, j);
        prev = "`";
        word = "";
        return j + 1;
      }
      if (text[j] === "$" && text[j + 1] === "{") {
        blank(start, j);
        templateDepths.push(depth);
        depth++;
        prev = "{";
        word = "";
        return j + 2;
      }
      j++;
    }
    blank(start, j);
    return j;
  };

  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      prev = c;
      word = "";
      i = j + 1;
      continue;
    }
    if (c === "`") {
      i = scanTemplate(i + 1);
      continue;
    }
    if (c === "}" && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth - 1) {
      templateDepths.pop();
      depth--;
      i = scanTemplate(i + 1);
      continue;
    }
    if (c === "/") {
      const valueBefore = /[\w$)\]]/.test(prev) && !REGEX_AFTER_WORDS.has(word);
      if (!valueBefore) {
        let j = i + 1;
        let inClass = false;
        while (j < text.length && text[j] !== "\n") {
          if (text[j] === "\\") {
            j += 2;
            continue;
          }
          if (text[j] === "[") inClass = true;
          else if (text[j] === "]") inClass = false;
          else if (text[j] === "/" && !inClass) break;
          j++;
        }
        j++;
        while (j < text.length && /[a-z]/i.test(text[j])) j++;
        blank(i, j);
        prev = ")";
        word = "";
        i = j;
        continue;
      }
    }
    if (c === "{") depth++;
    else if (c === "}") depth--;
    if (!/\s/.test(c)) {
      word = /[\w$]/.test(c) ? (/[\w$]/.test(text[i - 1] ?? "") ? word + c : c) : "";
      prev = c;
    }
    i++;
  }
  return out.join("");
}

/** Every import of a file's text: specifier, line and form. */
function importsIn(text: string): Array<{ line: number; specifier: string; kind: ImportKind }> {
  const code = codeOnly(text);
  const lineAt = (index: number) => code.slice(0, index).split("\n").length;
  const found: Array<{ index: number; line: number; specifier: string; kind: ImportKind }> = [];
  for (const match of code.matchAll(STATIC_IMPORT)) {
    const index = match.index ?? 0;
    const specifierIndex = index + match[0].lastIndexOf(match[3]);
    found.push({ index, line: lineAt(specifierIndex), specifier: match[3], kind: match[1] === "export" ? "export-from" : "import" });
  }
  for (const match of code.matchAll(CALL_IMPORT)) {
    const index = match.index ?? 0;
    found.push({ index, line: lineAt(index), specifier: match[3], kind: match[1] === "require" ? "require" : "import()" });
  }
  return found.sort((a, b) => a.index - b.index).map(({ line, specifier, kind }) => ({ line, specifier, kind }));
}

const rel = (absolute: string) => path.relative(ROOT, absolute).split(path.sep).join("/");

function resolveRelative(fromFile: string, specifier: string): { resolved?: string; target: string } {
  const base = path.resolve(ROOT, path.dirname(fromFile), specifier);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.d.ts`,
    `${base}.js`,
    `${base}.json`,
    path.join(base, "index.ts"),
    path.join(base, "index.js"),
  ];
  const hit = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  return { resolved: hit ? rel(hit) : undefined, target: rel(hit ?? base) };
}

function tsFilesUnder(folder: string): string[] {
  const absolute = path.join(ROOT, folder);
  if (!fs.existsSync(absolute)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const child = `${folder}/${entry.name}`;
    if (entry.isDirectory()) files.push(...tsFilesUnder(child));
    else if (entry.isFile() && entry.name.endsWith(".ts")) files.push(child);
  }
  return files.sort();
}

function readImports(files: readonly string[]): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const file of files) {
    for (const found of importsIn(fs.readFileSync(path.join(ROOT, file), "utf8"))) {
      const ref: ImportRef = { file, ...found };
      if (found.specifier.startsWith(".")) Object.assign(ref, resolveRelative(file, found.specifier));
      refs.push(ref);
    }
  }
  return refs;
}

/** The folder a project file belongs to: `src/<name>`, `policies`, `scripts`, `test`, `schema`, `main.ts`, `package.json`, ... */
function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "src") return parts.length > 2 ? `src/${parts[1]}` : "src (top level)";
  return parts[0];
}

/** npm package name of a bare specifier (`@scope/name` or `name`), undefined for a relative one. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const where = (ref: ImportRef) => `${ref.file}:${ref.line}`;
const shown = (ref: ImportRef) => `${where(ref)} -> ${ref.resolved ?? ref.target ?? ref.specifier}  (${ref.kind} "${ref.specifier}")`;

/** Fails with every violation on its own line, under a headline naming the rule. */
function expectNone(violations: readonly string[], rule: string): void {
  if (violations.length > 0) {
    throw new Error(`${violations.length} violation${violations.length === 1 ? "" : "s"} of: ${rule}\n  ${violations.join("\n  ")}`);
  }
}

/** Why `from` may not import `to`, or undefined when it may (`from` is a folder of LAYERS). */
function layeringBreach(from: string, to: string): string | undefined {
  if (from === to || ANYONE_MAY_IMPORT.has(to)) return undefined;
  const source = LAYERS[from];
  if (to === SCHEMA_FOLDER) {
    return source.layer >= SCHEMA_MIN_LAYER
      ? undefined
      : `${from} (layer ${source.layer}) must not read ${SCHEMA_FOLDER}/: only src/registry (layer ${SCHEMA_MIN_LAYER}) and above may`;
  }
  const target = LAYERS[to];
  if (!target)
    return `${from} imports ${to}, which is not a product layer (only the folders of LAYERS, ${SCHEMA_FOLDER}/ and package.json may be imported from src/ and policies/)`;
  if (target.layer > source.layer)
    return `upward import: ${from} (layer ${source.layer}) must not import ${to} (layer ${target.layer}); a layer imports only its own folder and lower layers`;
  if (target.layer === source.layer) return `${from} and ${to} are both layer ${source.layer} and must not import each other`;
  return undefined;
}

/** Strongly connected components of a directed graph with more than one node (Tarjan). */
function cyclicComponents(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

/** A shortest path from `start` back to `start` inside `members`. */
function shortestCycle(graph: ReadonlyMap<string, ReadonlySet<string>>, start: string, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const cycle = [start];
        for (let step: string | undefined = node; step !== undefined && step !== start; step = previous.get(step)) cycle.splice(1, 0, step);
        return [...cycle, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

// ---------------------------------------------------------------------------------------------------------------------

const SOURCE_FILES = [...tsFilesUnder("src"), ...tsFilesUnder("policies"), ...(fs.existsSync(path.join(ROOT, "main.ts")) ? ["main.ts"] : [])];
const SCRIPT_FILES = tsFilesUnder("scripts");
const ALL_FILES = [...SOURCE_FILES, ...SCRIPT_FILES];
const IMPORTS = readImports(ALL_FILES);

/** The layers as a line, lower first, folders sharing a layer joined by "|": the layering test's name. */
const LAYER_ORDER = [...new Set(Object.values(LAYERS).map((entry) => entry.layer))]
  .sort((a, b) => a - b)
  .map((layer) =>
    Object.keys(LAYERS)
      .filter((folder) => LAYERS[folder].layer === layer)
      .join(" | "),
  )
  .join(" < ");

/**
 * Packages that reach outside the process, and the one folder each may be imported from: a command that needs
 * none of them (synth, validate, review, check-plan) loads none, and a client is swapped in one place.
 */
const CLIENT_PACKAGES: ReadonlyArray<{ matches: (name: string) => boolean; folder: string; what: string }> = [
  { matches: (name) => name.startsWith("@aws-sdk/") || name.startsWith("@smithy/"), folder: "src/aws", what: "the AWS SDK" },
  { matches: (name) => name === "ldapts" || name.startsWith("@azure/"), folder: "src/directory", what: "the directory clients (ldapts, @azure/identity)" },
];

const CDKTF_PACKAGES = new Set(["cdktf", "constructs", "cdktf-cli"]);
const isCdktfPackage = (name: string) => CDKTF_PACKAGES.has(name) || name.startsWith("@cdktf/");
/** The one module that imports the CDK core (cdktf, constructs): switching to CDK Terrain is a change of this file. */
const CORE_MODULE = "src/cdktf/cdktf.ts";
/** The rule contract the engine owns: all a rule of the pack (or a team's own) may take from the engine. */
const CONTRACT_MODULE = "src/engine/rule-contract.ts";

describe("import scanner (the checks below rely on it)", () => {
  test("finds every import form, type-only and multi-line ones included, and skips comments and template text", () => {
    const text = [
      'import { a } from "./a";',
      'import type { B } from "./b";',
      "import {",
      "  c,",
      "  type D,",
      '} from "../c";',
      'import e, * as f from "e-package";',
      'import "./side-effect";',
      'export { g } from "./g";',
      'export * from "./h";',
      'export type { I } from "./i";',
      'const j = require("./j");',
      'const k = (require("./k") as typeof import("./k2")).k;',
      'import l = require("./l");',
      'const m = await import("./m");',
      '// import { no } from "./commented";',
      '/* require("./block-commented") */',
      'const n = `import { no } from "./in-template" ${require("./in-substitution")}`;',
      'const o = /from "x"/.test(s) ? 1 / 2 : 3;',
      "const p = { from: 'not-an-import' };",
      'import { q } from "@scope/package/lib/q";',
    ].join("\n");
    expect(importsIn(text)).toEqual([
      { line: 1, specifier: "./a", kind: "import" },
      { line: 2, specifier: "./b", kind: "import" },
      { line: 6, specifier: "../c", kind: "import" },
      { line: 7, specifier: "e-package", kind: "import" },
      { line: 8, specifier: "./side-effect", kind: "import" },
      { line: 9, specifier: "./g", kind: "export-from" },
      { line: 10, specifier: "./h", kind: "export-from" },
      { line: 11, specifier: "./i", kind: "export-from" },
      { line: 12, specifier: "./j", kind: "require" },
      { line: 13, specifier: "./k", kind: "require" },
      { line: 13, specifier: "./k2", kind: "import()" },
      { line: 14, specifier: "./l", kind: "require" },
      { line: 15, specifier: "./m", kind: "import()" },
      { line: 18, specifier: "./in-substitution", kind: "require" },
      { line: 21, specifier: "@scope/package/lib/q", kind: "import" },
    ]);
  });

  test("reads src/, policies/, scripts/ and main.ts, and every relative import resolves to a file", () => {
    for (const folder of ["src/", "policies/", "scripts/"]) expect(ALL_FILES.some((file) => file.startsWith(folder))).toBe(true);
    expect(ALL_FILES).toContain("main.ts");
    expect(IMPORTS.filter((ref) => ref.specifier.startsWith(".")).length).toBeGreaterThan(50);
    expectNone(
      IMPORTS.filter((ref) => ref.specifier.startsWith(".") && !ref.resolved).map(
        (ref) => `${where(ref)} -> "${ref.specifier}" resolves to no file (looked for ${ref.target} with .ts, .d.ts, .js, .json, /index.ts)`,
      ),
      "every relative import resolves to a file",
    );
  });
});

describe("architecture (issue 14): folders say what they hold and depend one way", () => {
  test(`only ${CORE_MODULE} imports the CDK core (cdktf, constructs), and only src/cdktf/ the provider bindings (src, policies, scripts, main.ts)`, () => {
    const violations = IMPORTS.filter((ref) => {
      const name = packageOf(ref.specifier);
      if (name === undefined || !isCdktfPackage(name)) return false;
      if (name === "cdktf" || name === "constructs") return ref.file !== CORE_MODULE;
      return !(name === "@cdktf/provider-aws" && ref.file.startsWith("src/cdktf/"));
    }).map((ref) =>
      packageOf(ref.specifier) === "cdktf" || packageOf(ref.specifier) === "constructs"
        ? `${where(ref)} imports "${ref.specifier}": import it from ${CORE_MODULE}, the one module that names the CDK core`
        : `${where(ref)} imports "${ref.specifier}" (${folderOf(ref.file)}/): the provider bindings belong in src/cdktf/ only, and nothing imports the cdktf CLI`,
    );
    expectNone(violations, `the CDK core is imported by ${CORE_MODULE} alone, the provider bindings under src/cdktf/ alone`);
  });

  test(`${CORE_MODULE} re-exports exactly what the project uses: every name it exports is imported from it`, () => {
    const exported = [...fs.readFileSync(path.join(ROOT, CORE_MODULE), "utf8").matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from/g)].flatMap((match) =>
      match[1]
        .split(",")
        .map((name) => name.replace(/^\s*type\s+/, "").trim())
        .filter(Boolean),
    );
    expect(exported.length).toBeGreaterThan(5);
    const importers = [...new Set(IMPORTS.filter((ref) => ref.resolved === CORE_MODULE).map((ref) => ref.file))];
    const texts = importers.map((file) => codeOnly(fs.readFileSync(path.join(ROOT, file), "utf8")));
    const unused = exported.filter((name) => !texts.some((text) => new RegExp(`\\b${name}\\b`).test(text)));
    expectNone(
      unused.map((name) => `${CORE_MODULE} exports ${name}, which no file imported from it uses: remove it`),
      `${CORE_MODULE} exports only what the project uses`,
    );
  });

  test("no file imports the @cdktf/provider-aws root (deep imports @cdktf/provider-aws/lib/<resource> only) nor a private cdktf or constructs path", () => {
    const violations: string[] = [];
    for (const ref of IMPORTS) {
      const name = packageOf(ref.specifier);
      if (name === "@cdktf/provider-aws") {
        const resource = /^@cdktf\/provider-aws\/lib\/([a-z0-9-]+)(?:\/index(?:\.js)?)?$/.exec(ref.specifier);
        if (!resource || resource[1] === "index") {
          const root = /^@cdktf\/provider-aws(?:\/lib)?(?:\/index(?:\.js)?)?\/?$/.test(ref.specifier);
          violations.push(
            root
              ? `${where(ref)} imports the package root "${ref.specifier}": it loads every AWS resource binding; import "@cdktf/provider-aws/lib/<resource>" instead`
              : `${where(ref)} imports "${ref.specifier}", which is not a resource binding "@cdktf/provider-aws/lib/<resource>"`,
          );
        }
      } else if ((name === "cdktf" || name === "constructs") && ref.specifier !== name) {
        violations.push(`${where(ref)} imports the private path "${ref.specifier}": import from "${name}" (its public API) only`);
      }
    }
    expectNone(violations, "provider bindings are imported per resource, and cdktf/constructs only through their public entry point");
  });

  test(`every import between project folders goes from a higher layer to a lower one (${LAYER_ORDER})`, () => {
    const violations: string[] = [];
    for (const file of SOURCE_FILES) {
      const folder = folderOf(file);
      if (file !== "main.ts" && !LAYERS[folder])
        violations.push(
          `${file}: its folder ${folder} is not in the layer table (LAYERS in test/architecture.test.ts); move it to a layered folder or add the folder to the table`,
        );
    }
    for (const ref of IMPORTS) {
      if (ref.file === "main.ts" || ref.target === undefined) continue;
      const from = folderOf(ref.file);
      if (!LAYERS[from]) continue;
      const breach = layeringBreach(from, folderOf(ref.target));
      if (breach) violations.push(`${shown(ref)}: ${breach}`);
    }
    expectNone(violations, "a folder imports only its own folder and lower layers (main.ts and scripts/ sit above every layer)");
  });

  test("the AWS SDK is imported under src/aws/ alone, the directory clients under src/directory/ alone", () => {
    const violations: string[] = [];
    for (const ref of IMPORTS) {
      const name = packageOf(ref.specifier);
      const client = name === undefined ? undefined : CLIENT_PACKAGES.find((entry) => entry.matches(name));
      if (client && folderOf(ref.file) !== client.folder)
        violations.push(`${where(ref)} imports "${ref.specifier}": ${client.what} belongs in ${client.folder}/ only; take what it read from there`);
    }
    expectNone(violations, "each network client is imported by its own folder alone");
  });

  test("no import cycle between files", () => {
    const graph = new Map<string, Set<string>>();
    for (const ref of IMPORTS) {
      if (ref.resolved === undefined || !ALL_FILES.includes(ref.resolved)) continue;
      if (!graph.has(ref.file)) graph.set(ref.file, new Set());
      graph.get(ref.file)!.add(ref.resolved);
    }
    const violations = cyclicComponents(graph).map((component) => {
      const cycle = shortestCycle(graph, component[0], new Set(component));
      return `files ${component.join(", ")} import each other, e.g. ${cycle.join(" -> ")}: move what both need into a module of its own`;
    });
    expectNone(violations, "no import cycle between files");
  });

  test("no import cycle between folders", () => {
    const edges = new Map<string, Map<string, ImportRef[]>>();
    for (const ref of IMPORTS) {
      if (ref.target === undefined) continue;
      const from = folderOf(ref.file);
      const to = folderOf(ref.target);
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const targets = edges.get(from)!;
      targets.set(to, [...(targets.get(to) ?? []), ref]);
    }
    const graph = new Map([...edges].map(([from, targets]) => [from, new Set(targets.keys())] as const));
    const importsOf = (from: string, to: string, limit = Infinity) => {
      const refs = edges.get(from)?.get(to) ?? [];
      const listed = refs.slice(0, limit).map((ref) => `${where(ref)} -> ${ref.resolved ?? ref.target}`);
      return refs.length > limit ? [...listed, `(+${refs.length - limit} more)`].join(", ") : listed.join(", ");
    };
    const violations = cyclicComponents(graph).map((component) => {
      const members = new Set(component);
      const cycle = shortestCycle(graph, component[0], members);
      const lines = [`folders ${component.join(", ")} are in one import circle, e.g. ${cycle.join(" -> ")}:`];
      for (let step = 0; step + 1 < cycle.length; step++) lines.push(`    ${cycle[step]} -> ${cycle[step + 1]}: ${importsOf(cycle[step], cycle[step + 1], 5)}`);
      const against = component.flatMap((from) =>
        [...(graph.get(from) ?? [])]
          .filter((to) => members.has(to) && LAYERS[from] !== undefined && layeringBreach(from, to) !== undefined)
          .sort()
          .map((to) => `    ${from} -> ${to}: ${importsOf(from, to)}`),
      );
      if (against.length > 0) lines.push("  imports inside this circle that go against the layer table (cut these):", ...against);
      return lines.join("\n");
    });
    expectNone(violations, "no import cycle between folders");
  });

  test("policies/ holds only index.ts and rule files, each exporting one rule object with `id` and `check`, and takes only the contract from the engine", async () => {
    const violations: string[] = [];
    const walk = async (folder: string): Promise<void> => {
      for (const entry of fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const file = `${folder}/${entry.name}`;
        if (entry.isDirectory()) {
          violations.push(`${file}/ is a folder: policies/ holds the rules and their index only, side by side`);
          await walk(file);
          continue;
        }
        if (file === "policies/index.ts") continue;
        if (!entry.name.endsWith(".ts")) {
          violations.push(`${file} is not a rule file (.ts): move it out of policies/`);
          continue;
        }
        let exported: Record<string, unknown>;
        try {
          exported = (await import(path.join(ROOT, file))) as Record<string, unknown>;
        } catch (error) {
          violations.push(`${file} could not be loaded: ${(error as Error).message.split("\n")[0]}`);
          continue;
        }
        const rules = Object.entries(exported).filter(([, value]) => {
          const candidate = value as { id?: unknown; check?: unknown } | null;
          return typeof candidate === "object" && candidate !== null && typeof candidate.id === "string" && typeof candidate.check === "function";
        });
        if (rules.length === 0) {
          const names = Object.keys(exported).join(", ") || "nothing";
          violations.push(
            `${file} exports no rule (an object with id and check; it exports ${names}): it is not a rule, move it to the src/ folder it belongs to`,
          );
        } else if (rules.length > 1) {
          violations.push(
            `${file} exports ${rules.length} rules (${rules.map(([name, rule]) => `${name} = "${(rule as { id: string }).id}"`).join(", ")}): one rule per file`,
          );
        }
      }
    };
    await walk("policies");
    if (!fs.existsSync(path.join(ROOT, "policies/index.ts"))) violations.push("policies/index.ts is missing");
    for (const ref of IMPORTS) {
      if (ref.file.startsWith("policies/") && ref.target !== undefined && folderOf(ref.target) === "src/engine" && ref.resolved !== CONTRACT_MODULE)
        violations.push(`${shown(ref)}: a rule takes only the contract (${CONTRACT_MODULE}) from the engine, as a team's own rule does`);
    }
    expectNone(violations, "policies/ holds only the rules (one per file) and their index (index.ts), and uses only the engine's contract");
  });

  test("scripts/ never import from test/", () => {
    const violations = IMPORTS.filter((ref) => ref.file.startsWith("scripts/") && ref.target !== undefined && folderOf(ref.target) === "test").map(
      (ref) => `${shown(ref)}: scripts depend on src/, never on test/ (move what both need into src/ or scripts/)`,
    );
    expectNone(violations, "scripts/ never import from test/");
  });
});
