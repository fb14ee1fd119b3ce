import { cardValues, type AlternateContactFields } from "../model/contact-fields";
import { cardKindOf, CONTACT_SLOTS, typeOf, type ContactSlot, type ContactType } from "../model/contact-types";
import type { OrganizationAccount } from "../model/organization";
import { accountsLeftOut, registryName } from "./left-out-accounts";
import type { LiveContacts, ReadFailure } from "../model/live-contacts";

/** A card: its values by registry field, in the field table's order. */
type Values = Record<string, string>;
type Refs = Partial<Record<ContactSlot, string>>;

export interface ImportedAccount {
  id: string;
  name: string;
  /** Undefined directly under the root. */
  ou?: string;
  management: boolean;
  contacts: Refs;
  /** Its name in AWS, when the registry cannot hold it as it is (see registryName). */
  awsName?: string;
}

/** An ACTIVE account the registry leaves out, so that nothing writes over its contacts: see accountsLeftOut. */
export interface LeftOutAccount {
  id: string;
  name: string;
  ou?: string;
  reason: string;
}

/** A registry in the making: what `contacts import` writes, before it is YAML. */
export interface ImportedRegistry {
  contacts: Map<string, Values>;
  primaryContacts: Map<string, Values>;
  defaults: Refs;
  organizationalUnits: Map<string, Refs>;
  accounts: ImportedAccount[];
  /** ACTIVE accounts left out, in the organization's order. */
  leftOut: LeftOutAccount[];
}

/**
 * The registry that sets every ACTIVE account's contacts to what AWS holds now. Identical values become
 * one card; per type, the card most accounts hold is the default; an OU (with at least two accounts
 * holding the type) whose accounts all hold another card than they would inherit gets an override, the
 * nearest OU first so deeper OUs inherit it; any account still left with another card gets its own. An
 * account AWS holds no contact of a type for is left to inherit: the first apply creates that contact.
 * An account whose contacts could not all be read, or cannot be written back as AWS holds them, is left
 * out (see accountsLeftOut) and counts for no card. Linear in the accounts times the depth of the OU tree.
 */
export function registryFromOrganization(
  organization: readonly OrganizationAccount[],
  managementAccountId: string,
  live: ReadonlyMap<string, LiveContacts>,
  failures: readonly ReadFailure[] = [],
): ImportedRegistry {
  const reasons = accountsLeftOut(
    organization.filter((a) => a.state === "ACTIVE"),
    live,
    failures,
  );
  const active = organization.filter((a) => a.state === "ACTIVE" && !reasons.has(a.id));
  const leftOut = organization
    .filter((a) => reasons.has(a.id))
    .map((a) => ({ id: a.id, name: registryName(a), ...(a.ouPath ? { ou: a.ouPath } : {}), reason: reasons.get(a.id)! }));
  const cards = { alternate: new CardNames(), primary: new CardNames() };
  // Each account's card key per slot, from what AWS holds.
  const held = new Map<string, Partial<Record<ContactSlot, string>>>();
  for (const account of active) {
    const keys: Partial<Record<ContactSlot, string>> = {};
    for (const slot of CONTACT_SLOTS) {
      const values = live.get(account.id)?.[typeOf(slot)];
      if (values) keys[slot] = (slot === "primary" ? cards.primary : cards.alternate).add(typeOf(slot), values);
    }
    held.set(account.id, keys);
  }
  const defaults: Refs = {};
  const organizationalUnits = new Map<string, Refs>();
  const accounts: ImportedAccount[] = active.map((a) => {
    const name = registryName(a);
    return {
      id: a.id,
      name,
      ...(a.ouPath ? { ou: a.ouPath } : {}),
      management: a.id === managementAccountId,
      contacts: {},
      ...(a.name !== undefined && a.name !== name ? { awsName: a.name } : {}),
    };
  });
  const paths = ouPathsByDepth(accounts);
  for (const slot of CONTACT_SLOTS) {
    const names = slot === "primary" ? cards.primary : cards.alternate;
    const holding = accounts.filter((a) => held.get(a.id)![slot] !== undefined);
    const cardOf = (a: ImportedAccount) => names.idOf(held.get(a.id)![slot]!);
    const common = mostCommon(holding.map(cardOf));
    if (common === undefined) continue;
    defaults[slot] = common;
    const chosen = new Map<string, string>([["", common]]);
    const inherited = (path: string): string => {
      for (let p = path; ; p = parentOf(p)) if (chosen.has(p)) return chosen.get(p)!;
    };
    const subtrees = cardsBelow(holding, cardOf);
    for (const path of paths) {
      const below = subtrees.get(path);
      if (below && below.count >= 2 && below.card !== undefined && below.card !== inherited(parentOf(path))) {
        chosen.set(path, below.card);
        organizationalUnits.set(path, { ...organizationalUnits.get(path), [slot]: below.card });
      }
    }
    for (const account of holding) {
      const card = cardOf(account);
      if (card !== inherited(account.ou ?? "")) account.contacts[slot] = card;
    }
  }
  return { contacts: cards.alternate.all(), primaryContacts: cards.primary.all(), defaults, organizationalUnits, accounts, leftOut };
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Per OU path, how many accounts in or under it hold the type, and their card when they all hold the same one. */
function cardsBelow(holding: readonly ImportedAccount[], cardOf: (a: ImportedAccount) => string): Map<string, { count: number; card?: string }> {
  const below = new Map<string, { count: number; card?: string }>();
  for (const account of holding) {
    const card = cardOf(account);
    for (let p = account.ou ?? ""; p !== ""; p = parentOf(p)) {
      const seen = below.get(p);
      if (!seen) below.set(p, { count: 1, card });
      else below.set(p, { count: seen.count + 1, card: seen.card === card ? card : undefined });
    }
  }
  return below;
}

/** Every OU path the accounts are in or under, shallow ones first. */
function ouPathsByDepth(accounts: readonly ImportedAccount[]): string[] {
  const paths = new Set<string>();
  for (const { ou } of accounts) for (let p = ou ?? ""; p !== ""; p = parentOf(p)) paths.add(p);
  const depth = (p: string) => p.split("/").length;
  return [...paths].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
}

/** The value most often in the list; ties go to the one first in sort order, so the result never depends on the read order. */
function mostCommon(ids: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && id < best)) best = id;
  return best;
}

/**
 * Cards named after what they hold: an alternate contact card after its email's local part
 * (aws-security@example.com is `aws-security`), a primary contact card after its company or name; of
 * cards that would take the same name, the one most accounts hold keeps it and the others get `-2`, `-3`, ...
 */
class CardNames {
  private readonly byKey = new Map<string, { values: Values; type: ContactType; uses: number }>();
  private names?: Map<string, string>;

  /** Records a card held; returns its key (identical values, identical key). */
  add(type: ContactType, values: Values): string {
    // What AWS returned, by registry field: a card's fields, though not typed as one.
    const ordered = cardValues(values as unknown as AlternateContactFields, cardKindOf(type));
    const key = JSON.stringify(ordered);
    const known = this.byKey.get(key);
    if (known) known.uses += 1;
    else this.byKey.set(key, { values: ordered, type, uses: 1 });
    this.names = undefined;
    return key;
  }

  idOf(key: string): string {
    return this.named().get(key)!;
  }

  /** Every card by its name, in name order. */
  all(): Map<string, Values> {
    const entries = [...this.named()].map(([key, id]) => [id, this.byKey.get(key)!.values] as const);
    return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private named(): Map<string, string> {
    if (this.names) return this.names;
    const names = new Map<string, string>();
    const taken = new Set<string>();
    // The most used first, so a default has the plain name; then in key order: never in the order accounts were read.
    const order = [...this.byKey].sort(([a, x], [b, y]) => y.uses - x.uses || (a < b ? -1 : 1)).map(([key]) => key);
    for (const key of order) {
      const { values, type } = this.byKey.get(key)!;
      const base = slug(type === "PRIMARY" ? (values.companyName ?? values.fullName) : values.email.split("@")[0]) || type.toLowerCase();
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      names.set(key, id);
    }
    this.names = names;
    return names;
  }
}

/** A card id the registry accepts: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+|-+$/g, "");
}
