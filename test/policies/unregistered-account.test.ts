import { unregisteredAccount } from "../../policies/unregistered-account";
import type { AccountContacts } from "../../src/engine/rule-contract";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();
const planned = (listed: AccountContacts["listed"], accountName?: string): AccountContacts => ({
  accountId: "777777777777",
  accountName,
  contacts: [contact({ email: "aws-security@example.com" }, "SECURITY", "777777777777")],
  expectsPrimary: false,
  source: "plan",
  listed,
});

describe("unregistered-account: a plan sets contacts only of accounts the registry lists", () => {
  test("Noncompliance 1: an account the registry does not list warns, with the registry line that adds it", () => {
    expect(unregisteredAccount.check(planned({ registry: false }), ctx)).toEqual([
      {
        message: "is not in the registry; this plan sets its contacts",
        fix: 'add "777777777777": { name: "777777777777" } under accounts in the registry',
        cause: { key: "unregistered" },
      },
    ]);
  });

  test("Noncompliance 2: an account the organization snapshot lists but the registry does not warns, named as the organization names it", () => {
    const [result] = unregisteredAccount.check(planned({ registry: false, organization: true }, "sandbox"), ctx);
    expect(result).toMatchObject({
      message: "is in the organization but not in the registry; this plan sets its contacts",
      fix: expect.stringContaining('{ name: "sandbox" }'),
    });
    expect(result.severity).toBeUndefined();
  });

  test("Noncompliance 3: an account neither the registry nor the organization snapshot lists fails", () => {
    const [result] = unregisteredAccount.check(planned({ registry: false, organization: false }), ctx);
    expect(result).toMatchObject({
      severity: "error",
      message: "is in neither the registry nor the organization snapshot: a mistyped account id, or an account of another organization",
      cause: { key: "unlisted" },
    });
  });

  test("Compliance 1: an account the registry lists passes, whatever the snapshot says", () => {
    expect(unregisteredAccount.check(planned({ registry: true, organization: false }), ctx)).toEqual([]);
  });

  test("Compliance 2: accounts judged from the registry itself (synth, review) carry no listing and pass", () => {
    expect(unregisteredAccount.check(planned(undefined), ctx)).toEqual([]);
  });
});
