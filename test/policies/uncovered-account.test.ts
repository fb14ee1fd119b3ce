import { uncoveredAccount } from "../../policies/uncovered-account";
import { contextFor, listedAccount as listed, organizationAccount as org } from "../support/contacts";

const ctx = contextFor();

describe("uncovered-account: every ACTIVE account of the organization is in the registry", () => {
  test("Noncompliance 1: an ACTIVE account the registry does not list fails, named, at its place in the accounts file", () => {
    const results = uncoveredAccount.check(
      {
        organization: [org("111111111111", "ACTIVE"), org("777777777777", "ACTIVE", "sandbox")],
        accounts: [listed("111111111111")],
      },
      ctx,
    );
    expect(results).toEqual([
      {
        accountId: "777777777777",
        accountName: "sandbox",
        severity: undefined,
        message: "is ACTIVE in the organization but not in the registry, so nothing sets its contacts",
        fix: 'add "777777777777": { name: "sandbox" } under accounts in the registry',
        location: { file: "org.json", line: 7, column: 9 },
      },
    ]);
  });

  test("Noncompliance 2: a PENDING_ACTIVATION account the registry does not list is a warning", () => {
    const [result] = uncoveredAccount.check(
      {
        organization: [org("777777777777", "PENDING_ACTIVATION")],
        accounts: [],
      },
      ctx,
    );
    expect(result).toMatchObject({
      accountId: "777777777777",
      severity: "warning",
      message: expect.stringContaining("once its sign-up completes"),
    });
  });

  test("Compliance 1: SUSPENDED, PENDING_CLOSURE and CLOSED accounts need no registry entry", () => {
    const organization = [org("777777777777", "SUSPENDED"), org("888888888888", "PENDING_CLOSURE"), org("999999999999", "CLOSED")];
    expect(uncoveredAccount.check({ organization, accounts: [] }, ctx)).toEqual([]);
  });

  test("Compliance 2: every ACTIVE account is in the registry", () => {
    expect(
      uncoveredAccount.check(
        {
          organization: [org("111111111111", "ACTIVE")],
          accounts: [listed("111111111111")],
        },
        ctx,
      ),
    ).toEqual([]);
  });
});
