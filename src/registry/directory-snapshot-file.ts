import * as fs from "fs";
import * as path from "path";
import { normalizeEmail } from "../model/addresses";
import { CompanyDirectory } from "../model/company-directory";
import type { AddressResolution, DirectoryMember, DirectoryReading } from "../model/directory-reading";
import type { DirectoryOutage, Registry, SourcePosition } from "../model/types";
import type { RegistryIssue } from "./errors";
import { DirectorySnapshotError, READ_DIRECTORY_AGAIN, snapshotMissing, snapshotOutsideRepository, snapshotUnreadable } from "./directory-snapshot-errors";
import { readingAges, snapshotStrings } from "./directory-snapshot-checks";
import { readDocument, type ParsedDocument } from "./read-document";
import { leavesRepository } from "./repository-files";
import { schemaIssues } from "./schema-errors";
import { DIRECTORY_SNAPSHOT_SCHEMA, schemaValidator, type SchemaValidator } from "./schema-validators";

/** The snapshot's format, its first key: a reader of another version refuses it rather than misread it. */
export const DIRECTORY_SNAPSHOT_FORMAT = "contacts-directory-snapshot/1";

/** The largest snapshot read: some 1,000 groups of 1,000 members; a larger file is refused unread. */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/**
 * The directory snapshot as `contacts directory read` writes it: readings by source, resolutions by address,
 * members by id, each key in one order, so a refresh shows in a pull request as the members that changed.
 */
export function directorySnapshotText(readings: readonly DirectoryReading[]): string {
  const sorted = [...readings].sort((a, b) => compare(a.source, b.source)).map(readingRecord);
  return JSON.stringify({ format: DIRECTORY_SNAPSHOT_FORMAT, readings: sorted }, null, 2) + "\n";
}

function readingRecord(r: DirectoryReading): DirectoryReading {
  const resolutions = [...r.resolutions].sort((a, b) => compare(normalizeEmail(a.address), normalizeEmail(b.address))).map(resolutionRecord);
  return { source: r.source, kind: r.kind, ...(r.dialect ? { dialect: r.dialect } : {}), where: r.where, readAt: r.readAt, resolutions };
}

function resolutionRecord(r: AddressResolution): AddressResolution {
  if (r.kind === "unknown") return { address: r.address, kind: r.kind };
  if (r.kind === "user") return { address: r.address, kind: r.kind, user: memberRecord(r.user) };
  const { id, displayName, mailEnabled, securityEnabled } = r.group;
  const group = {
    id,
    ...(displayName === undefined ? {} : { displayName }),
    ...(mailEnabled === undefined ? {} : { mailEnabled }),
    ...(securityEnabled === undefined ? {} : { securityEnabled }),
  };
  return { address: r.address, kind: r.kind, group, members: [...r.members].sort((a, b) => compare(a.id, b.id)).map(memberRecord) };
}

function memberRecord(m: DirectoryMember): DirectoryMember {
  return {
    id: m.id,
    ...(m.displayName === undefined ? {} : { displayName: m.displayName }),
    ...(m.mail === undefined ? {} : { mail: m.mail }),
    state: m.state,
    ...(m.stateReason === undefined ? {} : { stateReason: m.stateReason }),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where the registry's snapshot is: its `directorySnapshot` resolved against the registry's folder; undefined without directories. */
export function directorySnapshotPath(registry: Registry): string | undefined {
  const named = registry.directorySnapshotFile;
  return named === undefined ? undefined : path.join(path.dirname(registry.file), named);
}

export type ReadText = (file: string) => string;
const readUtf8: ReadText = (file) => fs.readFileSync(file, "utf8");

let validator: SchemaValidator | undefined;
function validate(value: unknown) {
  validator ??= schemaValidator(DIRECTORY_SNAPSHOT_SCHEMA);
  return { ok: validator(value), errors: validator.errors ?? [] };
}

/**
 * The company directories as the registry's snapshot recorded them, for the Directory to count; undefined
 * when the registry names no directories, or names some that nothing uses and no snapshot exists. Throws a
 * DirectorySnapshotError naming every problem with its line and fix: the snapshot missing while a group or
 * the policy needs it, outside the repository, not of this format, a hostile string, a source or address
 * the registry needs that it does not hold, or a reading older than policy.maxDirectoryAgeDays as of `today`.
 * @param readText reads the snapshot (and the registry, to point at the line naming it); `contacts review` reads a git revision
 * @param cwd the folder a relative registry path is relative to
 * @param today YYYY-MM-DD, the run's today (the loader reads no clock); undefined for review's base side, which
 *   is compared, not judged on its age: the snapshot was as fresh as it had to be when the base was written
 */
export function loadDirectorySnapshot(
  registry: Registry,
  readText: ReadText = readUtf8,
  cwd = process.cwd(),
  today: string | undefined,
): CompanyDirectory | undefined {
  const file = directorySnapshotPath(registry);
  if (file === undefined) return undefined;
  const needs = neededAddresses(registry);
  const namedAt = () => snapshotNamedAt(registry, readText);
  const leaves = leavesRepository(path.resolve(cwd, path.dirname(registry.file)), registry.directorySnapshotFile!);
  if (leaves) throw snapshotOutsideRepository(file, namedAt(), leaves);
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw snapshotUnreadable(file, namedAt(), (error as Error).message);
    if (needs.size === 0) return undefined;
    const [source, [first]] = [...needs][0];
    throw snapshotMissing(file, namedAt(), `${first.what} reads directory "${source}" (${where(first.position)})`);
  }
  if (Buffer.byteLength(text) > MAX_SNAPSHOT_BYTES) throw snapshotUnreadable(file, namedAt(), `it is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`);
  const doc = readDocument(file, text);
  const fail = (issues: RegistryIssue[]) =>
    new DirectorySnapshotError(
      file,
      namedAt(),
      issues.map((issue) => ({ ...issue, fix: issue.fix || READ_DIRECTORY_AGAIN })),
    );
  if (doc.value === undefined) throw fail(doc.issues.map((issue) => ({ ...issue, fix: READ_DIRECTORY_AGAIN })));
  const { ok, errors } = validate(doc.value);
  if (!ok || doc.issues.length) throw fail([...doc.issues, ...schemaIssues(errors, doc)].map((issue) => ({ ...issue, fix: READ_DIRECTORY_AGAIN })));
  const readings = (doc.value as { readings: DirectoryReading[] }).readings;
  const issues = [
    ...snapshotStrings(doc.value, doc),
    ...(today === undefined ? [] : readingAges(readings, doc, { today, maxDays: registry.policy.maxDirectoryAgeDays, outages: outagesOf(registry) })),
    ...coverage(readings, needs, doc),
  ];
  if (issues.length) throw fail(issues);
  const resolveIn = registry.policy.resolveAddressesIn;
  const resolvePosition = registry.policyPositions?.resolveAddressesIn ?? { file: registry.file, line: 1, column: 1 };
  return new CompanyDirectory(
    new Map(readings.map((r) => [r.source, r])),
    resolveIn === undefined ? undefined : { source: resolveIn, position: resolvePosition },
  );
}

/** An address the registry needs a source to have resolved, and who needs it. */
interface Need {
  address: string;
  what: string;
  position: SourcePosition;
}

/**
 * What `contacts directory read` asks each source for: its addresses, each once (compared case-insensitively),
 * sorted. The same list the snapshot is checked against, so a fresh read always covers the registry.
 */
export function addressesToRead(registry: Registry): Map<string, string[]> {
  const read = new Map<string, string[]>();
  for (const [source, needs] of neededAddresses(registry)) {
    const unique = new Map(needs.map((need) => [need.address.toLowerCase(), need.address]));
    read.set(
      source,
      [...unique.values()].sort((a, b) => compare(a.toLowerCase(), b.toLowerCase())),
    );
  }
  return read;
}

/** By source: every sourced group's email, and with policy.resolveAddressesIn every alternate contact card's email. */
function neededAddresses(registry: Registry): Map<string, Need[]> {
  const needs = new Map<string, Need[]>();
  const need = (source: string, item: Need) => {
    const list = needs.get(source);
    if (list) list.push(item);
    else needs.set(source, [item]);
  };
  for (const group of registry.groups.values()) {
    if (group.source && group.email)
      need(group.source, { address: group.email, what: `group ${group.id}`, position: group.fieldPositions?.source ?? group.position });
  }
  const resolveIn = registry.policy.resolveAddressesIn;
  if (resolveIn !== undefined) {
    for (const card of registry.contacts.values())
      need(resolveIn, { address: card.email, what: `contact card ${card.id}`, position: card.fieldPositions.email ?? card.position });
  }
  return needs;
}

function coverage(readings: readonly DirectoryReading[], needs: Map<string, Need[]>, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const bySource = new Map<string, number>();
  readings.forEach((reading, index) => {
    const first = bySource.get(reading.source);
    if (first === undefined) return void bySource.set(reading.source, index);
    issues.push({
      position: doc.valueAt(["readings", index, "source"]),
      path: `readings.${index}.source`,
      message: `a second reading of directory "${reading.source}" (readings.${first} is the first), so which one counts is unclear`,
      fix: READ_DIRECTORY_AGAIN,
    });
  });
  for (const [source, items] of needs) {
    const index = bySource.get(source);
    if (index === undefined) {
      issues.push({
        position: doc.valueAt(["readings"]),
        path: "readings",
        message: `holds no reading of directory "${source}", which ${items[0].what} reads (${where(items[0].position)})`,
        fix: READ_DIRECTORY_AGAIN,
      });
      continue;
    }
    const resolved = new Set(readings[index].resolutions.map((r) => normalizeEmail(r.address)));
    const seen = new Set<string>();
    for (const item of items) {
      const address = normalizeEmail(item.address);
      if (resolved.has(address) || seen.has(address)) continue;
      seen.add(address);
      issues.push({
        position: doc.valueAt(["readings", index, "resolutions"]),
        path: `readings.${index}.resolutions`,
        message: `directory "${source}" was not asked about ${item.address}, the email of ${item.what} (${where(item.position)})`,
        fix: READ_DIRECTORY_AGAIN,
      });
    }
  }
  return issues;
}

function where(position: SourcePosition): string {
  return `${position.file}:${position.line}`;
}

/** The registry line naming the snapshot: `directorySnapshot`, or the `directories` section for the default path. */
function snapshotNamedAt(registry: Registry, readText: ReadText): SourcePosition {
  try {
    const doc = readDocument(registry.file, readText(registry.file));
    const named = (doc.value as { directorySnapshot?: unknown } | null)?.directorySnapshot !== undefined;
    return named ? doc.valueAt(["directorySnapshot"]) : doc.keyAt(["directories"]);
  } catch {
    return { file: registry.file, line: 1, column: 1 };
  }
}

/** The directories under an outage exception, by id: a stale snapshot of them is accepted until the exception expires. */
function outagesOf(registry: Registry): Map<string, DirectoryOutage> {
  const outages = new Map<string, DirectoryOutage>();
  for (const [id, source] of registry.directories ?? []) if (source.outage) outages.set(id, source.outage);
  return outages;
}
