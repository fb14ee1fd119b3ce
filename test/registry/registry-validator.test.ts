import fs from "node:fs";
import path from "node:path";
import { compileRegistryValidator, registryValidator, registryValidatorSource } from "../../src/registry/registry-schema";

const GENERATED = path.join(__dirname, "..", "..", "src", "registry", "registry-validator.js");

describe("the registry's schema compiled ahead of time (src/registry/registry-validator.js)", () => {
  test("was generated from the schema as it is: run `node --import tsx scripts/generate-registry-validator.ts` after editing the schema", () => {
    expect(fs.readFileSync(GENERATED, "utf8")).toBe(registryValidatorSource());
  });

  test("is the validator the loader uses, and reports the same errors as the schema compiled at run time", () => {
    const ahead = registryValidator();
    const compiled = compileRegistryValidator();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated module is JavaScript without types
    expect(ahead).toBe(require(GENERATED));
    const documents: unknown[] = [
      { version: 1, accounts: {} },
      { version: 2, accounts: [], extra: true },
      { version: 1, accounts: { "123456789012": { name: 7, contacts: "x" } }, people: { a: { email: 1 } } },
      { version: 1, accounts: {}, exceptions: [{ until: "not-a-date" }], policy: { maxExceptionDays: "ninety" } },
      "not an object",
    ];
    for (const document of documents) {
      const aheadOk = ahead(document);
      const aheadErrors = ahead.errors;
      expect(aheadOk).toBe(document === documents[0]);
      expect({ ok: aheadOk, errors: aheadErrors ?? null }).toEqual({ ok: compiled(document), errors: compiled.errors ?? null });
    }
  });
});
