/**
 * cdk.tf.json of a contacts stack: the for_each maps are written by this project (PlainLocalsSynthesizer,
 * sortedJson), everything else by the CDK core, and the file is byte for byte what the core's own writer
 * gives for the whole configuration, whichever core runs (cdktf's json-stable-stringify, cdktn's
 * safe-stable-stringify): a reader, a diff and Terraform see exactly what they saw before.
 */
import * as fs from "fs";
import * as path from "path";
import { generateRegistry, GENERATED_TODAY } from "../../scripts/generate-registry";
import { sortedJson, writeSortedJson } from "../../src/cdktf/sorted-json-writer";
import { exampleText } from "../support/workspace";
import { buildApp } from "../support/synth-app";

type Writer = (value: unknown) => string;

/** The JSON writer of the core installed as "cdktf", with the indentation it writes stacks with. */
function coreWriter(): Writer {
  const core = path.dirname(require.resolve("cdktf/package.json"));
  // The writer is the core's own dependency, not this project's: resolved from the core's folder.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (name: string) => require(require.resolve(name, { paths: [core] }));
  try {
    const stringify = load("json-stable-stringify");
    return (value) => stringify(value, { space: 2 });
  } catch {
    const stringify = load("safe-stable-stringify");
    return (value) => stringify(value, null, 2);
  }
}

function synthesizedStack(registryText: string, today?: string) {
  const built = buildApp(registryText, { today });
  built.app.synth();
  const [stack] = built.contacts.stacks;
  return { text: fs.readFileSync(path.join(built.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"), stack };
}

describe("cdk.tf.json: the for_each maps written beside the core's writer", () => {
  test("the example registry: the file is what the core's writer gives for the stack's configuration", () => {
    const { text, stack } = synthesizedStack(exampleText());
    expect(text).toBe(coreWriter()(stack.toTerraform()));
    expect(Object.keys(JSON.parse(text).locals)).toEqual(["billing_contacts", "operations_contacts", "primary_contacts", "security_contacts"]);
  });

  test("600 accounts (maps written a few hundred accounts at a time): the same bytes as the core's writer", () => {
    const { text, stack } = synthesizedStack(generateRegistry({ accounts: 600 }), GENERATED_TODAY);
    expect(Object.keys(JSON.parse(text).locals.security_contacts)).toHaveLength(600);
    expect(text).toBe(coreWriter()(stack.toTerraform()));
  });
});

describe("sortedJson: plain data as the core's writer writes it", () => {
  const write = coreWriter();
  const tricky = {
    zeta: [{ b: 1, a: [true, null, 2.5] }, 'text with "quotes", a \\ and a\nnewline', [[]].length],
    Alpha: { é: "after z in UTF-16", z: "z", Z: "upper case first", "": "empty key" },
    numbers: { "10": "index-like keys", "9": "sorted as text, not as numbers", "100000000000": "an account id" },
    skipped: { kept: 1, dropped: undefined },
    holes: [1, undefined, 3],
    ...JSON.parse('{"__proto__": {"still": "a key"}}'),
    big: Object.fromEntries(Array.from({ length: 600 }, (_, n) => [`k${(n * 7919) % 600}`, { y: n, x: `${n}` }])),
  };

  test("keys sorted by UTF-16 code unit at every level, undefined properties left out, undefined array items as null", () => {
    expect(sortedJson(tricky)).toBe(write(tricky));
  });

  test("a map of more than a few hundred entries, out of order (written a few hundred at a time): the same text", () => {
    expect(sortedJson(tricky.big)).toBe(write(tricky.big));
    const pieces: string[] = [];
    writeSortedJson(tricky.big, 1, (piece) => pieces.push(piece));
    expect(pieces.length).toBeGreaterThan(3);
    expect(`{\n  "big": ${pieces.join("")}\n}`).toBe(write({ big: tricky.big }));
  });

  test("at a nesting level, indented as deep as it stands in the document", () => {
    expect(`{\n  "a": {\n    "b": ${sortedJson(tricky, 2)}\n  }\n}`).toBe(write({ a: { b: tricky } }));
  });

  test("primitives and empty containers", () => {
    for (const value of ["a", 1, false, null]) expect(sortedJson(value, 3)).toBe(JSON.stringify(value));
    expect(sortedJson({})).toBe("{}");
    expect(sortedJson([], 2)).toBe("[]");
  });
});
