import Ajv, { type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import { parse, stringify } from "yaml";
import schema from "../../schema/registry.schema.json";
import { ALTERNATE_CONTACT_FIELDS, PRIMARY_CONTACT_FIELDS, STATE_REQUIRED_COUNTRIES, type ContactField } from "../../src/model/contact-fields";
import { RegistryError } from "../../src/registry/errors";
import { parseRegistry } from "../../src/registry/load-registry";
import { exampleText, exampleWith } from "../support/workspace";

/* eslint-disable @typescript-eslint/no-explicit-any -- registries here are plain parsed YAML, changed in place */
type Path = (string | number)[];

/** A mistake in the example registry: a value set (or, with `undefined`, removed) at a path, and what else it takes. */
interface Mistake {
  what: string;
  path: Path;
  value: unknown;
  besides?: [Path, unknown];
}

const warnings: unknown[] = [];
const ajv = new Ajv({ allErrors: true, strict: true, logger: { log: () => undefined, warn: (...m: unknown[]) => warnings.push(m), error: console.error } });
addFormats(ajv, ["date"]);
const validate = ajv.compile(schema);

/** The example with one valid exception, so that the exception's mistakes have one to change. */
function baseText(): string {
  return exampleWith([
    "exceptions: []",
    'exceptions:\n  - { rule: single-recipient, account: "222222222222", type: security, reason: "Jane covers payments", expires: "2026-12-31" }',
  ]);
}

function withMistake({ path, value, besides }: Omit<Mistake, "what">): any {
  const registry = parse(baseText());
  for (const [at, set] of besides ? [besides, [path, value] as const] : [[path, value] as const]) {
    let node = registry;
    for (const step of at.slice(0, -1)) node = node[step];
    if (set === undefined) delete node[at.at(-1)!];
    else node[at.at(-1)!] = set;
  }
  return registry;
}

/** Where the loader says each of its errors is: the dotted registry path. */
function loaderPaths(text: string): string[] {
  try {
    parseRegistry("contacts/registry.yaml", text);
  } catch (error) {
    if (error instanceof RegistryError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  return [];
}

/** Where the schema says each of its errors is, named as the loader names paths (the key or field at fault included). */
function schemaPaths(registry: unknown): string[] {
  if (validate(registry)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => {
    const path = error.instancePath.split("/").slice(1);
    if (error.keyword === "required") path.push(String(error.params.missingProperty));
    if (error.keyword === "additionalProperties") path.push(String(error.params.additionalProperty));
    if (error.propertyName !== undefined) path.push(error.propertyName);
    return path.map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).join(".");
  });
}

/** Values each field of the table must be refused: longer than AWS allows, shorter, padded; then what its pattern refuses. */
function fieldMistakes(section: string, card: string, fields: readonly ContactField[]): Mistake[] {
  const refusedByPattern: Record<string, string> = { email: "not-an-email", phone: section === "contacts" ? "CALL-ME" : "1 206 555 0100", countryCode: "us" };
  return fields.flatMap((field) => {
    const path = [section, card, field.field];
    const good = field.field === "countryCode" ? "US" : field.field === "email" ? "team@example.com" : field.field === "phone" ? "+1 206 555 0100" : "x";
    const mistakes: Mistake[] = [
      { what: `${field.field} of ${field.max + 1} characters`, path, value: field.field === "phone" ? "+" + "1".repeat(field.max) : "x".repeat(field.max + 1) },
      { what: `${field.field} shorter than ${field.min}`, path, value: "x".repeat(field.min - 1) },
      { what: `${field.field} with a trailing space`, path, value: `${good} ` },
      { what: `${field.field} with a leading tab`, path, value: `\t${good}` },
      { what: `${field.field} holding \${`, path, value: '${file("/etc/passwd")}' },
    ];
    if (field.pattern) mistakes.push({ what: `${field.field} ${refusedByPattern[field.field]}`, path, value: refusedByPattern[field.field] });
    if (field.required) mistakes.push({ what: `${field.field} left out`, path, value: undefined });
    return mistakes;
  });
}

const MISTAKES: Mistake[] = [
  ...fieldMistakes("contacts", "security", ALTERNATE_CONTACT_FIELDS),
  ...fieldMistakes("primaryContacts", "hq", PRIMARY_CONTACT_FIELDS),
  ...STATE_REQUIRED_COUNTRIES.map((country) => ({
    what: `an address in ${country} without stateOrRegion`,
    path: ["primaryContacts", "hq", "stateOrRegion"],
    value: undefined,
    besides: [["primaryContacts", "hq", "countryCode"], country] as [Path, unknown],
  })),
  { what: "%{ in a person's name", path: ["people", "jdoe", "name"], value: "%{ for x in [1] }x%{ endfor }" },
  { what: "${ in a group's name", path: ["groups", "cloud-security", "name"], value: "${path.cwd}" },
  { what: "${ in an account's display name", path: ["accounts", "555555555555", "name"], value: "log-${path.cwd}" },
  { what: "${ in a group member", path: ["groups", "finance", "members", 0], value: "${x}" },
  { what: "an exception type in neither case", path: ["exceptions", 0, "type"], value: "Security" },
  { what: "an exception reason under 10 characters", path: ["exceptions", 0, "reason"], value: "short" },
  { what: "an exception date that is no day", path: ["exceptions", 0, "expires"], value: "2026-13-01" },
  { what: "an exception for a rule that cannot be excepted", path: ["exceptions", 0, "rule"], value: "invalid-field" },
  { what: "an account id of 11 digits", path: ["accounts", "55555555555"], value: { name: "short-id" } },
  { what: "an unknown field", path: ["accounts", "444444444444", "nmae"], value: "data-platform" },
  { what: "version 2", path: ["version"], value: 2 },
  { what: "no version", path: ["version"], value: undefined },
  { what: "maxExceptionDays of 0", path: ["policy", "maxExceptionDays"], value: 0 },
];

describe("the schema rejects what the loader rejects, wherever JSON Schema can say it: an editor shows it before synth", () => {
  test("the example registry, with an exception, passes both", () => {
    expect([loaderPaths(exampleText()), schemaPaths(parse(exampleText()))]).toEqual([[], []]);
    expect([loaderPaths(baseText()), schemaPaths(parse(baseText()))]).toEqual([[], []]);
  });

  test.each(MISTAKES.map((m) => [m.what, m] as const))("%s: the loader and the schema both reject it, at the same path", (_, mistake) => {
    const registry = withMistake(mistake);
    const at = mistake.path.join(".");
    const loader = loaderPaths(stringify(registry));
    expect(loader.length).toBeGreaterThan(0);
    expect(new Set(loader)).toEqual(new Set([at]));
    expect(schemaPaths(registry)).toContain(at);
  });

  test("an address outside those countries needs no stateOrRegion, for either", () => {
    const registry = withMistake({
      path: ["primaryContacts", "hq", "stateOrRegion"],
      value: undefined,
      besides: [["primaryContacts", "hq", "countryCode"], "FR"],
    });
    expect([loaderPaths(stringify(registry)), schemaPaths(registry)]).toEqual([[], []]);
  });
});

/** Where a schema states conditions on fields declared elsewhere (stateOrRegion's countries), or shows values. */
const CONDITIONS = new Set(["if", "then", "else", "examples"]);

/** Every property the schema declares, at any depth, as a JSON pointer into the schema. */
function propertyPointers(node: unknown, pointer = "#"): string[] {
  if (node === null || typeof node !== "object") return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(node)) {
    if (key === "properties" && child && typeof child === "object") {
      for (const [name, property] of Object.entries(child)) {
        const at = `${pointer}/properties/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        found.push(at, ...propertyPointers(property, at));
      }
    } else if (!CONDITIONS.has(key)) {
      found.push(...propertyPointers(child, `${pointer}/${key}`));
    }
  }
  return found;
}

/** The schema node a pointer names. */
function at(pointer: string): { description?: string; examples?: unknown[] } {
  return pointer
    .split("/")
    .slice(1)
    .reduce((node: any, part) => node[part.replace(/~1/g, "/").replace(/~0/g, "~")], schema);
}

describe("the schema helps in an editor: every field says what it is and shows a valid value", () => {
  const pointers = propertyPointers(schema);

  test("the schema declares the registry's fields, down to the card fields", () => {
    expect(pointers).toEqual(
      expect.arrayContaining(["#/properties/version", "#/properties/exceptions/items/properties/type", "#/definitions/contactRefs/properties/primary"]),
    );
    expect(pointers.length).toBeGreaterThan(50);
  });

  test.each(pointers.map((pointer) => [pointer]))("%s has a description and examples, and each example is valid there", (pointer) => {
    const property = at(pointer);
    expect(property.description?.length).toBeGreaterThan(10);
    expect(property.examples?.length).toBeGreaterThan(0);
    const check = ajv.compile({ $ref: `${schema.$id}${pointer}` });
    expect(property.examples!.map((example) => [example, check(example)])).toEqual(property.examples!.map((example) => [example, true]));
  });

  test("ajv compiles it in strict mode without a warning, as ajv-cli does", () => {
    expect(warnings).toEqual([]);
  });

  test("the example registry is valid even as a YAML 1.1 parser (ajv-cli's) reads it: its dates are quoted", () => {
    expect(validate(parse(exampleText(), { version: "1.1" }))).toBe(true);
    const unquoted = exampleWith(['reviewed: "2026-10-15"', "reviewed: 2026-10-15"]);
    expect(schemaPaths(parse(unquoted, { version: "1.1" }))).toEqual(["groups.finance.reviewed"]);
  });
});
