import { normalizeEmail, untaggedEmail } from "../src/model/addresses";
import { known, type AccountRule } from "../src/engine/rule-contract";

/**
 * Off unless policy.distinctTypes is true.
 * Given an account whose BILLING, OPERATIONS and SECURITY contacts all use one email, Then FAIL.
 * Given at least two different emails among them, Then PASS.
 */
export const distinctTypes: AccountRule<"distinct-types"> = {
  id: "distinct-types",
  scope: "account",
  title: "All alternate contacts share one email",
  severity: "error",
  explanation:
    "Billing, operations and security notices go to different teams; one shared address mixes an invoice with an abuse report and hides the urgent one (Prowler checks this).",
  fix: "give the SECURITY contact its own alias, separate from billing and operations",
  controls: ["Prowler account_security_contact_information_is_registered"],
  exceptable: true,
  securitySeverity: 3.5,
  enabled: (policy) => policy.distinctTypes,
  check(account) {
    const alternates = account.contacts.filter((c) => c.type !== "PRIMARY");
    const emails = alternates.map((c) => known(c.fields.email));
    if (alternates.length < 3 || emails.some((e) => e === undefined)) return [];
    // Sub-addresses (team+billing@, team+sec@) are one mailbox: the notices still arrive mixed.
    if (new Set(emails.map((e) => untaggedEmail(e!))).size > 1) return [];
    const message =
      new Set(emails.map((e) => normalizeEmail(e!))).size === 1
        ? "is the email of all three alternate contacts"
        : `all three alternate contacts go to one mailbox, ${untaggedEmail(emails[0]!)}, through sub-addresses`;
    return [{ type: "SECURITY", field: "email", value: emails[0], message }];
  },
};
