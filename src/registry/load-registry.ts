import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import schema from "../../schema/registry.schema.json";
import { RegistryError, registryNotFound, registryUnreadable } from "./errors";
import { readDocument, type ParsedDocument } from "./read-document";
import { schemaIssues } from "./schema-errors";
import { semanticIssues } from "./semantic-checks";
import { ALTERNATE_CONTACT_TYPES, type AlternateContactType } from "../model/contact-types";
import {
  type Account,
  type AlternateContactCard,
  type ContactRefs,
  type Group,
  type Person,
  type PolicyException,
  type PrimaryContactCard,
  type Registry,
} from "../model/types";

/* eslint-disable @typescript-eslint/no-explicit-any -- the raw document is typed by the schema it just passed */
type Raw = any;

let validator: ReturnType<Ajv["compile"]> | undefined;
function validate(value: unknown) {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    addFormats(ajv, ["date"]);
    validator = ajv.compile(withoutCardLimits(schema));
  }
  return { ok: validator(value) as boolean, errors: validator.errors ?? [] };
}

/**
 * The schema less the card fields' lengths and patterns. Those are there for editors; the loader checks
 * them with the contact-field table instead (semantic-checks), in AWS's words and alongside every other
 * problem of the file, which a schema failure would stop. A test holds the schema's copy to the table.
 */
function withoutCardLimits(registrySchema: typeof schema): object {
  const copy = structuredClone(registrySchema);
  for (const cards of [copy.properties.contacts, copy.properties.primaryContacts]) {
    for (const property of Object.values<Record<string, unknown>>(cards.additionalProperties.properties)) {
      delete property.minLength;
      delete property.maxLength;
      delete property.pattern;
    }
  }
  return copy;
}

/**
 * Reads and checks the contacts registry. Returns a registry every later step can trust, or throws one
 * RegistryError listing every problem found, each with file:line:column, the registry path, and a fix.
 * @param origin where the path came from, for the error when the file is missing
 * @param cwd the directory a relative path is read from (a command's, which tests set); positions keep
 * the path as the user wrote it
 */
export function loadRegistry(file: string, origin = "the default", cwd = process.cwd()): Registry {
  const absolute = path.resolve(cwd, file);
  if (!fs.existsSync(absolute)) throw registryNotFound(file, origin);
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch (error) {
    throw registryUnreadable(file, (error as Error).message);
  }
  return parseRegistry(file, text);
}

export function parseRegistry(file: string, text: string): Registry {
  const doc = readDocument(file, text);
  if (doc.issues.length && doc.value === null) throw new RegistryError(file, doc.issues);
  const { ok, errors } = validate(doc.value);
  if (!ok || doc.issues.length) throw new RegistryError(file, [...doc.issues, ...schemaIssues(errors, doc)]);
  const registry = build(file, doc.value as Raw, doc);
  const issues = semanticIssues(registry, doc.value, doc);
  if (issues.length) throw new RegistryError(file, issues);
  return registry;
}

function build(file: string, raw: Raw, doc: ParsedDocument): Registry {
  const policy = raw.policy ?? {};
  const entries = (section: string): [string, Raw][] => Object.entries(raw[section] ?? {});
  const fieldPositions = (section: string, id: string, value: object) =>
    Object.fromEntries(Object.keys(value).map((field) => [field, doc.valueAt([section, id, field])]));
  return {
    file,
    version: 1,
    policy: {
      minRecipients: policy.minRecipients ?? 2,
      maxReviewAgeDays: policy.maxReviewAgeDays ?? 365,
      emailDomains: policy.emailDomains,
      distinctTypes: policy.distinctTypes ?? false,
      requiredTypes: (policy.requiredTypes as AlternateContactType[] | undefined) ?? [...ALTERNATE_CONTACT_TYPES],
      mode: policy.mode ?? "enforce",
    },
    people: new Map(entries("people").map(([id, p]): [string, Person] => [id, { id, ...p, position: doc.keyAt(["people", id]) }])),
    groups: new Map(entries("groups").map(([id, g]): [string, Group] => [id, { id, ...g, members: g.members ?? [], position: doc.keyAt(["groups", id]) }])),
    contacts: new Map(
      entries("contacts").map(([id, c]): [string, AlternateContactCard] => [
        id,
        { id, ...c, position: doc.keyAt(["contacts", id]), fieldPositions: fieldPositions("contacts", id, c) },
      ]),
    ),
    primaryContacts: new Map(
      entries("primaryContacts").map(([id, c]): [string, PrimaryContactCard] => [
        id,
        { id, ...c, position: doc.keyAt(["primaryContacts", id]), fieldPositions: fieldPositions("primaryContacts", id, c) },
      ]),
    ),
    defaults: (raw.defaults ?? {}) as ContactRefs,
    organizationalUnits: new Map(
      entries("organizationalUnits").map(([path, contacts]) => [path, { path, contacts, position: doc.keyAt(["organizationalUnits", path]) }]),
    ),
    accounts: entries("accounts").map(([id, a]): Account => ({
      id,
      name: a.name,
      ou: a.ou,
      management: a.management === true,
      contacts: a.contacts ?? {},
      position: doc.keyAt(["accounts", id]),
    })),
    exceptions: (raw.exceptions ?? []).map((e: Raw, index: number): PolicyException => ({ ...e, position: doc.valueAt(["exceptions", String(index)]) })),
    organizationAccountsFile: raw.organization?.accountsFile,
  };
}
