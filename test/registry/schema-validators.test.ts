import fs from "node:fs";
import path from "node:path";
import {
  compileSchemaValidator,
  DIRECTORY_SNAPSHOT_SCHEMA,
  REGISTRY_SCHEMA,
  schemaValidator,
  schemaValidatorSource,
  type CheckedSchema,
} from "../../src/registry/schema-validators";

const generated = (checked: CheckedSchema) => path.join(__dirname, "..", "..", "src", "registry", `${checked.name}.js`);

/** Documents the schema rejects in several ways each, and the one it accepts first. */
const DOCUMENTS: [CheckedSchema, unknown[]][] = [
  [
    REGISTRY_SCHEMA,
    [
      { version: 1, accounts: {} },
      { version: 2, accounts: [], extra: true },
      { version: 1, accounts: { "123456789012": { name: 7, contacts: "x" } }, people: { a: { email: 1 } } },
      { version: 1, accounts: {}, exceptions: [{ until: "not-a-date" }], policy: { maxExceptionDays: "ninety" } },
      "not an object",
    ],
  ],
  [
    DIRECTORY_SNAPSHOT_SCHEMA,
    [
      JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "directory", "directory-snapshot.json"), "utf8")),
      { format: 2, readings: [], extra: true },
      { format: 1, readings: { corp: { readAt: "yesterday", groups: 3, members: [{ id: "", state: "gone" }] } } },
      [],
    ],
  ],
];

describe.each(DOCUMENTS)("a schema compiled ahead of time", (checked, documents) => {
  test(`${checked.name}.js was generated from the schema as it is: run \`node --import tsx scripts/generate-schema-validators.ts\` after editing it`, () => {
    expect(fs.readFileSync(generated(checked), "utf8")).toBe(schemaValidatorSource(checked));
  });

  test(`${checked.name}.js is the validator the loader uses, and reports the same errors as the schema compiled at run time`, () => {
    const ahead = schemaValidator(checked);
    const compiled = compileSchemaValidator(checked);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated module is JavaScript without types
    expect(ahead).toBe(require(generated(checked)));
    for (const document of documents) {
      const aheadOk = ahead(document);
      const aheadErrors = ahead.errors;
      expect(aheadOk).toBe(document === documents[0]);
      expect({ ok: aheadOk, errors: aheadErrors ?? null }).toEqual({ ok: compiled(document), errors: compiled.errors ?? null });
    }
  });
});
