/** `contacts org-snapshot` as a user runs it, against the stand-in serving the example organization. */
import * as fs from "fs";
import * as path from "path";
import { readAccountsListing } from "../../src/registry/list-accounts-shape";
import type { AccountApi } from "../support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "../support/aws-env";
import { ACCOUNTS, startExampleOrganization } from "../support/example-organization";
import { runContacts } from "../support/run-contacts";
import { tempDir } from "../support/workspace";

let api: AccountApi;
beforeAll(async () => {
  api = await startExampleOrganization();
});
afterAll(async () => {
  await api.stop();
});
const snapshot = (cwd: string, args: string[] = []) =>
  runContacts(["org-snapshot", ...args], { cwd, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) } });

describe("contacts org-snapshot", () => {
  test("refreshes the file the registry names as organization.accountsFile, with every account's state and OU path", async () => {
    const cwd = tempDir("contacts-snapshot-");
    fs.mkdirSync(path.join(cwd, "contacts"));
    fs.writeFileSync(
      path.join(cwd, "contacts/registry.yaml"),
      'version: 1\naccounts:\n  "111111111111": { name: management, management: true }\norganization: { accountsFile: org/accounts.json }\n',
    );
    fs.mkdirSync(path.join(cwd, "contacts/org"));
    fs.writeFileSync(path.join(cwd, "contacts/org/accounts.json"), "stale");
    const result = await snapshot(cwd);
    expect({ status: result.status, stdout: result.stdout }).toEqual({
      status: 0,
      stdout: "Wrote contacts/org/accounts.json: 10 accounts (9 ACTIVE) in 6 OU path(s) of organization o-exampleorg1.\n",
    });
    const { accounts, issues } = readAccountsListing("accounts.json", fs.readFileSync(path.join(cwd, "contacts/org/accounts.json"), "utf8"));
    expect(issues).toEqual([]);
    expect(Object.fromEntries(accounts.map((a) => [a.id, a.ouPath]))).toEqual(Object.fromEntries(Object.entries(ACCOUNTS).map(([id, a]) => [id, a.ou])));
  });

  test("AWS refusing the Organizations read is one line, exit 2, the old file untouched", async () => {
    const cwd = tempDir("contacts-snapshot-");
    api.setFaults({ denied: { operations: ["ListOrganizationalUnitsForParent"] } });
    try {
      const result = await snapshot(cwd, ["--output", "accounts.json"]);
      expect({ status: result.status, stderr: result.stderr }).toEqual({
        status: 2,
        stderr: expect.stringMatching(
          /^contacts org-snapshot: AWS denied organizations:ListOrganizationalUnitsForParent \(AccessDeniedException: [^\n]*\)\. Fix: [^\n]*\n$/,
        ),
      });
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      api.clearFaults();
    }
  });
});
