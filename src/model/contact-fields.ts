/**
 * The limits the AWS Account Management API puts on every field it stores (API reference:
 * AlternateContact and ContactInformation data types). Checked before Terraform ever runs, because
 * AWS only rejects a bad value in the middle of an apply, after other accounts were already changed.
 * Shared by the registry loader (registry values) and the `invalid-field` rule (hand-written resources).
 */
export interface FieldLimit {
  field: string;
  apiName: string;
  min: number;
  max: number;
  pattern?: RegExp;
  patternHint?: string;
  required: boolean;
}

export const ALTERNATE_CONTACT_FIELDS: readonly FieldLimit[] = [
  { field: "name", apiName: "Name", min: 1, max: 64, required: true },
  { field: "title", apiName: "Title", min: 1, max: 50, required: true },
  {
    field: "email",
    apiName: "EmailAddress",
    min: 1,
    max: 254,
    pattern: /^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$/,
    patternHint: "an address like team-alias@example.com",
    required: true,
  },
  {
    field: "phone",
    apiName: "PhoneNumber",
    min: 1,
    max: 25,
    pattern: /^[\s0-9()+-]+$/,
    patternHint: "digits, spaces and ( ) + - only",
    required: true,
  },
];

/** Countries for which AWS requires StateOrRegion on the primary contact. */
export const STATE_REQUIRED_COUNTRIES = ["US", "CA", "GB", "DE", "JP", "IN", "BR"];

export const PRIMARY_CONTACT_FIELDS: readonly FieldLimit[] = [
  { field: "fullName", apiName: "FullName", min: 1, max: 50, required: true },
  { field: "companyName", apiName: "CompanyName", min: 1, max: 50, required: false },
  {
    field: "phone",
    apiName: "PhoneNumber",
    min: 1,
    max: 20,
    pattern: /^[+][\s0-9()-]+$/,
    patternHint: "a + followed by digits, spaces and ( ) - only",
    required: true,
  },
  { field: "addressLine1", apiName: "AddressLine1", min: 1, max: 60, required: true },
  { field: "addressLine2", apiName: "AddressLine2", min: 1, max: 60, required: false },
  { field: "addressLine3", apiName: "AddressLine3", min: 1, max: 60, required: false },
  { field: "city", apiName: "City", min: 1, max: 50, required: true },
  { field: "stateOrRegion", apiName: "StateOrRegion", min: 1, max: 50, required: false },
  { field: "districtOrCounty", apiName: "DistrictOrCounty", min: 1, max: 50, required: false },
  { field: "postalCode", apiName: "PostalCode", min: 1, max: 20, required: true },
  {
    field: "countryCode",
    apiName: "CountryCode",
    min: 2,
    max: 2,
    pattern: /^[A-Z]{2}$/,
    patternHint: "a two-letter ISO 3166 code in capitals, e.g. US",
    required: true,
  },
  { field: "websiteUrl", apiName: "WebsiteUrl", min: 1, max: 256, required: false },
];

export interface FieldProblem {
  field: string;
  message: string;
  fix: string;
}

/**
 * Terraform evaluates `${...}` and `%{...}` in every string of a configuration it reads, JSON included,
 * and cdktf writes registry values through unchanged: such a value would run Terraform functions
 * (file(), templatefile(), ...) on the machine that plans. Returns the sequence found, if any.
 */
export function templateSequenceIn(value: string): string | undefined {
  const match = /[$%]\{/.exec(value);
  return match?.[0];
}

export function checkFields(limits: readonly FieldLimit[], values: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const limit of limits) {
    const value = values[limit.field];
    if (value === undefined || value === null) {
      if (limit.required) problems.push({ field: limit.field, message: `${limit.field} is missing (AWS requires ${limit.apiName})`, fix: `set ${limit.field}` });
      continue;
    }
    if (typeof value !== "string") {
      problems.push({ field: limit.field, message: `${limit.field} must be a string`, fix: `quote the value of ${limit.field}` });
      continue;
    }
    const sequence = templateSequenceIn(value);
    if (sequence) {
      problems.push({
        field: limit.field,
        message: `${limit.field} contains "${sequence}", which Terraform would evaluate as an expression`,
        fix: `remove "${sequence}" from the value: contact values are literal text`,
      });
      continue;
    }
    const length = [...value].length;
    if (length < limit.min || length > limit.max) {
      const range = limit.min === limit.max ? `exactly ${limit.min}` : `${limit.min} to ${limit.max}`;
      problems.push({
        field: limit.field,
        message: `${limit.field} is ${length} characters long; AWS accepts ${range} for ${limit.apiName}`,
        fix: length > limit.max ? `shorten ${limit.field} to at most ${limit.max} characters` : `set a non-empty ${limit.field}`,
      });
      continue;
    }
    if (limit.pattern && !limit.pattern.test(value)) {
      problems.push({
        field: limit.field,
        message: `${limit.field} "${value}" is not accepted by AWS for ${limit.apiName}`,
        fix: `use ${limit.patternHint}`,
      });
    }
  }
  if (limits === PRIMARY_CONTACT_FIELDS) {
    const country = values.countryCode;
    if (typeof country === "string" && STATE_REQUIRED_COUNTRIES.includes(country) && (values.stateOrRegion === undefined || values.stateOrRegion === null)) {
      problems.push({
        field: "stateOrRegion",
        message: `stateOrRegion is missing; AWS requires it for addresses in ${country}`,
        fix: `set stateOrRegion (for ${STATE_REQUIRED_COUNTRIES.join(", ")} it is required)`,
      });
    }
  }
  return problems;
}
