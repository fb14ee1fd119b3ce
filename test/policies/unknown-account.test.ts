import { unknownAccount } from "../../policies/unknown-account";
import type { AccountContacts } from "../../src/engine/rule-contract";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();
const vended = 'module.vended["lab"].aws_organizations_account.this';
const account = (unresolved: AccountContacts["unresolved"], accountId = vended): AccountContacts => ({
  accountId,
  accountName: "lab",
  contacts: [contact({ email: "aws-security@example.com" }, "SECURITY", accountId)],
  expectsPrimary: false,
  source: "plan",
  unresolved,
});

describe("unknown-account: an account a plan can name only after apply is judged on the next plan", () => {
  test("Noncompliance 1: an account the plan creates warns, as one cause for every account the plan vends", () => {
    const results = unknownAccount.check(account({ reason: "created" }), ctx);
    expect(results).toEqual([
      {
        message:
          "is created by this plan, so its id is known only after apply: its contacts' values were judged; the account itself is judged on the next plan, once it exists",
        cause: { key: "created" },
      },
    ]);
    expect(unknownAccount.severity).toBe("warning");
  });

  test("Noncompliance 2: any other account_id computed at apply warns the same way", () => {
    const [result] = unknownAccount.check(account({ reason: "after-apply" }, "terraform_data.account_ref[0]"), ctx);
    expect(result.message).toMatch(/^has an account_id known only after apply: /);
    expect(result.cause).toEqual({ key: "after-apply" });
  });

  test("Compliance 1: an account with a known id passes", () => {
    expect(unknownAccount.check(account(undefined, "222222222222"), ctx)).toEqual([]);
  });

  test("Compliance 2: a provider whose account is unknown is unresolved-provider's, not this rule's", () => {
    expect(unknownAccount.check(account({ reason: "provider", provider: "aws.x", expression: "var.role" }), ctx)).toEqual([]);
  });
});
