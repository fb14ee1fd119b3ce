import type { ContactType } from "../src/model/contact-types";
import { CIS_1_1, CIS_1_2, SECURITY_HUB_ACCOUNT_1, type AccountContacts, type AccountRule, type RuleResult } from "../src/engine/rule-contract";

/**
 * Given an account without one of policy.requiredTypes (BILLING, OPERATIONS, SECURITY by default), Then FAIL.
 * Given the registry sets a primary contact by default, And an account has none, Then FAIL.
 * Given a plan deletes an account's contact of a required type, And sets none in its place, Then FAIL (it names the deletion, and the
 *   removed block with destroy = false that forgets the contact instead).
 * Given a plan's account lacks a type, Then FAIL with a fix in the Terraform code, not the registry.
 * Given a plan stops managing a contact that AWS keeps (a forget, a primary contact's delete), Then PASS for that type.
 * Given a plan cannot name the account yet (unknown-account, unresolved-provider), Then PASS: the account is judged once it can be.
 * Given every required type is present, Then PASS.
 */
export const missingContact: AccountRule<"missing-contact"> = {
  id: "missing-contact",
  scope: "account",
  title: "Account lacks a required contact",
  severity: "error",
  explanation:
    "Without a SECURITY contact AWS sends security notices only to the root user's mailbox, which few people read (CIS 1.2, Security Hub Account.1); missing BILLING or OPERATIONS contacts lose bills and maintenance notices the same way.",
  fix: "give the account a card for this type, in defaults, its OU or the account itself",
  controls: [CIS_1_1, CIS_1_2, SECURITY_HUB_ACCOUNT_1],
  exceptable: true,
  securitySeverity: 7.5,
  check(account, { policy }) {
    if (account.unresolved) return [];
    const present = new Set<ContactType>([...account.contacts.map((c) => c.type), ...(account.removed?.keptInAws ?? [])]);
    const expected: ContactType[] = [...policy.requiredTypes, ...(account.expectsPrimary ? (["PRIMARY"] as const) : [])];
    return expected.filter((type) => !present.has(type)).map((type) => missing(account, type));
  },
};

function missing(account: AccountContacts, type: ContactType): RuleResult {
  const what = type === "PRIMARY" ? "primary contact" : `${type} contact`;
  if (account.source !== "plan") return { type, message: `has no ${what}`, location: account.position };
  const resource = type === "PRIMARY" ? "an aws_account_primary_contact" : `an aws_account_alternate_contact with alternate_contact_type = "${type}"`;
  const narrow = type === "PRIMARY" ? "" : ` (or leave ${type} out of --require-types if another workspace manages it)`;
  if (account.removed?.deleted.includes(type)) {
    return {
      type,
      message: `loses its ${what}: this plan deletes it and sets none in its place`,
      // Destroying the resource deletes the contact in AWS; a removed block with destroy = false only forgets it,
      // the route the migration documentation recommends when contacts change hands.
      fix: `keep the resource; to hand the contact to other Terraform code, replace its resource block with a removed block (from = its address, lifecycle { destroy = false }; Terraform 1.7 or later), which forgets the contact and leaves it in AWS; or set ${resource} for the account in its place${narrow}`,
      location: account.position,
    };
  }
  return { type, message: `has no ${what} in this plan`, fix: `add ${resource} for the account to the Terraform code${narrow}`, location: account.position };
}
