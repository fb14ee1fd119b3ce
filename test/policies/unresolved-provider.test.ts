import { unresolvedProvider } from "../../policies/unresolved-provider";
import type { AccountContacts } from "../../src/engine/rule-contract";
import type { ContactType } from "../../src/model/contact-types";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();
const planned = (unresolved: AccountContacts["unresolved"], count: number, accountId = "provider aws.data_platform"): AccountContacts => ({
  accountId,
  contacts: Array.from({ length: count }, () => contact({ email: "aws-security@example.com" }, "SECURITY", accountId)),
  expectsPrimary: false,
  source: "plan",
  unresolved,
});
const ADDRESS = 'module.member.aws_account_alternate_contact.this["SECURITY"]';
/** A contact the plan deletes, judged on its own and named by its address, as check-plan does when it cannot name the account. */
const deletion = (unresolved: AccountContacts["unresolved"], type: ContactType = "SECURITY"): AccountContacts => ({
  ...planned(unresolved, 0, ADDRESS),
  removed: { deleted: [type], keptInAws: [] },
});

describe("unresolved-provider: a contact without account_id belongs to the account its provider works in, which the plan must name", () => {
  test("Noncompliance 1: a role ARN built from a variable fails, naming what sets the account and counting the contacts, one cause per provider", () => {
    const results = unresolvedProvider.check(
      planned({ reason: "provider", provider: "aws.data_platform", expression: "an assume_role role_arn built from var.data_platform_account_id" }, 3),
      ctx,
    );
    expect(results).toEqual([
      {
        message:
          "takes its account from an assume_role role_arn built from var.data_platform_account_id, which the plan does not resolve to an account id, so the account of its 3 contacts without account_id cannot be determined (their values were judged)",
        cause: { key: "provider:aws.data_platform" },
      },
    ]);
    expect(unresolvedProvider.severity).toBe("error");
  });

  test("Noncompliance 2: credentials of its own fail the same way, naming the settings", () => {
    const unresolved = { reason: "provider", provider: "aws.security_tooling", expression: "credentials of its own (profile)" } as const;
    const [result] = unresolvedProvider.check(planned(unresolved, 1, "provider aws.security_tooling"), ctx);
    expect(result.message).toBe(
      "takes its account from credentials of its own (profile), which the plan does not resolve to an account id, so the account of its 1 contact without account_id cannot be determined (their values were judged)",
    );
  });

  test("Noncompliance 3: a deleted contact of a required type through such a provider fails on its own line, with the type and a fix on the provider", () => {
    const unresolved = { reason: "provider", provider: "aws.member", expression: "an assume_role role_arn built from var.account_id" } as const;
    expect(unresolvedProvider.check(deletion(unresolved), ctx)).toEqual([
      {
        type: "SECURITY",
        message:
          "is deleted by this plan, and its provider aws.member takes its account from an assume_role role_arn built from var.account_id, which the plan does not resolve to an account id: whether the account it leaves still has a SECURITY contact cannot be judged",
        fix: "write the provider's assume_role role_arn as a literal ARN, or set its allowed_account_ids to the one account it works in, and plan again: the deletion is then judged for that account",
        cause: { key: `deleted:${ADDRESS}` },
      },
    ]);
  });

  test("Noncompliance 4: a deleted contact the plan names no provider for (its block is gone) fails with the fix of keeping the block", () => {
    const expression = "its resource block is not in the configuration, so the plan does not say which provider set it";
    const [result] = unresolvedProvider.check(deletion({ reason: "provider", provider: "", expression }), ctx);
    expect(result.message).toBe(`is deleted by this plan, and ${expression}: whether the account it leaves still has a SECURITY contact cannot be judged`);
    expect(result.fix).toMatch(/^delete the contact with its resource block still in the configuration/);
  });

  test("Compliance 1: contacts attributed to an account (a literal role ARN, allowed_account_ids, or the credentials Terraform runs with) pass", () => {
    expect(unresolvedProvider.check(planned(undefined, 3, "222222222222"), ctx)).toEqual([]);
  });

  test("Compliance 2: an account known only after apply is unknown-account's, not this rule's", () => {
    expect(unresolvedProvider.check(planned({ reason: "created" }, 3), ctx)).toEqual([]);
  });

  test("Compliance 3: a deleted type outside the required types loses nothing required", () => {
    const narrow = { ...ctx, policy: { ...ctx.policy, requiredTypes: ["SECURITY" as const] } };
    const unresolved = { reason: "provider", provider: "aws.member", expression: "credentials of its own (profile)" } as const;
    expect(unresolvedProvider.check(deletion(unresolved, "BILLING"), narrow)).toEqual([]);
  });
});
