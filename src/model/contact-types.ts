/**
 * The contact types AWS keeps for an account, and the registry's lower-case slot for each: `BILLING`
 * is written `billing` under `defaults`, an OU or an account, and names the Terraform resource
 * `aws_account_alternate_contact.billing`. Converting between the two goes through here, never a cast.
 */
export const ALTERNATE_CONTACT_TYPES = ["BILLING", "OPERATIONS", "SECURITY"] as const;
export type AlternateContactType = (typeof ALTERNATE_CONTACT_TYPES)[number];
export const PRIMARY_CONTACT_TYPE = "PRIMARY";
export type ContactType = AlternateContactType | typeof PRIMARY_CONTACT_TYPE;
/** In the order findings, rows and snapshots list them: the three alternate contacts, then the primary. */
export const CONTACT_TYPES: readonly ContactType[] = [...ALTERNATE_CONTACT_TYPES, PRIMARY_CONTACT_TYPE];

const SLOT_OF = { BILLING: "billing", OPERATIONS: "operations", SECURITY: "security", PRIMARY: "primary" } as const;
const TYPE_OF = { billing: "BILLING", operations: "OPERATIONS", security: "SECURITY", primary: "PRIMARY" } as const;

/** The registry's lower-case keys for the contact types, as they are written in `defaults` and overrides. */
export type ContactSlot = (typeof SLOT_OF)[ContactType];
export type AlternateContactSlot = (typeof SLOT_OF)[AlternateContactType];
export const CONTACT_SLOTS: readonly ContactSlot[] = CONTACT_TYPES.map(slotOf);

/** The two kinds of card: alternate contacts (`contacts` in the registry) and primary contacts (`primaryContacts`). */
export type CardKind = "alternate" | "primary";

export function slotOf<T extends ContactType>(type: T): (typeof SLOT_OF)[T] {
  return SLOT_OF[type];
}

export function typeOf<S extends ContactSlot>(slot: S): (typeof TYPE_OF)[S] {
  return TYPE_OF[slot];
}

export function isPrimary(type: ContactType): type is typeof PRIMARY_CONTACT_TYPE {
  return type === PRIMARY_CONTACT_TYPE;
}

export function cardKindOf(type: ContactType): CardKind {
  return isPrimary(type) ? "primary" : "alternate";
}

/** The contact type a Terraform value names (`alternate_contact_type`, any case), or undefined when it names none. */
export function contactTypeNamed(name: string): ContactType | undefined {
  const upper = name.toUpperCase();
  return CONTACT_TYPES.find((type) => type === upper);
}
