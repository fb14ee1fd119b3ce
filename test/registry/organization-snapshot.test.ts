import { organizationSnapshotText } from "../../src/registry/organization-snapshot-file";
import { readAccountsListing } from "../../src/registry/list-accounts-shape";
import { EXAMPLE_ACCOUNTS } from "../support/organization";

const snapshot = organizationSnapshotText({
  organizationId: "o-exampleorg1",
  managementAccountId: "111111111111",
  readAt: "2026-11-23T06:00:00.000Z",
  accounts: [
    { id: "111111111111", name: "management", state: "ACTIVE", ouPath: "" },
    { id: "222222222222", name: "payments-prod", state: "ACTIVE", ouPath: "Workloads/Payments" },
    { id: "888888888888", name: "retired", state: "SUSPENDED", ouPath: "Suspended" },
  ],
});

describe("the organization snapshot: a list-accounts page whose accounts carry their OU path", () => {
  test('reads back with every account\'s state and OU path ("" directly under the root), one account a line', () => {
    const { accounts, issues } = readAccountsListing("org.json", snapshot);
    expect(issues).toEqual([]);
    expect(accounts.map((a) => [a.id, a.state, a.ouPath, a.position?.line])).toEqual([
      ["111111111111", "ACTIVE", "", 4],
      ["222222222222", "ACTIVE", "Workloads/Payments", 5],
      ["888888888888", "SUSPENDED", "Suspended", 6],
    ]);
  });

  test("plain list-accounts output has no OU paths: nothing to check OUs against", () => {
    const { accounts } = readAccountsListing("org.json", EXAMPLE_ACCOUNTS);
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts.every((a) => a.ouPath === undefined)).toBe(true);
  });

  test("an OuPath that is not a path is an error at its line, saying how to write the file again", () => {
    const broken = snapshot.replace('"OuPath":"Workloads/Payments"', '"OuPath":"/Workloads//Payments"').replace('"OuPath":"Suspended"', '"OuPath":7');
    const { accounts, issues } = readAccountsListing("org.json", broken);
    expect(accounts).toEqual([]);
    expect(issues.map((i) => [i.position.line, i.path, i.message, i.fix])).toEqual([
      [
        5,
        "Accounts.1.OuPath",
        'OuPath is not an OU path ("Workloads/Payments", or "" directly under the root)',
        "write it again with `contacts org-snapshot --output org.json`",
      ],
      [
        6,
        "Accounts.2.OuPath",
        'OuPath is not an OU path ("Workloads/Payments", or "" directly under the root)',
        "write it again with `contacts org-snapshot --output org.json`",
      ],
    ]);
  });
});
