/**
 * The floor for the benchmark: what writing the same Terraform JSON costs without cdktf and without
 * the policy. Reads the registry with the same parser, applies the same precedence, writes the same
 * resources and for_each locals with JSON.stringify. Not a product path: no validation, no policy.
 * Usage, after `npm run build`: node dist/scripts/floor-synth.js <registry> <out.tf.json>
 */
import * as fs from "fs";
import { parse } from "yaml";
import { ALTERNATE_CONTACT_FIELDS, PRIMARY_CONTACT_FIELDS, type ContactField } from "../src/model/contact-fields";

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
/** Every attribute of the contact-field table, null when the card leaves it unset, as the stack writes it. */
const row = (accountId: string | null, card: any, fields: readonly ContactField[]) => {
  const values: Record<string, string | null> = { account_id: accountId };
  for (const { attribute, field } of fields) values[attribute] = card[field] ?? null;
  return values;
};
for (const [id, account] of Object.entries<any>(registry.accounts)) {
  const inherited = ouChoice(account.ou);
  const accountId = account.management ? null : id;
  for (const slot of slots) {
    const ref = account.contacts?.[slot] ?? inherited[slot];
    if (!ref) continue;
    if (slot === "primary") locals.primary_contacts[id] = row(accountId, registry.primaryContacts[ref], PRIMARY_CONTACT_FIELDS);
    else locals[`${slot}_contacts`][id] = row(accountId, registry.contacts[ref], ALTERNATE_CONTACT_FIELDS);
  }
}
const each = (field: string) => `\${each.value.${field}}`;
const alternate = (type: string) => ({
  for_each: `\${local.${type.toLowerCase()}_contacts}`,
  alternate_contact_type: type,
  account_id: each("account_id"),
  ...Object.fromEntries(ALTERNATE_CONTACT_FIELDS.map(({ attribute }) => [attribute, each(attribute)])),
});
const primaryFields = PRIMARY_CONTACT_FIELDS.map(({ attribute }) => attribute);
const config = {
  terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.0" } } },
  provider: { aws: [{ region: "us-east-1" }] },
  locals,
  resource: {
    aws_account_alternate_contact: { billing: alternate("BILLING"), operations: alternate("OPERATIONS"), security: alternate("SECURITY") },
    aws_account_primary_contact: {
      primary: { for_each: "${local.primary_contacts}", account_id: each("account_id"), ...Object.fromEntries(primaryFields.map((f) => [f, each(f)])) },
    },
  },
};
fs.writeFileSync(outFile, JSON.stringify(config, null, 2));
