import { emailDomain } from "../src/model/addresses";
import { CIS_1_1, known, type ContactRule } from "../src/engine/rule-contract";

/**
 * Given policy.emailDomains is set, And a contact's email is in none of those domains or their subdomains, Then FAIL.
 * Given the email's domain is listed (any case), or a subdomain of a listed one, Then PASS.
 * Given policy.emailDomains is not set, Then the rule does not apply.
 */
export const emailDomainRule: ContactRule<"email-domain"> = {
  id: "email-domain",
  scope: "contact",
  title: "Contact email outside the organization's domains",
  severity: "error",
  explanation:
    "Mail for the account must land in a mailbox the organization controls; an outside domain (a contractor, a lapsed domain) may be read by someone who no longer works for you.",
  fix: "use an address in one of the domains listed in policy.emailDomains",
  controls: [CIS_1_1],
  exceptable: true,
  securitySeverity: 6.5,
  enabled: (policy) => (policy.emailDomains?.length ?? 0) > 0,
  check(contact, { policy }) {
    const email = known(contact.fields.email);
    if (email === undefined) return [];
    const domain = emailDomain(email);
    const allowed = (policy.emailDomains ?? []).map((d) => d.toLowerCase());
    if (allowed.some((d) => domain === d || domain.endsWith("." + d))) return [];
    return [{ field: "email", value: email, message: `is in ${domain}, outside the allowed domains (${allowed.join(", ")})` }];
  },
};
