/**
 * The floor for the benchmark: what writing the same Terraform JSON costs without cdktf and without
 * the policy. Reads the registry with the same parser, applies the same precedence, writes the same
 * resources and for_each locals with JSON.stringify. Not a product path: no validation, no policy.
 * Usage: tsx scripts/floor-synth.ts <registry> <out.tf.json>
 */
import * as fs from "fs";
import { parse } from "yaml";

/* eslint-disable @typescript-eslint/no-explicit-any */
const [registryFile, outFile] = process.argv.slice(2);
// uniqueKeys off: yaml's duplicate-key check is quadratic in a map's size, and the floor should be the fastest plain way.
const registry: any = parse(fs.readFileSync(registryFile, "utf8"), { uniqueKeys: false });
const slots = ["billing", "operations", "security", "primary"] as const;
const locals: Record<string, Record<string, object>> = { billing_contacts: {}, operations_contacts: {}, security_contacts: {}, primary_contacts: {} };
const ouCache = new Map<string, Record<string, string>>();
const ouChoice = (ou: string | undefined) => {
  const key = ou ?? "";
  let choice = ouCache.get(key);
  if (choice) return choice;
  choice = {};
  const parts = ou ? ou.split("/") : [];
  for (let n = parts.length; n >= 1; n--) {
    const override = registry.organizationalUnits?.[parts.slice(0, n).join("/")] ?? {};
    for (const slot of slots) if (override[slot] && !choice[slot]) choice[slot] = override[slot];
  }
  for (const slot of slots) if (registry.defaults?.[slot] && !choice[slot]) choice[slot] = registry.defaults[slot];
  ouCache.set(key, choice);
  return choice;
};
for (const [id, account] of Object.entries<any>(registry.accounts)) {
  const inherited = ouChoice(account.ou);
  const accountId = account.management ? null : id;
  for (const slot of slots) {
    const ref = account.contacts?.[slot] ?? inherited[slot];
    if (!ref) continue;
    if (slot === "primary") {
      const c = registry.primaryContacts[ref];
      locals.primary_contacts[id] = {
        account_id: accountId, full_name: c.fullName, company_name: c.companyName ?? null, phone_number: c.phone,
        address_line_1: c.addressLine1, address_line_2: c.addressLine2 ?? null, address_line_3: c.addressLine3 ?? null,
        city: c.city, state_or_region: c.stateOrRegion ?? null, district_or_county: c.districtOrCounty ?? null,
        postal_code: c.postalCode, country_code: c.countryCode, website_url: c.websiteUrl ?? null,
      };
    } else {
      const c = registry.contacts[ref];
      locals[`${slot}_contacts`][id] = { account_id: accountId, name: c.name, title: c.title, email_address: c.email, phone_number: c.phone };
    }
  }
}
const each = (field: string) => `\${each.value.${field}}`;
const alternate = (type: string) => ({
  for_each: `\${local.${type.toLowerCase()}_contacts}`, alternate_contact_type: type, account_id: each("account_id"),
  name: each("name"), title: each("title"), email_address: each("email_address"), phone_number: each("phone_number"),
});
const primaryFields = ["full_name", "company_name", "phone_number", "address_line_1", "address_line_2", "address_line_3", "city", "state_or_region", "district_or_county", "postal_code", "country_code", "website_url"];
const config = {
  terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.0" } } },
  provider: { aws: [{ region: "us-east-1" }] },
  locals,
  resource: {
    aws_account_alternate_contact: { billing: alternate("BILLING"), operations: alternate("OPERATIONS"), security: alternate("SECURITY") },
    aws_account_primary_contact: { primary: { for_each: "${local.primary_contacts}", account_id: each("account_id"), ...Object.fromEntries(primaryFields.map((f) => [f, each(f)])) } },
  },
};
fs.writeFileSync(outFile, JSON.stringify(config, null, 2));
if (process.env.CONTACTS_TIMINGS === "1") process.stderr.write(`CONTACTS_TIMINGS ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
