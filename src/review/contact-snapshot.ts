import type { Directory, DirectoryEntry } from "../model/directory";
import { cardValues } from "../model/contact-fields";
import { cardKindOf, CONTACT_SLOTS, typeOf, type ContactType } from "../model/contact-types";
import type { EffectiveContacts, Origin } from "../registry/effective-contacts";
import type { Account } from "../model/types";

/** Person id and name: ids say who is gained or lost, names are what a reviewer reads. */
export interface Recipient {
  id: string;
  name: string;
}

/** One account's contact of one type, as AWS will hold it, and who it reaches today. */
export interface ContactState {
  card: string;
  origin: Origin;
  /** The values Terraform sends, by registry field name: what decides whether a contact changed. */
  values: Record<string, string>;
  /** Current people each address reaches, sorted by id. */
  reaches: { email?: Recipient[]; phone?: Recipient[] };
}

export interface AccountState {
  account: Account;
  contacts: Partial<Record<ContactType, ContactState>>;
}

/** Every account's effective contacts, keyed by account id: one side of a review. */
export type ContactSnapshot = Map<string, AccountState>;

/**
 * What each account's contacts will be, independent of how the file is written: card ids, key order,
 * comments and which level chose a card do not enter `values`, so moving text around is no change.
 */
export function snapshotContacts(effective: readonly EffectiveContacts[], directory: Directory): ContactSnapshot {
  const reach = (lookup: DirectoryEntry | undefined): Recipient[] =>
    lookup
      ? directory
          .recipients(lookup)
          .current.map((p) => ({ id: p.id, name: p.name }))
          .sort((a, b) => compare(a.id, b.id))
      : [];
  const snapshot: ContactSnapshot = new Map();
  for (const account of effective) {
    const contacts: AccountState["contacts"] = {};
    for (const slot of CONTACT_SLOTS) {
      const chosen = account[slot];
      if (!chosen) continue;
      const type = typeOf(slot);
      const values = cardValues(chosen.card, cardKindOf(type));
      const reaches: ContactState["reaches"] = {};
      for (const { field, entry } of directory.lookupAddresses(values)) reaches[field] = reach(entry);
      contacts[type] = { card: chosen.card.id, origin: chosen.origin, values, reaches };
    }
    snapshot.set(account.account.id, { account: account.account, contacts });
  }
  return snapshot;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
