import type { CardKind } from "./contact-types";

/**
 * The contact fields, declared once per kind of card: the name people write in the registry, the
 * Terraform attribute cdktf writes it to, the AWS Account Management API member it ends up in, and the
 * limits AWS puts on it (API reference: AlternateContact and ContactInformation data types).
 * Checked before Terraform ever runs, because AWS only rejects a bad value in the middle of an apply,
 * after other accounts were already changed. The stack rows, the Terraform readers, the card types,
 * the loader's and `invalid-field`'s checks come from this table; a test holds the JSON Schema to it.
 */
export interface ContactField {
  /** The registry's name: `email`, `addressLine1`. */
  readonly field: string;
  /** The Terraform resource attribute (snake_case): `email_address`, `address_line_1`. */
  readonly attribute: string;
  /** The AWS API member: `EmailAddress`, `AddressLine1`. */
  readonly apiName: string;
  /** Length bounds in characters (code points), as AWS counts them. */
  readonly min: number;
  readonly max: number;
  readonly pattern?: RegExp;
  /** What `pattern` accepts, in words a person can act on: "use <patternHint>". */
  readonly patternHint?: string;
  readonly required: boolean;
  /**
   * Characters refused whatever the pattern: "ascii" where AWS's pattern is ASCII-only (named, where the
   * pattern alone would say only "not accepted"); "visible" for text sent to AWS and shown to reviewers.
   */
  readonly characters?: "ascii" | "visible";
  /** Required after all when another field of the card holds one of some values: a check across fields. */
  readonly requiredWhen?: { readonly field: string; readonly oneOf: readonly string[]; readonly reason: string };
}

export const ALTERNATE_CONTACT_FIELDS = [
  { field: "name", attribute: "name", apiName: "Name", min: 1, max: 64, required: true, characters: "visible" },
  { field: "title", attribute: "title", apiName: "Title", min: 1, max: 50, required: true, characters: "visible" },
  {
    field: "email",
    attribute: "email_address",
    apiName: "EmailAddress",
    min: 1,
    max: 254,
    pattern: /^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$/,
    patternHint: "an address like team-alias@example.com",
    required: true,
    characters: "ascii",
  },
  {
    field: "phone",
    attribute: "phone_number",
    apiName: "PhoneNumber",
    min: 1,
    max: 25,
    pattern: /^[\s0-9()+-]+$/,
    patternHint: "digits, spaces and ( ) + - only",
    required: true,
  },
] as const satisfies readonly ContactField[];

/** Countries for which AWS requires StateOrRegion on the primary contact. */
export const STATE_REQUIRED_COUNTRIES = ["US", "CA", "GB", "DE", "JP", "IN", "BR"];

export const PRIMARY_CONTACT_FIELDS = [
  { field: "fullName", attribute: "full_name", apiName: "FullName", min: 1, max: 50, required: true, characters: "visible" },
  { field: "companyName", attribute: "company_name", apiName: "CompanyName", min: 1, max: 50, required: false, characters: "visible" },
  {
    field: "phone",
    attribute: "phone_number",
    apiName: "PhoneNumber",
    min: 1,
    max: 20,
    pattern: /^[+][\s0-9()-]+$/,
    patternHint: "a + followed by digits, spaces and ( ) - only",
    required: true,
  },
  { field: "addressLine1", attribute: "address_line_1", apiName: "AddressLine1", min: 1, max: 60, required: true },
  { field: "addressLine2", attribute: "address_line_2", apiName: "AddressLine2", min: 1, max: 60, required: false },
  { field: "addressLine3", attribute: "address_line_3", apiName: "AddressLine3", min: 1, max: 60, required: false },
  { field: "city", attribute: "city", apiName: "City", min: 1, max: 50, required: true },
  {
    field: "stateOrRegion",
    attribute: "state_or_region",
    apiName: "StateOrRegion",
    min: 1,
    max: 50,
    required: false,
    requiredWhen: { field: "countryCode", oneOf: STATE_REQUIRED_COUNTRIES, reason: "for addresses in" },
  },
  { field: "districtOrCounty", attribute: "district_or_county", apiName: "DistrictOrCounty", min: 1, max: 50, required: false },
  { field: "postalCode", attribute: "postal_code", apiName: "PostalCode", min: 1, max: 20, required: true },
  {
    field: "countryCode",
    attribute: "country_code",
    apiName: "CountryCode",
    min: 2,
    max: 2,
    pattern: /^[A-Z]{2}$/,
    patternHint: "a two-letter ISO 3166 code in capitals, e.g. US",
    required: true,
  },
  { field: "websiteUrl", attribute: "website_url", apiName: "WebsiteUrl", min: 1, max: 256, required: false },
] as const satisfies readonly ContactField[];

/** Each kind of card's fields, in the provider's attribute order (the order rows and snapshots use). */
export const CONTACT_FIELDS: { readonly [K in CardKind]: readonly ContactField[] } = { alternate: ALTERNATE_CONTACT_FIELDS, primary: PRIMARY_CONTACT_FIELDS };

/** A card's values as a table declares them: a string for each required field, an optional string for the others. */
export type FieldValues<T extends readonly ContactField[]> = {
  [F in T[number] as F["required"] extends true ? F["field"] : never]: string;
} & {
  [F in T[number] as F["required"] extends true ? never : F["field"]]?: string;
};
export type AlternateContactFields = FieldValues<typeof ALTERNATE_CONTACT_FIELDS>;
export type PrimaryContactFields = FieldValues<typeof PRIMARY_CONTACT_FIELDS>;

/** A card's values as Terraform receives them, by registry field, in the provider's attribute order (not the file's). */
export function cardValues(card: AlternateContactFields | PrimaryContactFields, kind: CardKind): Record<string, string> {
  const fields: Readonly<Partial<Record<string, string>>> = card;
  const values: Record<string, string> = {};
  for (const { field } of CONTACT_FIELDS[kind]) {
    const value = fields[field];
    if (typeof value === "string") values[field] = value;
  }
  return values;
}
