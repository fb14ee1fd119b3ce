import { cardValues, CONTACT_FIELDS } from "../model/contact-fields";
import { ALTERNATE_CONTACT_TYPES, cardKindOf, PRIMARY_CONTACT_TYPE, slotOf, type ContactType } from "../model/contact-types";
import type { HeldAccount } from "../engine/judge-held";
import type { EffectiveContacts } from "../registry/effective-contacts";
import type { LiveContacts } from "../model/live-contacts";

/** How AWS differs from the registry for one account and type. */
export type DriftKind = "missing" | "different" | "unmanaged";

export interface FieldDrift {
  field: string;
  /** What the registry (the stack) would write; absent when the card leaves the field out. */
  expected?: string;
  /** What AWS holds; absent when AWS has no value. */
  actual?: string;
}

export interface ContactDrift {
  accountId: string;
  accountName: string;
  type: ContactType;
  /** missing: the registry sets it and AWS has none; different: both, with other values; unmanaged: AWS has one the registry does not set. */
  kind: DriftKind;
  /** The registry's card, when it sets one. */
  card?: string;
  /** For `different`, every field that differs; for `unmanaged`, what AWS holds. */
  fields: FieldDrift[];
}

/** The types to read and compare: the alternate contacts, and the primary contact when the registry sets any. */
export function typesToCompare(accounts: readonly EffectiveContacts[]): ContactType[] {
  return accounts.some((a) => a.primary) ? [...ALTERNATE_CONTACT_TYPES, PRIMARY_CONTACT_TYPE] : [...ALTERNATE_CONTACT_TYPES];
}

/**
 * Compares what AWS holds with the values the stack would write (the registry's effective contacts, as
 * the contact-field table sends them), for every account read and every type in `types` but those that
 * could not be read (`unread`). A field the card leaves out counts as empty, as Terraform would clear it.
 * Linear in the accounts.
 */
export function compareContacts(
  accounts: readonly EffectiveContacts[],
  live: ReadonlyMap<string, LiveContacts>,
  types: readonly ContactType[],
  unread: ReadonlyMap<string, ReadonlySet<ContactType>> = new Map(),
): ContactDrift[] {
  const drift: ContactDrift[] = [];
  for (const effective of accounts) {
    const held = live.get(effective.account.id);
    if (!held) continue;
    const notRead = unread.get(effective.account.id);
    for (const type of types) {
      if (notRead?.has(type)) continue;
      const kind = cardKindOf(type);
      const chosen = effective[slotOf(type)];
      const expected = chosen ? cardValues(chosen.card, kind) : undefined;
      const actual = held[type];
      const base = { accountId: effective.account.id, accountName: effective.account.name, type, ...(chosen ? { card: chosen.card.id } : {}) };
      if (expected && !actual) drift.push({ ...base, kind: "missing", fields: [] });
      else if (!expected && actual)
        drift.push({ ...base, kind: "unmanaged", fields: Object.entries(actual).map(([field, value]) => ({ field, actual: value })) });
      else if (expected && actual) {
        const fields = CONTACT_FIELDS[kind]
          .filter(({ field }) => (expected[field] ?? "") !== (actual[field] ?? ""))
          .map(({ field }) => ({ field, ...(field in expected ? { expected: expected[field] } : {}), ...(field in actual ? { actual: actual[field] } : {}) }));
        if (fields.length) drift.push({ ...base, kind: "different", fields });
      }
    }
  }
  return drift;
}

/** What AWS holds for each account read, for judgeHeldContacts: the types read (not those in `unread`) and their values. */
export function heldAccountsOf(
  accounts: readonly EffectiveContacts[],
  live: ReadonlyMap<string, LiveContacts>,
  types: readonly ContactType[],
  unread: ReadonlyMap<string, ReadonlySet<ContactType>> = new Map(),
): HeldAccount[] {
  const held: HeldAccount[] = [];
  for (const { account } of accounts) {
    const contacts = live.get(account.id);
    if (!contacts) continue;
    const notRead = unread.get(account.id);
    held.push({ accountId: account.id, accountName: account.name, position: account.position, read: types.filter((t) => !notRead?.has(t)), held: contacts });
  }
  return held;
}
