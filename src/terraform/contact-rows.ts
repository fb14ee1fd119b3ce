import type { EffectiveContacts } from "../registry/effective-contacts";
import type { AlternateContactType } from "../model/types";

/**
 * The per-account values of one contact type, keyed by account id: the `for_each` map of one resource.
 * Every key is present on every instance (null when unset): Terraform rejects `each.value.x` on an object without x.
 * The management account has a null account_id: AWS refuses the management account naming itself.
 */
export interface AlternateInstance {
  account_id: string | null;
  name: string;
  title: string;
  email_address: string;
  phone_number: string;
}

export interface PrimaryInstance {
  account_id: string | null;
  full_name: string;
  company_name: string | null;
  phone_number: string;
  address_line_1: string;
  address_line_2: string | null;
  address_line_3: string | null;
  city: string;
  state_or_region: string | null;
  district_or_county: string | null;
  postal_code: string;
  country_code: string;
  website_url: string | null;
}

export function alternateInstances(accounts: readonly EffectiveContacts[], type: AlternateContactType): Record<string, AlternateInstance> {
  const slot = type.toLowerCase() as "billing" | "operations" | "security";
  const map: Record<string, AlternateInstance> = {};
  for (const effective of accounts) {
    const chosen = effective[slot];
    if (!chosen) continue;
    const { card } = chosen;
    map[effective.account.id] = {
      account_id: effective.account.management ? null : effective.account.id,
      name: card.name,
      title: card.title,
      email_address: card.email,
      phone_number: card.phone,
    };
  }
  return map;
}

export function primaryInstances(accounts: readonly EffectiveContacts[]): Record<string, PrimaryInstance> {
  const map: Record<string, PrimaryInstance> = {};
  for (const effective of accounts) {
    if (!effective.primary) continue;
    const card = effective.primary.card;
    map[effective.account.id] = {
      account_id: effective.account.management ? null : effective.account.id,
      full_name: card.fullName,
      company_name: card.companyName ?? null,
      phone_number: card.phone,
      address_line_1: card.addressLine1,
      address_line_2: card.addressLine2 ?? null,
      address_line_3: card.addressLine3 ?? null,
      city: card.city,
      state_or_region: card.stateOrRegion ?? null,
      district_or_county: card.districtOrCounty ?? null,
      postal_code: card.postalCode,
      country_code: card.countryCode,
      website_url: card.websiteUrl ?? null,
    };
  }
  return map;
}
