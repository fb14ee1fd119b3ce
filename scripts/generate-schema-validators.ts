/**
 * Writes the validators of the JSON Schemas in schema/ compiled ahead of time (src/registry/*-validator.js, see
 * src/registry/schema-validators.ts), so a run does not compile them. A loader uses one only while it was
 * generated from the schema as it is now; otherwise it compiles the schema itself, as before.
 *
 * Run after editing a schema: `node --import tsx scripts/generate-schema-validators.ts`
 * (test/registry/schema-validators.test.ts fails until then).
 */
import fs from "node:fs";
import path from "node:path";
import { DIRECTORY_SNAPSHOT_SCHEMA, REGISTRY_SCHEMA, schemaValidatorSource } from "../src/registry/schema-validators";

for (const checked of [REGISTRY_SCHEMA, DIRECTORY_SNAPSHOT_SCHEMA]) {
  const target = path.join(__dirname, "..", "src", "registry", `${checked.name}.js`);
  fs.writeFileSync(target, schemaValidatorSource(checked));
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
