// A team's own contact rule, named in cdktf.json: "context": { "contactsRules": ["./examples/rules/prod-security-domain.mjs"] }.
// Same contract as the built-in rules (src/engine/rule-contract.ts); runs in synth, validate, review and check-plan.

/** The security team's mail domain: where every production account's SECURITY notices must go. */
const SECURITY_DOMAIN = "security.example.com";

/**
 * Given a production account (its name ends in "-prod"), And its SECURITY contact's email is not on the
 *   security team's domain, Then FAIL.
 * Given an account that is not production, or whose SECURITY contact is missing or unknown until apply
 *   (missing-contact and unverifiable report those), Then PASS.
 */
export const prodSecurityDomain = {
  id: "acme/prod-security-domain",
  scope: "account",
  title: "Production SECURITY contact off the security team's domain",
  severity: "error",
  explanation: `AWS sends a production account's security notices to its SECURITY contact; an address outside ${SECURITY_DOMAIN} is one the security team does not own or watch.`,
  fix: `set the account's security card to an address @${SECURITY_DOMAIN}`,
  controls: ["CIS AWS Foundations 1.2"],
  exceptable: true,
  securitySeverity: 7.0,
  check(account) {
    if (!/-prod$/.test(account.accountName ?? "")) return [];
    const security = account.contacts.find((contact) => contact.type === "SECURITY");
    const email = security?.fields.email;
    if (!email || !email.known || email.value.toLowerCase().endsWith(`@${SECURITY_DOMAIN}`)) return [];
    return [
      {
        type: "SECURITY",
        field: "email",
        value: email.value,
        message: `is a production account's SECURITY contact outside ${SECURITY_DOMAIN}`,
        location: security.location.fields?.email ?? security.location.registry,
      },
    ];
  },
};

export const rules = [prodSecurityDomain];
