import { ALTERNATE_CONTACT_FIELDS, PRIMARY_CONTACT_FIELDS, type ContactField } from "../model/contact-fields";
import { isAccountId } from "../model/organization";
import { contactTypeNamed, PRIMARY_CONTACT_TYPE, type ContactType } from "../model/contact-types";
import type { FieldValue } from "../engine/rule-contract";

/** The Terraform resource types that carry account contacts, matched by name (never by class). */
export const ALTERNATE_CONTACT_RESOURCE = "aws_account_alternate_contact";
export const PRIMARY_CONTACT_RESOURCE = "aws_account_primary_contact";
export const CONTACT_RESOURCE_TYPES: readonly string[] = [ALTERNATE_CONTACT_RESOURCE, PRIMARY_CONTACT_RESOURCE];

/** [attribute path, registry field] pairs, built once from the contact-field table: this runs for every contact of every account. */
const ALTERNATE_ATTRIBUTES = attributePaths(ALTERNATE_CONTACT_FIELDS);
const PRIMARY_ATTRIBUTES = attributePaths(PRIMARY_CONTACT_FIELDS);
const ACCOUNT_ID = ["account_id"] as const;
const ALTERNATE_CONTACT_TYPE = ["alternate_contact_type"] as const;

/** Findings use the names people write in the registry: each Terraform attribute is read under its registry field. */
function attributePaths(fields: readonly ContactField[]): [readonly string[], string][] {
  return fields.map(({ attribute, field }) => [[attribute], field]);
}

/** Reads one attribute of one resource instance: a FieldValue, or undefined when Terraform will not send it. */
export type AttributeReader = (path: readonly (string | number)[]) => FieldValue | undefined;

const PRIMARY = { known: true, value: PRIMARY_CONTACT_TYPE } as const;

export interface ContactAttributes {
  /** Undefined: no account_id, so the contact is the calling (management) account's. */
  accountId?: FieldValue;
  type: { known: true; value: ContactType } | { known: false; expression: string };
  fields: Record<string, FieldValue | undefined>;
}

/**
 * Reads the contact out of a resource instance's attributes, whether they come from a synthesized
 * configuration or a plan's planned values: the same shape either way, so the same rules judge both.
 */
export function readContactAttributes(resourceType: string, read: AttributeReader): ContactAttributes {
  const fields: Record<string, FieldValue | undefined> = {};
  if (resourceType === PRIMARY_CONTACT_RESOURCE) {
    for (const [path, field] of PRIMARY_ATTRIBUTES) fields[field] = read(path);
    return { accountId: read(ACCOUNT_ID), type: PRIMARY, fields };
  }
  for (const [path, field] of ALTERNATE_ATTRIBUTES) fields[field] = read(path);
  return { accountId: read(ACCOUNT_ID), type: contactTypeOf(read(ALTERNATE_CONTACT_TYPE)), fields };
}

/** The alternate_contact_type, in any case; a missing or unrecognised one is a type the rules cannot know. */
function contactTypeOf(value: FieldValue | undefined): ContactAttributes["type"] {
  if (value === undefined) return { known: false, expression: "(missing alternate_contact_type)" };
  if (!value.known) return value;
  const type = contactTypeNamed(value.value);
  return type ? { known: true, value: type } : { known: false, expression: `${JSON.stringify(value.value)} (not a contact type)` };
}

/** The account a contact is for when its account_id is only known at apply time. */
export const UNKNOWN_ACCOUNT = "unknown";

/**
 * Whose contact an instance is, and of what type, as the rules see it. No account_id means the calling
 * account: the management account that runs Terraform. An account id or type known only at apply time
 * is kept as a field, so `unverifiable` reports it; the type then stands in as SECURITY, the strictest.
 * Shared by the synth aspect and check-plan, so both read an instance the same way.
 */
export function contactOwner(
  attributes: ContactAttributes,
  managementAccountId: string,
): { accountId: string; type: ContactType; fields: ContactAttributes["fields"] } {
  const { accountId: id } = attributes;
  if (id && !id.known) attributes.fields.account_id = id;
  return { accountId: ownerAccountId(id, managementAccountId), ...judgedContact(attributes) };
}

/**
 * The type and fields the rules judge: a type known only at apply (or misspelt) is kept as a field, so
 * `unverifiable` reports it, and stands in as SECURITY, the strictest. check-plan uses this alone, as it
 * works out the account itself (an account_id known only at apply is not a value to judge there).
 */
export function judgedContact(attributes: ContactAttributes): { type: ContactType; fields: ContactAttributes["fields"] } {
  const { type, fields, accountId } = attributes;
  if (!type.known) fields.alternate_contact_type = type;
  // An account_id that is not 12 digits is judged as a field, so invalid-field reports it.
  if (accountId?.known && !isAccountId(accountId.value)) fields.account_id = accountId;
  return { type: type.known ? type.value : "SECURITY", fields };
}

/** The account an account_id attribute names: the calling (management) account when it is unset, UNKNOWN_ACCOUNT when it is known only at apply. */
export function ownerAccountId(id: FieldValue | undefined, managementAccountId: string): string {
  return id === undefined ? managementAccountId : id.known ? id.value : UNKNOWN_ACCOUNT;
}
