import { CONTACT_SLOTS, type ContactSlot } from "../model/contact-types";
import type { Account, AlternateContactCard, ContactRefs, PrimaryContactCard, Registry } from "../model/types";

/** Which level of the registry chose a card: the account itself, one of its OUs, or the defaults. */
export type Origin = { level: "account" } | { level: "ou"; path: string } | { level: "defaults" };

export interface EffectiveContacts {
  account: Account;
  billing?: { card: AlternateContactCard; origin: Origin };
  operations?: { card: AlternateContactCard; origin: Origin };
  security?: { card: AlternateContactCard; origin: Origin };
  primary?: { card: PrimaryContactCard; origin: Origin };
}

/**
 * Applies precedence for every account and contact type: the account's own `contacts`, then its OU
 * (the nearest ancestor path that names the type wins), then `defaults`. Each OU path's merged choice
 * is computed once, so this stays linear in the number of accounts.
 */
export function resolveEffectiveContacts(registry: Registry): EffectiveContacts[] {
  const perOu = new Map<string, Partial<Record<ContactSlot, { ref: string; origin: Origin }>>>();
  const ouChoice = (path: string | undefined) => {
    const key = path ?? "";
    let choice = perOu.get(key);
    if (choice) return choice;
    choice = {};
    const parts = path ? path.split("/") : [];
    // Nearest ancestor first: the first level that names a slot keeps it.
    for (let n = parts.length; n >= 1; n--) {
      const prefix = parts.slice(0, n).join("/");
      const override = registry.organizationalUnits.get(prefix);
      if (override) fill(choice, override.contacts, { level: "ou", path: prefix });
    }
    fill(choice, registry.defaults, { level: "defaults" });
    perOu.set(key, choice);
    return choice;
  };
  return registry.accounts.map((account) => {
    const inherited = ouChoice(account.ou);
    const result: EffectiveContacts = { account };
    for (const slot of CONTACT_SLOTS) {
      const own = account.contacts[slot];
      const chosen = own !== undefined ? { ref: own, origin: { level: "account" } as Origin } : inherited[slot];
      if (!chosen) continue;
      if (slot === "primary") result.primary = { card: registry.primaryContacts.get(chosen.ref)!, origin: chosen.origin };
      else result[slot] = { card: registry.contacts.get(chosen.ref)!, origin: chosen.origin };
    }
    return result;
  });
}

function fill(into: Partial<Record<ContactSlot, { ref: string; origin: Origin }>>, refs: ContactRefs, origin: Origin) {
  for (const slot of CONTACT_SLOTS) {
    const ref = refs[slot];
    if (ref !== undefined && into[slot] === undefined) into[slot] = { ref, origin };
  }
}
