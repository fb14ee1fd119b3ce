import type { ContactValue, FieldValue } from "./rule-contract";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { cardValues } from "../model/contact-fields";
import { cardKindOf, CONTACT_SLOTS, typeOf, type ContactType } from "../model/contact-types";
import type { AlternateContactCard, PrimaryContactCard } from "../model/types";

/**
 * The contacts a registry sets, as the rules judge them: for every account, one value per contact type,
 * located at the card's lines. The one path from the registry to judged contacts: review judges these
 * directly, synth judges them after checking that what cdktf resolved is the same.
 */
export class RegistryContacts {
  private readonly byAccount = new Map<string, ContactValue[]>();

  constructor(effective: readonly EffectiveContacts[]) {
    // Thousands of accounts share a handful of cards: each card's fields are built once and shared.
    const fieldsOf = new Map<AlternateContactCard | PrimaryContactCard, Record<string, FieldValue>>();
    for (const chosen of effective) {
      const { account } = chosen;
      const contacts: ContactValue[] = [];
      for (const slot of CONTACT_SLOTS) {
        const choice = chosen[slot];
        if (!choice) continue;
        const { card } = choice;
        let fields = fieldsOf.get(card);
        if (!fields) {
          fields = {};
          for (const [field, value] of Object.entries(cardValues(card, cardKindOf(typeOf(slot))))) fields[field] = { known: true, value };
          fieldsOf.set(card, fields);
        }
        contacts.push({
          accountId: account.id,
          accountName: account.name,
          type: typeOf(slot),
          fields,
          location: { fields: card.fieldPositions, registry: card.position },
        });
      }
      this.byAccount.set(account.id, contacts);
    }
  }

  /** The account's contacts in type order (BILLING, OPERATIONS, SECURITY, PRIMARY); empty for an account the registry does not list. */
  of(accountId: string): readonly ContactValue[] {
    return this.byAccount.get(accountId) ?? [];
  }

  get(accountId: string, type: ContactType): ContactValue | undefined {
    return this.byAccount.get(accountId)?.find((contact) => contact.type === type);
  }
}

/** Whether two contacts send Terraform the same values: a field left unset on one is unset on the other. */
export function sameFields(a: ContactValue["fields"], b: ContactValue["fields"]): boolean {
  for (const field in a) if (!sameValue(a[field], b[field])) return false;
  for (const field in b) if (!(field in a) && b[field] !== undefined) return false;
  return true;
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.known && b.known) return a.value === b.value;
  return !a.known && !b.known && a.expression === b.expression;
}
