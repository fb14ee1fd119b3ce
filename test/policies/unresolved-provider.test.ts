import { unresolvedProvider } from "../../policies/unresolved-provider";
import type { AccountContacts } from "../../policies/rule";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();
const planned = (unresolved: AccountContacts["unresolved"], count: number, accountId = "provider aws.data_platform"): AccountContacts => ({
  accountId,
  contacts: Array.from({ length: count }, () => contact({ email: "aws-security@example.com" }, "SECURITY", accountId)),
  expectsPrimary: false,
  source: "plan",
  unresolved,
});

describe("unresolved-provider: a contact without account_id belongs to the account its provider's role names", () => {
  test("Noncompliance 1: a role ARN built from a variable fails, naming the expression and counting the contacts, one cause per provider", () => {
    const results = unresolvedProvider.check(
      planned({ reason: "provider", provider: "aws.data_platform", expression: "var.data_platform_account_id" }, 3),
      ctx,
    );
    expect(results).toEqual([
      {
        message:
          "assumes a role given by var.data_platform_account_id, not a literal ARN, so the account of its 3 contacts without account_id cannot be determined (their values were judged)",
        cause: { key: "provider:aws.data_platform" },
      },
    ]);
    expect(unresolvedProvider.severity).toBe("error");
  });

  test("Noncompliance 2: a literal that is not a role ARN fails the same way, quoted", () => {
    const [result] = unresolvedProvider.check(planned({ reason: "provider", provider: "module.legacy:aws", expression: '"ContactsAdmin"' }, 1), ctx);
    expect(result.message).toBe(
      'assumes a role given by "ContactsAdmin", not a literal ARN, so the account of its 1 contact without account_id cannot be determined (their values were judged)',
    );
  });

  test("Compliance 1: contacts attributed to an account (a literal role ARN, or no assume_role) pass", () => {
    expect(unresolvedProvider.check(planned(undefined, 3, "222222222222"), ctx)).toEqual([]);
  });

  test("Compliance 2: an account known only after apply is unknown-account's, not this rule's", () => {
    expect(unresolvedProvider.check(planned({ reason: "created" }, 3), ctx)).toEqual([]);
  });
});
