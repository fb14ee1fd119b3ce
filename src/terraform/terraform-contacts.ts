import type { ContactType } from "../model/types";
import type { FieldValue } from "../../policies/rule";

/** The Terraform resource types that carry account contacts, matched by name (never by class). */
export const ALTERNATE_CONTACT_RESOURCE = "aws_account_alternate_contact";
export const PRIMARY_CONTACT_RESOURCE = "aws_account_primary_contact";
export const CONTACT_RESOURCE_TYPES: readonly string[] = [ALTERNATE_CONTACT_RESOURCE, PRIMARY_CONTACT_RESOURCE];

/** Terraform attribute -> registry field, so findings use the names people write in the registry. */
const ALTERNATE_ATTRIBUTES = attributePaths({ name: "name", title: "title", email_address: "email", phone_number: "phone" });
const PRIMARY_ATTRIBUTES = attributePaths({
  full_name: "fullName", company_name: "companyName", phone_number: "phone",
  address_line_1: "addressLine1", address_line_2: "addressLine2", address_line_3: "addressLine3",
  city: "city", state_or_region: "stateOrRegion", district_or_county: "districtOrCounty",
  postal_code: "postalCode", country_code: "countryCode", website_url: "websiteUrl",
});
const ACCOUNT_ID = ["account_id"] as const;
const ALTERNATE_CONTACT_TYPE = ["alternate_contact_type"] as const;

/** The registry fields each kind of card sends to Terraform, in the provider's attribute order. */
export const ALTERNATE_FIELDS: readonly string[] = ALTERNATE_ATTRIBUTES.map(([, field]) => field);
export const PRIMARY_FIELDS: readonly string[] = PRIMARY_ATTRIBUTES.map(([, field]) => field);

/** [attribute path, registry field] pairs, built once: this runs for every contact of every account. */
function attributePaths(names: Record<string, string>): [readonly string[], string][] {
  return Object.entries(names).map(([attribute, field]) => [[attribute], field]);
}

/** Reads one attribute of one resource instance: a FieldValue, or undefined when Terraform will not send it. */
export type AttributeReader = (path: readonly (string | number)[]) => FieldValue | undefined;

const PRIMARY = { known: true, value: "PRIMARY" } as const;

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
  const type = read(ALTERNATE_CONTACT_TYPE);
  return {
    accountId: read(ACCOUNT_ID),
    type: type === undefined ? { known: false, expression: "(missing alternate_contact_type)" } : type.known ? { known: true, value: type.value.toUpperCase() as ContactType } : type,
    fields,
  };
}

/** The account a contact is for when its account_id is only known at apply time. */
export const UNKNOWN_ACCOUNT = "unknown";

/**
 * Whose contact an instance is, and of what type, as the rules see it. No account_id means the calling
 * account: the management account that runs Terraform. An account id or type known only at apply time
 * is kept as a field, so `unverifiable` reports it; the type then stands in as SECURITY, the strictest.
 * Shared by the synth aspect and check-plan, so both read an instance the same way.
 */
export function contactOwner(attributes: ContactAttributes, managementAccountId: string): { accountId: string; type: ContactType; fields: ContactAttributes["fields"] } {
  const { accountId: id, type, fields } = attributes;
  if (id && !id.known) fields.account_id = id;
  if (!type.known) fields.alternate_contact_type = type;
  return { accountId: id === undefined ? managementAccountId : id.known ? id.value : UNKNOWN_ACCOUNT, type: type.known ? type.value : "SECURITY", fields };
}
