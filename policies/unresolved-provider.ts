import type { ContactType } from "../src/model/contact-types";
import { CIS_1_1, type AccountContacts, type AccountRule, type RuleResult } from "../src/engine/rule-contract";

/**
 * Given a contact without account_id, And the provider it is planned with assumes a role whose ARN is an
 *   expression (a variable, a local, a template) or not an IAM role ARN, Then FAIL naming the provider: its account cannot be determined.
 * Given the provider assumes no role but has credentials of its own (profile, access_key, shared_credentials_files, token,
 *   assume_role_with_web_identity without a literal role ARN), And allowed_account_ids does not name exactly one account, Then FAIL the same way.
 * Given a plan deletes a contact of a required type, And its account cannot be determined either way (or its resource block is
 *   gone and the configuration's providers work in different accounts), Then FAIL naming its address: what the deletion leaves cannot be judged.
 * Given the role ARN is written as a constant, or allowed_account_ids names one account, Then PASS: the contact is that account's.
 * Given the provider assumes no role and has no credentials of its own, Then PASS: the contact is the calling (management) account's.
 * Given a plan forgets such a contact, or deletes its primary contact, or deletes a type that is not required, Then PASS: nothing required is lost.
 */
export const unresolvedProvider: AccountRule<"unresolved-provider"> = {
  id: "unresolved-provider",
  scope: "account",
  title: "Contact's account cannot be determined from its provider",
  severity: "error",
  explanation:
    "A contact without account_id is set on the account the provider works in: with assume_role, the role's account; with credentials of its own (a profile, keys), whichever account those belong to. A plan records provider settings as written, not evaluated, so a role ARN built from a variable, or a profile, names no account the policy can read. Guessing the management account would judge one account's contacts as another's and merge several accounts into one, so the contacts' values are judged and their account is reported unknown; a deletion's account is reported unknown too, since the account it leaves may then have no contact of that type.",
  fix: "write the provider's assume_role role_arn as a literal ARN (arn:aws:iam::<account id>:role/<name>), or set its allowed_account_ids to the one account it works in, or set account_id on the contacts",
  controls: [CIS_1_1],
  // The fix is one line of Terraform, and an exception is per account, which is what cannot be named.
  exceptable: false,
  securitySeverity: 5.0,
  check(account, { policy }) {
    const unresolved = account.unresolved;
    if (unresolved?.reason !== "provider") return [];
    const results: RuleResult[] = [];
    if (account.contacts.length > 0) results.push(keptContacts(account, unresolved));
    for (const type of account.removed?.deleted ?? []) {
      if (policy.requiredTypes.some((required) => required === type)) results.push(deletion(account.accountId, type, unresolved));
    }
    return results;
  },
};

type Unresolved = Extract<AccountContacts["unresolved"], { reason: "provider" }>;

/** Why the account cannot be named, for a subject that is a contact. An empty provider: the plan does not say which provider set it. */
function why({ provider, expression }: Unresolved): string {
  return provider ? `its provider ${provider} takes its account from ${expression}, which the plan does not resolve to an account id` : expression;
}

/** The contacts of one provider are one line; a contact the plan does not give a provider for (named by its address), its own. */
function keptContacts(account: AccountContacts, unresolved: Unresolved): RuleResult {
  const count = account.contacts.length;
  const contacts = count === 1 ? "1 contact" : `${count} contacts`;
  const message = unresolved.provider
    ? `takes its account from ${unresolved.expression}, which the plan does not resolve to an account id, so the account of its ${contacts} without account_id cannot be determined (their values were judged)`
    : `has no account_id, and ${why(unresolved)}, so its account cannot be determined (its values were judged)`;
  return { message, cause: { key: `provider:${unresolved.provider || account.accountId}` } };
}

/** A deleted contact, its own line: the plan names its account by its address, which the line shows. */
function deletion(address: string, type: ContactType, unresolved: Unresolved): RuleResult {
  return {
    type,
    message: `is deleted by this plan, and ${why(unresolved)}: whether the account it leaves still has a ${type} contact cannot be judged`,
    fix: unresolved.provider
      ? "write the provider's assume_role role_arn as a literal ARN, or set its allowed_account_ids to the one account it works in, and plan again: the deletion is then judged for that account"
      : "delete the contact with its resource block still in the configuration (remove its for_each key, or lower its count), so the plan names the provider it was set with",
    cause: { key: `deleted:${address}` },
  };
}
