import type { JudgedContact } from "../engine/evaluate";
import type { ContactType } from "../model/contact-types";
import type { Origin } from "../registry/effective-contacts";
import type { ContactEvidence } from "./evidence";

/**
 * The ContactEvidence of contacts without findings, shared by card object, the level that chose it and the
 * type: identity lookups, since building a string key for each of 40,000 contacts costs more than the rest.
 */
export class SharedContacts {
  private readonly byCard = new Map<object, Map<unknown, Map<ContactType, ContactEvidence>>>();
  private readonly byValue = new Map<string, ContactEvidence>();

  /** Per type, the last card and level asked for: neighbouring accounts (one OU) mostly repeat them. */
  private readonly last: Partial<Record<ContactType, { card: object; origin: unknown; contact: ContactEvidence }>> = {};

  get(judged: JudgedContact, card: ChosenCard | undefined): ContactEvidence | undefined {
    if (!card) return this.byValue.get(valueKey(judged));
    const origin = originKey(card.origin);
    const last = this.last[judged.type];
    if (last && last.card === card.card && last.origin === origin) return last.contact;
    const contact = this.byCard.get(card.card)?.get(origin)?.get(judged.type);
    if (contact) this.last[judged.type] = { card: card.card, origin, contact };
    return contact;
  }

  set(judged: JudgedContact, card: ChosenCard | undefined, contact: ContactEvidence): ContactEvidence {
    if (!card) {
      // A hand-written resource's values: rare, keyed by value.
      this.byValue.set(valueKey(judged), contact);
      return contact;
    }
    let byOrigin = this.byCard.get(card.card);
    if (!byOrigin) this.byCard.set(card.card, (byOrigin = new Map()));
    let byType = byOrigin.get(originKey(card.origin));
    if (!byType) byOrigin.set(originKey(card.origin), (byType = new Map()));
    byType.set(judged.type, contact);
    return contact;
  }
}

const valueKey = (judged: JudgedContact) => `${judged.type}\u001f${judged.email}\u001f${judged.phone}`;
/**
 * Origins are new objects per account (account level) and per OU path (the defaults, an ancestor's
 * override): they share by their level, or an OU override by its path (one string object per override).
 */
const BY_ACCOUNT = Symbol("account");
const BY_DEFAULTS = Symbol("defaults");
const originKey = (origin: Origin): unknown => (origin.level === "ou" ? origin.path : origin.level === "account" ? BY_ACCOUNT : BY_DEFAULTS);

export type ChosenCard = { card: { id: string; name?: string; fullName?: string }; origin: Origin };
