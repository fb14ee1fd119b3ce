import * as fs from "fs";
import * as path from "path";
import { MAX_REGISTRY_BYTES, RegistryError, registryNotAFile, registryNotFound, registryTooLarge, registryUnreadable } from "./errors";
import { readDocument, type ParsedDocument } from "./read-document";
import { REGISTRY_SCHEMA, schemaValidator, type SchemaValidator } from "./schema-validators";
import { schemaIssues } from "./schema-errors";
import { semanticIssues } from "./semantic-checks";
import { DIRECTORY_SNAPSHOT_FILE_NAME } from "./directory-snapshot-name";
import type { AlternateContactType } from "../model/contact-types";
import {
  defaultPolicySettings,
  type Account,
  type AlternateContactCard,
  type ContactRefs,
  type DirectorySource,
  type Group,
  type Person,
  type PolicyException,
  type PrimaryContactCard,
  type Registry,
} from "../model/types";

/* eslint-disable @typescript-eslint/no-explicit-any -- the raw document is typed by the schema it just passed */
type Raw = any;

let validator: SchemaValidator | undefined;
function validate(value: unknown) {
  validator ??= schemaValidator(REGISTRY_SCHEMA);
  return { ok: validator(value), errors: validator.errors ?? [] };
}

export interface LoadOptions {
  /**
   * YYYY-MM-DD, the run's "today" (the run context's: CONTACTS_TODAY or the system date). When given,
   * an exception expiring more than policy.maxExceptionDays after it is an error; the loader reads no clock.
   */
  today?: string;
}

/**
 * Reads and checks the contacts registry. Returns a registry every later step can trust, or throws one
 * RegistryError listing every problem found, each with file:line:column, the registry path, and a fix.
 * @param origin where the path came from, for the error when the file is missing
 * @param cwd the directory a relative path is read from (a command's, which tests set); positions keep
 * the path as the user wrote it
 */
export function loadRegistry(file: string, origin = "the default", cwd = process.cwd(), options: LoadOptions = {}): Registry {
  const absolute = path.resolve(cwd, file);
  const stat = registryFileStat(file, absolute, origin);
  if (stat.size > MAX_REGISTRY_BYTES) throw registryTooLarge(file, stat.size);
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch (error) {
    throw registryUnreadable(file, (error as Error).message);
  }
  return parseRegistry(file, text, options);
}

/** The registry file's size, or an error saying what the path is instead of a readable file. */
function registryFileStat(file: string, absolute: string, origin: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") {
      throw registryNotAFile(file, "a symbolic link that leads back to itself (a symlink loop)", "point the link, or the path, at the registry file itself");
    }
    if (code !== "ENOENT" && code !== "ENOTDIR") throw registryUnreadable(file, (error as Error).message);
    const link = fs.lstatSync(absolute, { throwIfNoEntry: false });
    if (link?.isSymbolicLink()) {
      throw registryNotAFile(
        file,
        `a symbolic link to ${fs.readlinkSync(absolute)}, which does not exist`,
        "point the link at the registry file, or remove it",
      );
    }
    throw registryNotFound(file, origin);
  }
  if (stat.isDirectory()) throw registryNotAFile(file, "a directory", "name the registry file inside it, e.g. contacts/registry.yaml");
  if (!stat.isFile()) throw registryNotAFile(file, "a device or pipe", "name a regular .yaml or .json file");
  return stat;
}

/** loadRegistry for a text already read: `file` names it in positions, and says how to read it (`.json`: strict JSON). */
export function parseRegistry(file: string, text: string, options: LoadOptions = {}): Registry {
  // A revision under review arrives as text: held to the same size as a file on disk.
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_REGISTRY_BYTES) throw registryTooLarge(file, bytes);
  const doc = readDocument(file, text);
  if (doc.value === undefined) throw new RegistryError(file, doc.issues);
  const { ok, errors } = validate(doc.value);
  if (!ok || doc.issues.length) throw new RegistryError(file, [...doc.issues, ...schemaIssues(errors, doc)]);
  const registry = build(file, doc.value as Raw, doc);
  const issues = semanticIssues(registry, doc.value, doc, options.today);
  if (issues.length) throw new RegistryError(file, issues);
  return registry;
}

function build(file: string, raw: Raw, doc: ParsedDocument): Registry {
  const policy = raw.policy ?? {};
  const entries = (section: string): [string, Raw][] => Object.entries(raw[section] ?? {});
  const fieldPositions = (section: string, id: string, value: object) =>
    Object.fromEntries(Object.keys(value).map((field) => [field, doc.valueAt([section, id, field])]));
  /** A section's entries by id, each with where it and each of its fields stand. */
  const located = <T>(section: string, defaults: (value: Raw) => object = () => ({})) =>
    new Map(
      entries(section).map(([id, value]): [string, T] => [
        id,
        { id, ...value, ...defaults(value), position: doc.keyAt([section, id]), fieldPositions: fieldPositions(section, id, value) },
      ]),
    );
  const fallback = defaultPolicySettings();
  return {
    file,
    version: 1,
    policy: {
      minRecipients: policy.minRecipients ?? fallback.minRecipients,
      maxReviewAgeDays: policy.maxReviewAgeDays ?? fallback.maxReviewAgeDays,
      maxExceptionDays: policy.maxExceptionDays ?? fallback.maxExceptionDays,
      emailDomains: policy.emailDomains,
      distinctTypes: policy.distinctTypes ?? fallback.distinctTypes,
      requiredTypes: (policy.requiredTypes as AlternateContactType[] | undefined) ?? fallback.requiredTypes,
      mode: policy.mode ?? fallback.mode,
      weakeningSeverity: policy.weakeningSeverity ?? fallback.weakeningSeverity,
      // Only when set, so a registry without directories keeps the policy it had (and its reports their bytes).
      ...(policy.resolveAddressesIn === undefined ? {} : { resolveAddressesIn: policy.resolveAddressesIn }),
      maxDirectoryAgeDays: policy.maxDirectoryAgeDays ?? fallback.maxDirectoryAgeDays,
    },
    // emailDomains has no default, so it is named beside the defaults' keys; a key left out points at the block (or the file).
    policyPositions: Object.fromEntries([...Object.keys(fallback), "emailDomains", "resolveAddressesIn"].map((key) => [key, doc.keyAt(["policy", key])])),
    people: located<Person>("people"),
    groups: located<Group>("groups", (group) => ({ members: group.members ?? [] })),
    contacts: located<AlternateContactCard>("contacts"),
    primaryContacts: located<PrimaryContactCard>("primaryContacts"),
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
    // The file may name a type in lower case, as it names every other key; the rules compare upper case.
    exceptions: (raw.exceptions ?? []).map((e: Raw, index: number): PolicyException => ({
      ...e,
      type: e.type.toUpperCase(),
      position: doc.valueAt(["exceptions", index]),
    })),
    organizationAccountsFile: raw.organization?.accountsFile,
    ...directorySettings(raw, doc),
  };
}

/** The `directories` section and the snapshot it is read from: nothing at all for a registry without it. */
function directorySettings(raw: Raw, doc: ParsedDocument): Pick<Registry, "directories" | "directorySnapshotFile"> {
  if (raw.directories === undefined) return {};
  const directories = new Map<string, DirectorySource>(
    Object.entries<Raw>(raw.directories).map(([id, settings]) => [id, { ...settings, id, position: doc.keyAt(["directories", id]) }]),
  );
  return { directories, directorySnapshotFile: raw.directorySnapshot ?? DIRECTORY_SNAPSHOT_FILE_NAME };
}
