// Field constraints as the Account Management API reference states them
// (API_PutAlternateContact, API_AlternateContact, API_PutContactInformation,
// API_ContactInformation). The provider validates some of these at plan time with
// different limits (e.g. primary contact full_name 1-64 where AWS allows 1-50, and
// alternate contact phone_number with no length limit where AWS allows 25), so only
// the API catches those values; the tests rely on that gap.

import { ALTERNATE_CONTACT_TYPES, type AlternateContactType, type ContactInformation } from "./types";

export interface FieldViolation {
  /** Member path as the API names it, e.g. "ContactInformation.FullName". */
  name: string;
  message: string;
}

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
// The reference gives these patterns anchored (^...$); AWS matches the whole value.
export const ALTERNATE_EMAIL_PATTERN = /^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$/;
export const ALTERNATE_PHONE_PATTERN = /^[\s0-9()+-]+$/;
export const PRIMARY_PHONE_PATTERN = /^[+][\s0-9()-]+$/;

/** Countries whose addresses AWS rejects without StateOrRegion (API_ContactInformation). */
export const STATE_REQUIRED_COUNTRIES: readonly string[] = ["US", "CA", "GB", "DE", "JP", "IN", "BR"];

// Lengths count Unicode code points, as AWS's Java/Smithy validators do.
const length = (s: string): number => [...s].length;

// Smithy-style member paths in messages use lower camel case ("contactInformation.fullName").
const messagePath = (name: string): string =>
  name
    .split(".")
    .map((p) => p.charAt(0).toLowerCase() + p.slice(1))
    .join(".");

class Checker {
  readonly violations: FieldViolation[] = [];

  fail(name: string, constraint: string): void {
    this.violations.push({
      name,
      message: `Value at '${messagePath(name)}' failed to satisfy constraint: ${constraint}`,
    });
  }

  string(name: string, value: unknown, opts: { required: boolean; min?: number; max?: number; pattern?: RegExp }): value is string {
    if (value === undefined || value === null) {
      if (opts.required) this.fail(name, "Member must not be null");
      return false;
    }
    if (typeof value !== "string") {
      this.fail(name, "Member must be a string");
      return false;
    }
    const n = length(value);
    if (opts.min !== undefined && n < opts.min) {
      this.fail(name, `Member must have length greater than or equal to ${opts.min}`);
      return false;
    }
    if (opts.max !== undefined && n > opts.max) {
      this.fail(name, `Member must have length less than or equal to ${opts.max}`);
      return false;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.fail(name, `Member must satisfy regular expression pattern: ${opts.pattern.source}`);
      return false;
    }
    return true;
  }

  accountId(value: unknown): void {
    this.string("AccountId", value, { required: false, pattern: ACCOUNT_ID_PATTERN });
  }

  contactType(value: unknown): void {
    if (value === undefined || value === null) {
      this.fail("AlternateContactType", "Member must not be null");
    } else if (typeof value !== "string" || !(ALTERNATE_CONTACT_TYPES as readonly string[]).includes(value)) {
      this.fail("AlternateContactType", `Member must satisfy enum value set: [${ALTERNATE_CONTACT_TYPES.join(", ")}]`);
    }
  }
}

/** Message in the shape of AWS's generated validation errors. */
export function validationMessage(violations: readonly FieldViolation[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${violations.map((v) => v.message).join("; ")}`;
}

type Body = Record<string, unknown>;

export function validateAccountIdOnly(body: Body): FieldViolation[] {
  const c = new Checker();
  c.accountId(body.AccountId);
  return c.violations;
}

export function validateAlternateContactKey(body: Body): FieldViolation[] {
  const c = new Checker();
  c.accountId(body.AccountId);
  c.contactType(body.AlternateContactType);
  return c.violations;
}

export function validatePutAlternateContact(body: Body): FieldViolation[] {
  const c = new Checker();
  c.accountId(body.AccountId);
  c.contactType(body.AlternateContactType);
  c.string("EmailAddress", body.EmailAddress, { required: true, min: 1, max: 254, pattern: ALTERNATE_EMAIL_PATTERN });
  c.string("Name", body.Name, { required: true, min: 1, max: 64 });
  c.string("PhoneNumber", body.PhoneNumber, { required: true, min: 1, max: 25, pattern: ALTERNATE_PHONE_PATTERN });
  c.string("Title", body.Title, { required: true, min: 1, max: 50 });
  return c.violations;
}

export function validateContactInformation(info: unknown, prefix = "ContactInformation"): FieldViolation[] {
  const c = new Checker();
  if (info === undefined || info === null) {
    c.fail(prefix, "Member must not be null");
    return c.violations;
  }
  if (typeof info !== "object" || Array.isArray(info)) {
    c.fail(prefix, "Member must be a structure");
    return c.violations;
  }
  const i = info as Record<string, unknown>;
  const f = (field: string): string => `${prefix}.${field}`;
  c.string(f("FullName"), i.FullName, { required: true, min: 1, max: 50 });
  c.string(f("PhoneNumber"), i.PhoneNumber, { required: true, min: 1, max: 20, pattern: PRIMARY_PHONE_PATTERN });
  c.string(f("AddressLine1"), i.AddressLine1, { required: true, min: 1, max: 60 });
  c.string(f("AddressLine2"), i.AddressLine2, { required: false, min: 1, max: 60 });
  c.string(f("AddressLine3"), i.AddressLine3, { required: false, min: 1, max: 60 });
  c.string(f("City"), i.City, { required: true, min: 1, max: 50 });
  c.string(f("CompanyName"), i.CompanyName, { required: false, min: 1, max: 50 });
  // The reference only states "fixed length of 2" but describes the value as an
  // ISO-3166 two-letter code; digits or punctuation are not country codes.
  const country = c.string(f("CountryCode"), i.CountryCode, { required: true, min: 2, max: 2, pattern: /^[A-Za-z]{2}$/ });
  c.string(f("DistrictOrCounty"), i.DistrictOrCounty, { required: false, min: 1, max: 50 });
  c.string(f("PostalCode"), i.PostalCode, { required: true, min: 1, max: 20 });
  c.string(f("StateOrRegion"), i.StateOrRegion, { required: false, min: 1, max: 50 });
  c.string(f("WebsiteUrl"), i.WebsiteUrl, { required: false, min: 1, max: 256 });
  if (country && STATE_REQUIRED_COUNTRIES.includes((i.CountryCode as string).toUpperCase()) && i.StateOrRegion === undefined) {
    c.fail(f("StateOrRegion"), `Member is required when CountryCode is ${(i.CountryCode as string).toUpperCase()}`);
  }
  return c.violations;
}

export function validatePutContactInformation(body: Body): FieldViolation[] {
  const c = new Checker();
  c.accountId(body.AccountId);
  return [...c.violations, ...validateContactInformation(body.ContactInformation)];
}

export function isAlternateContactType(v: unknown): v is AlternateContactType {
  return typeof v === "string" && (ALTERNATE_CONTACT_TYPES as readonly string[]).includes(v);
}

/** Copies only the modelled members, so unknown request keys never reach state. */
export function pickContactInformation(i: Record<string, unknown>): ContactInformation {
  const keys: (keyof ContactInformation)[] = [
    "FullName",
    "PhoneNumber",
    "AddressLine1",
    "AddressLine2",
    "AddressLine3",
    "City",
    "CompanyName",
    "CountryCode",
    "DistrictOrCounty",
    "PostalCode",
    "StateOrRegion",
    "WebsiteUrl",
  ];
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof i[k] === "string") out[k] = i[k] as string;
  return out as unknown as ContactInformation;
}
