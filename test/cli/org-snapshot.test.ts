/** `contacts org-snapshot` as a user runs it, against the stand-in serving the example organization. */
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../src/cli/main";
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
  test("refreshes the file the registry names as organization.accountsFile, with every account's state and OU path, also when the registry has errors", async () => {
    const cwd = tempDir("contacts-snapshot-");
    fs.mkdirSync(path.join(cwd, "contacts"));
    // An unknown card: the registry does not load, but only organization.accountsFile is read.
    fs.writeFileSync(
      path.join(cwd, "contacts/registry.yaml"),
      'version: 1\ndefaults: { security: nobody }\naccounts:\n  "111111111111": { name: management, management: true }\norganization: { accountsFile: org/accounts.json }\n',
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

  test("--output naming a device or a folder is one line, exit 2, nothing written", async () => {
    const cwd = tempDir("contacts-snapshot-");
    fs.mkdirSync(path.join(cwd, "a-folder"));
    for (const [output, kind] of [
      ["/dev/null", "a device"],
      ["a-folder", "a folder"],
    ]) {
      const result = await snapshot(cwd, ["--output", output]);
      expect({ status: result.status, stderr: result.stderr }).toEqual({
        status: 2,
        stderr: `contacts org-snapshot: ${output} is ${kind}, not a file; nothing was written. Fix: choose a new path or a regular file.\n`,
      });
    }
    expect(fs.readdirSync(cwd)).toEqual(["a-folder"]);
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

  test("without organization.accountsFile, the snapshot goes beside the registry, as contacts import writes it", async () => {
    const cwd = tempDir("contacts-snapshot-");
    fs.mkdirSync(path.join(cwd, "org"));
    fs.writeFileSync(path.join(cwd, "org/registry.yaml"), "version: 1\naccounts: {}\n");
    const result = await snapshot(cwd, ["--registry", "org/registry.yaml"]);
    expect({ status: result.status, stdout: result.stdout }).toEqual({
      status: 0,
      stdout: "Wrote org/organization-accounts.json: 10 accounts (9 ACTIVE) in 6 OU path(s) of organization o-exampleorg1.\n",
    });
  });

  test.each([
    ["../outside.json", "../outside.json"],
    ["an absolute path", path.join(tempDir("contacts-snapshot-elsewhere-"), "accounts.json")],
  ])("an organization.accountsFile outside the registry's folder (%s) is refused before AWS is called; nothing is written", async (_, named) => {
    const cwd = tempDir("contacts-snapshot-");
    fs.mkdirSync(path.join(cwd, "contacts"));
    fs.writeFileSync(path.join(cwd, "contacts/registry.yaml"), `version: 1\naccounts: {}\norganization: { accountsFile: ${JSON.stringify(named)} }\n`);
    api.resetCalls();
    let stderr = "";
    const status = await runCli(["org-snapshot"], { cwd, env: {}, stdout: () => {}, stderr: (t) => (stderr += t) });
    const target = path.resolve(cwd, "contacts", named);
    expect({ status, stderr }).toEqual({
      status: 2,
      stderr: `contacts org-snapshot: contacts/registry.yaml:3:31 organization.accountsFile ${JSON.stringify(named)} is outside the registry's folder contacts, and a snapshot refresh writes only there unless told. Fix: keep the snapshot in the registry's folder, or give its path with --output ${path.relative(cwd, target)}.\n`,
    });
    expect(api.calls).toEqual([]);
    expect(fs.existsSync(target)).toBe(false);
  });
});
