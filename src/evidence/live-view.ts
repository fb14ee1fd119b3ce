import type { LiveContacts, ReadFailure } from "../aws/contact-reader";
import { compareContacts, type ContactDrift } from "../aws/drift";
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
  live: ReadonlyMap<string, LiveContacts>,
  failures: readonly ReadFailure[],
  types: readonly ContactType[],
  readAt: string,
): LiveView {
  const contacts = new Map<string, LiveContact>();
  const drifted = byRow(compareContacts(effective, live, types));
  const failed = new Map(failures.map((f) => [f.accountId, f]));
  for (const { account } of effective) {
    const failure = failed.get(account.id);
    const held = live.get(account.id);
    for (const type of types) {
      const key = rowKey(account.id, type);
      if (failure) contacts.set(key, { status: "not-read", fields: [], note: `${failure.code}: ${failure.message}` });
      else if (held) contacts.set(key, fromDrift(drifted.get(key), held[type]));
    }
  }
  return { readAt, source: "AWS Account Management, read by contacts evidence --live", contacts, otherwise: NOT_IN_REGISTRY };
}

/**
 * What a `contacts drift --format json` file says AWS held. It lists only what differs, so a contact it
 * does not list holds the registry's values, provided the file read every account; when it read fewer
 * (drift --accounts) and does not say which, such a contact is unknown rather than assumed to match.
 */
export function liveViewFromDriftFile(effective: readonly EffectiveContacts[], report: DriftFile, types: readonly ContactType[], file: string): LiveView {
  const contacts = new Map<string, LiveContact>();
  const drifted = byRow(report.drift);
  const failed = new Map(report.failures.flatMap((f) => f.accounts.map((id) => [id, f] as const)));
  const readAll = report.accountsRead + failed.size >= effective.length;
  const unknown: LiveContact = {
    status: "unknown",
    fields: [],
    note: `${file} read ${report.accountsRead} of ${effective.length} accounts and does not say which`,
  };
  for (const chosen of effective) {
    const failure = failed.get(chosen.account.id);
    for (const type of types) {
      const key = rowKey(chosen.account.id, type);
      const drift = drifted.get(key);
      const card = chosen[slotOf(type)]?.card;
      const expected = card ? cardValues(card, cardKindOf(type)) : undefined;
      if (failure) contacts.set(key, { status: "not-read", fields: [], note: `${failure.code}: ${failure.message}` });
      else if (drift) contacts.set(key, fromDrift(drift, heldFromDrift(expected, drift)));
      else if (expected) contacts.set(key, readAll ? { status: "matches", held: expected, fields: [] } : unknown);
    }
  }
  return { readAt: report.readAt, source: `${file} (contacts drift --format json)`, contacts, otherwise: NOT_IN_REGISTRY };
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
