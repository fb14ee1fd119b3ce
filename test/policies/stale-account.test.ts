import { staleAccount } from "../../policies/stale-account";
import { contextFor, listedAccount as listed, organizationAccount as org } from "../support/contacts";

const ctx = contextFor();

describe("stale-account: every registry account is active in the organization", () => {
  test("Noncompliance 1: a registry account SUSPENDED, PENDING_CLOSURE or CLOSED in the organization is a warning at its registry line", () => {
    const organization = [org("777777777777", "SUSPENDED"), org("888888888888", "PENDING_CLOSURE"), org("999999999999", "CLOSED")];
    const results = staleAccount.check({ organization, accounts: organization.map((a) => listed(a.id)) }, ctx);
    expect(results.map((r) => [r.accountId, r.message])).toEqual([
      ["777777777777", "is SUSPENDED in the organization, not ACTIVE"],
      ["888888888888", "is PENDING_CLOSURE in the organization, not ACTIVE"],
      ["999999999999", "is CLOSED in the organization, not ACTIVE"],
    ]);
    expect(results[0]).toMatchObject({
      location: { file: "contacts/registry.yaml", line: 74 },
      fix: "remove the account from the registry once it is closed for good",
    });
    expect(staleAccount.severity).toBe("warning");
  });

  test("Noncompliance 2: a registry account the organization does not list is a warning (a typo, or an account that left)", () => {
    expect(
      staleAccount.check(
        {
          organization: [org("111111111111", "ACTIVE")],
          accounts: [listed("111111111111"), listed("121111111111")],
        },
        ctx,
      ),
    ).toEqual([
      expect.objectContaining({
        accountId: "121111111111",
        message: "is not in the organization's account list",
        fix: undefined,
      }),
    ]);
  });

  test("Compliance: registry accounts ACTIVE or PENDING_ACTIVATION in the organization", () => {
    const organization = [org("111111111111", "ACTIVE"), org("222222222222", "PENDING_ACTIVATION")];
    expect(staleAccount.check({ organization, accounts: organization.map((a) => listed(a.id)) }, ctx)).toEqual([]);
  });
});
