import { CIS_1_1, type AccountRule } from "./rule";

/**
 * Given a contact without account_id, And the provider it is planned with assumes a role whose ARN is an
 *   expression (a variable, a local, a template) or unknown, Then FAIL naming the provider: its account cannot be determined.
 * Given the role ARN is written as a constant, Then PASS: the contact is its account's.
 * Given the provider assumes no role, Then PASS: the contact is the calling (management) account's.
 */
export const unresolvedProvider: AccountRule = {
  id: "unresolved-provider",
  scope: "account",
  title: "Contact's account cannot be determined from its provider",
  severity: "error",
  explanation:
    "A contact without account_id is set on the account the provider works in: with assume_role, the role's account. A plan records provider settings as written, not evaluated, so a role ARN built from a variable names no account the policy can read. Guessing the management account would judge one account's contacts as another's and merge several accounts into one, so the contacts' values are judged and their account is reported unknown.",
  fix: "write the provider's assume_role role_arn as a literal ARN (arn:aws:iam::<account id>:role/<name>), or set account_id on the contacts",
  controls: [CIS_1_1],
  // The fix is one line of Terraform, and an exception is per account, which is what cannot be named.
  exceptable: false,
  securitySeverity: 5.0,
  check(account) {
    const unresolved = account.unresolved;
    if (unresolved?.reason !== "provider") return [];
    const count = account.contacts.length === 1 ? "1 contact" : `${account.contacts.length} contacts`;
    return [
      {
        message: `assumes a role given by ${unresolved.expression}, not a literal ARN, so the account of its ${count} without account_id cannot be determined (their values were judged)`,
        cause: { key: `provider:${unresolved.provider}` },
      },
    ];
  },
};
