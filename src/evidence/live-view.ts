import { compareContacts, type ContactDrift } from "../drift/drift";
import { unreadTypes, type LiveContacts, type ReadFailure } from "../model/live-contacts";
import { cardValues } from "../model/contact-fields";
import { cardKindOf, slotOf, type ContactType } from "../model/contact-types";
import type { EffectiveContacts } from "../registry/effective-contacts";
import type { DriftFile } from "./drift-file";
import type { LiveContact } from "./evidence";
import { rowKey, type LiveView } from "./evidence-rows";

/** Rows of accounts the read did not cover: the registry does not list them, so nothing read them. */
const NOT_IN_REGISTRY: LiveContact = { status: "not-read", fields: [], note: "not in the registry: not read" };

/** What AWS holds, read just now (`contacts evidence --live`), compared as `contacts drift` compares it. */
export function liveViewFromAws(
  effective: readonly EffectiveContacts[],
  { contacts: live, failures, readAt }: { contacts: ReadonlyMap<string, LiveContacts>; failures: readonly ReadFailure[]; readAt: string },
  types: readonly ContactType[],
): LiveView {
  const contacts = new Map<string, LiveContact>();
  const drifted = byRow(compareContacts(effective, live, types, unreadTypes(failures)));
  const failed = new Map(failures.map((f) => [rowKey(f.accountId, f.type), f]));
  for (const { account } of effective) {
    const held = live.get(account.id);
    for (const type of types) {
      const key = rowKey(account.id, type);
      const failure = failed.get(key);
      if (failure) contacts.set(key, { status: "not-read", fields: [], note: `${failure.code}: ${failure.message}` });
      else if (held) contacts.set(key, fromDrift(drifted.get(key), held[type]));
    }
  }
  return { readAt, source: "AWS Account Management, read by contacts evidence --live", types, contacts, otherwise: NOT_IN_REGISTRY };
}

/**
 * What a `contacts drift --format json` file says AWS held. It lists only what differs, so a contact it
 * does not list holds the registry's values, but only when the file compared this very registry (its
 * sha256) and read the account; otherwise the row is unknown, never assumed to match. A file written
 * before drift recorded the registry's sha256 cannot tell, so all its rows but those not read are unknown.
 * Its failed reads are not read: per account and type when it records them, else the whole account.
 */
export function liveViewFromDriftFile(
  effective: readonly EffectiveContacts[],
  report: DriftFile,
  types: readonly ContactType[],
  against: { file: string; registrySha256?: string },
): LiveView {
  const { file } = against;
  const contacts = new Map<string, LiveContact>();
  const drifted = byRow(report.drift);
  const failedAccounts = new Map<string, DriftFile["failures"][number]>();
  const failedContacts = new Map<string, DriftFile["failures"][number]>();
  for (const failure of report.failures) {
    if (failure.contacts) for (const { accountId, type } of failure.contacts) failedContacts.set(rowKey(accountId, type), failure);
    else for (const id of failure.accounts) failedAccounts.set(id, failure);
  }
  const otherRegistry = registryUnknown(report, file, against.registrySha256);
  const read = report.accountIdsRead ? new Set(report.accountIdsRead) : undefined;
  const readAll = report.accountsRead + failedAccounts.size >= effective.length;
  const notRead: LiveContact = read
    ? { status: "unknown", fields: [], note: `${file} did not read this account` }
    : { status: "unknown", fields: [], note: `${file} read ${report.accountsRead} of ${effective.length} accounts and does not say which` };
  for (const chosen of effective) {
    const accountFailure = failedAccounts.get(chosen.account.id);
    const accountRead = read ? read.has(chosen.account.id) : readAll;
    for (const type of types) {
      const key = rowKey(chosen.account.id, type);
      const drift = drifted.get(key);
      const card = chosen[slotOf(type)]?.card;
      const expected = card ? cardValues(card, cardKindOf(type)) : undefined;
      const failure = failedContacts.get(key) ?? accountFailure;
      if (failure) contacts.set(key, { status: "not-read", fields: [], note: `${failure.code}: ${failure.message}` });
      else if (otherRegistry) contacts.set(key, otherRegistry);
      else if (!accountRead && !drift) contacts.set(key, notRead);
      else if (drift) contacts.set(key, fromDrift(drift, heldFromDrift(expected, drift)));
      else contacts.set(key, { status: "matches", held: expected, fields: [] });
    }
  }
  return { readAt: report.readAt, source: `${file} (contacts drift --format json)`, types, contacts, otherwise: NOT_IN_REGISTRY };
}

/** Why a drift file's rows cannot be compared with this registry, when they cannot: it compared another, or does not say which. */
function registryUnknown(report: DriftFile, file: string, registrySha256: string | undefined): LiveContact | undefined {
  const unknown = (note: string): LiveContact => ({ status: "unknown", fields: [], note });
  if (!report.registry) return unknown(`${file} does not record the registry it compared (written by an older contacts drift): run contacts drift again`);
  if (registrySha256 === undefined) return unknown("the registry file's sha256 is unknown, so it cannot be matched with the one drift compared");
  if (report.registry.sha256 !== registrySha256)
    return unknown(`${file} compared another registry (${report.registry.file}, sha256 ${report.registry.sha256.slice(0, 12)}…): run contacts drift again`);
  return undefined;
}

function byRow(drift: readonly ContactDrift[]): Map<string, ContactDrift> {
  return new Map(drift.map((d) => [rowKey(d.accountId, d.type), d]));
}

function fromDrift(drift: ContactDrift | undefined, held: Record<string, string> | undefined): LiveContact {
  if (!drift) return { status: "matches", held, fields: [] };
  if (drift.kind === "missing") return { status: "missing", fields: [] };
  if (drift.kind === "unmanaged") return { status: "unmanaged", held, fields: [] };
  return { status: "differs", held, fields: drift.fields.map((f) => f.field) };
}

/** The registry's values with the differing fields as AWS holds them: all a drift file says AWS held. */
function heldFromDrift(expected: Record<string, string> | undefined, drift: ContactDrift): Record<string, string> | undefined {
  if (drift.kind === "missing") return undefined;
  const held: Record<string, string> = drift.kind === "different" ? { ...expected } : {};
  for (const f of drift.fields) {
    if (f.actual === undefined) delete held[f.field];
    else held[f.field] = f.actual;
  }
  return held;
}
