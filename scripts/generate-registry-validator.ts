/**
 * Writes src/registry/registry-validator.js: the registry's JSON Schema (as the loader checks it) compiled by
 * ajv ahead of time (ajv's standalone code), so a run does not compile the schema (about 0.2 s of CPU, most
 * of a small `contacts validate`). The loader uses it only while it was generated from the schema as it is
 * now (the digest it carries); otherwise it compiles the schema itself, as before.
 *
 * Run after editing schema/registry.schema.json: `node --import tsx scripts/generate-registry-validator.ts`
 * (test/registry/registry-validator.test.ts fails until then).
 */
import fs from "node:fs";
import path from "node:path";
import { registryValidatorSource } from "../src/registry/registry-schema";

const target = path.join(__dirname, "..", "src", "registry", "registry-validator.js");
fs.writeFileSync(target, registryValidatorSource());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
