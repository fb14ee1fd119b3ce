import { CIS_1_1, CIS_1_2, SECURITY_HUB_ACCOUNT_1, type AccountRule, type RuleResult } from "./rule";

/**
 * Given an account without one of policy.requiredTypes (BILLING, OPERATIONS, SECURITY by default), Then FAIL.
 * Given the registry sets a primary contact by default, And an account has none, Then FAIL.
 * Given every required type is present, Then PASS.
 */
export const missingContact: AccountRule = {
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
    const present = new Set(account.contacts.map((c) => c.type));
    const results: RuleResult[] = [];
    for (const type of policy.requiredTypes) {
      if (!present.has(type)) results.push({ type, message: `has no ${type} contact`, location: account.position });
    }
    if (account.expectsPrimary && !present.has("PRIMARY")) {
      results.push({ type: "PRIMARY", message: "has no primary contact", location: account.position });
    }
    return results;
  },
};
