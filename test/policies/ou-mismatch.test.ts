import { ouMismatch } from "../../policies/ou-mismatch";
import type { ListedAccount, OrganizationAccount } from "../../src/model/organization";
import { contextFor, listedAccount, organizationAccount } from "../support/contacts";

const ctx = contextFor();
const ID = "777777777777";

const inRegistry = (ou?: string): ListedAccount => ({ ...listedAccount(ID), ou });
const inOrganization = (ouPath: string | undefined, state: OrganizationAccount["state"] = "ACTIVE"): OrganizationAccount => ({
  ...organizationAccount(ID, state),
  ouPath,
});
const check = (registry: ListedAccount, organization: OrganizationAccount[]) => ouMismatch.check({ organization, accounts: [registry] }, ctx);

describe("ou-mismatch: every registry account's ou is the OU path the organization gives it", () => {
  test("Noncompliance 1: an ou that differs from the snapshot's path fails, naming both paths, at the account's registry line", () => {
    expect(check(inRegistry("Sandbx"), [inOrganization("Sandbox")])).toEqual([
      {
        accountId: ID,
        accountName: "listed-777",
        message: 'is in "Sandbx" in the registry but in "Sandbox" in the organization',
        fix: `set ou: Sandbox for "${ID}" in the registry (or move the account in AWS Organizations)`,
        location: { file: "contacts/registry.yaml", line: 74, column: 3 },
      },
    ]);
  });

  test("Noncompliance 2: an account without ou that the organization has in an OU fails", () => {
    const [result] = check(inRegistry(undefined), [inOrganization("Workloads/Payments")]);
    expect(result.message).toBe('is directly under the root in the registry but in "Workloads/Payments" in the organization');
  });

  test("Noncompliance 3: an account with an ou that the organization has directly under the root fails, and the fix removes the ou", () => {
    const [result] = check(inRegistry("Workloads"), [inOrganization("")]);
    expect(result).toMatchObject({
      message: 'is in "Workloads" in the registry but directly under the root in the organization',
      fix: `remove ou from "${ID}" in the registry`,
    });
  });

  test("Compliance 1: the same path passes, nested OUs included", () => {
    expect(check(inRegistry("Workloads/Payments/Dev"), [inOrganization("Workloads/Payments/Dev")])).toEqual([]);
    expect(check(inRegistry(undefined), [inOrganization("")])).toEqual([]);
  });

  test("Compliance 2: an accounts file without OU paths (plain list-accounts output) checks nothing", () => {
    expect(check(inRegistry("Anything"), [inOrganization(undefined)])).toEqual([]);
  });

  test("Compliance 3: SUSPENDED, PENDING_CLOSURE, CLOSED and unlisted accounts are left to stale-account", () => {
    for (const state of ["SUSPENDED", "PENDING_CLOSURE", "CLOSED"] as const) expect(check(inRegistry("Old"), [inOrganization("Suspended", state)])).toEqual([]);
    expect(check(inRegistry("Old"), [])).toEqual([]);
  });
});
