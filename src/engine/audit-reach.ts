import type { ContactType } from "../model/contact-types";
import type { LiveContacts } from "../model/live-contacts";
import type { HeldAccount } from "./judge-held";
import type { JudgedContact } from "./evaluate";

/**
 * `contacts audit`'s pure half: what AWS holds for every account of the organization, as judgeHeldContacts takes
 * it (there is no registry account to point at), and the per-type count of accounts whose contact reaches enough
 * current people: the one line per type a person reads at 10,000 accounts instead of a line per account.
 */

/** Each account read (at least one type) as a HeldAccount; the types that could not be read are left out of `read`. */
export function heldAccountsOfOrganization(
  accounts: readonly { id: string; name?: string }[],
  contacts: ReadonlyMap<string, LiveContacts>,
  unread: ReadonlyMap<string, ReadonlySet<ContactType>>,
  types: readonly ContactType[],
): HeldAccount[] {
  const held: HeldAccount[] = [];
  for (const account of accounts) {
    const live = contacts.get(account.id);
    if (!live) continue;
    const read = types.filter((type) => !unread.get(account.id)?.has(type));
    const values: HeldAccount["held"] = {};
    for (const type of read) if (live[type]) values[type] = live[type];
    held.push({ accountId: account.id, ...(account.name === undefined ? {} : { accountName: account.name }), read, held: values });
  }
  return held;
}

/** One contact type across the organization: how many accounts reach enough current people, and how many do not. */
export interface TypeReach {
  type: ContactType;
  /** Accounts whose contact of this type was read. */
  read: number;
  /** Of those, the contacts whose email reaches at least minRecipients current people. */
  reachEnough: number;
  /** Contacts whose email reaches fewer (none included: a departed-only group, an address nobody reads). */
  reachTooFew: number;
  /** Accounts AWS holds no contact of this type for. */
  missing: number;
}

/** Per type, from the policy's inventory of the contacts it judged (JudgedContact.reaches: the current people by name). */
export function reachByType(
  judged: readonly Pick<JudgedContact, "accountId" | "type" | "reaches">[],
  held: readonly HeldAccount[],
  types: readonly ContactType[],
  minRecipients: number,
): TypeReach[] {
  return types.map((type) => {
    const contacts = judged.filter((c) => c.type === type);
    const reachEnough = contacts.filter((c) => (c.reaches.email?.length ?? 0) >= minRecipients).length;
    const read = held.filter((a) => a.read.includes(type));
    return {
      type,
      read: read.length,
      reachEnough,
      reachTooFew: contacts.length - reachEnough,
      missing: read.filter((a) => a.held[type] === undefined).length,
    };
  });
}

/** "SECURITY: 3 of 5 accounts reach 2 or more current people (1 too few, 1 no contact)". */
export function typeReachLine(reach: TypeReach, minRecipients: number): string {
  const short = [reach.reachTooFew ? `${reach.reachTooFew} too few` : "", reach.missing ? `${reach.missing} no contact` : ""].filter(Boolean);
  return `${reach.type}: ${reach.reachEnough} of ${reach.read} account(s) reach ${minRecipients} or more current people${short.length ? ` (${short.join(", ")})` : ""}`;
}
