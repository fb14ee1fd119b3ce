/** `contacts drift` as a user runs it, against the stand-in, on the registry `contacts import` wrote for it. */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { AccountApi } from "../support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "../support/aws-env";
import { ACTIVE_ACCOUNTS, CARDS, startExampleOrganization } from "../support/example-organization";
import { runContacts, type ContactsRun } from "../support/run-contacts";
import { EXAMPLE_REGISTRY, tempDir, TODAY } from "../support/workspace";

let api: AccountApi;
let cwd: string;
const drift = (args: string[] = []) => runContacts(["drift", ...args], { cwd, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) } });
const errors = (run: ContactsRun) => run.stderr.split("\n").filter((line) => line && !line.includes("accounts' contacts read"));

beforeAll(async () => {
  api = await startExampleOrganization();
  cwd = tempDir("contacts-drift-");
  const imported = await runContacts(["import"], { cwd, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) } });
  expect(imported.status).toBe(0);
});
beforeEach(() => api.clearFaults());
afterAll(async () => {
  await api.stop();
});

describe("contacts drift", () => {
  test("contacts the registry sets and AWS lacks are drift, exit 1, one line per cause", async () => {
    const result = await drift();
    expect({ status: result.status, errors: errors(result) }).toEqual({ status: 1, errors: [] });
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      `drift: 6 contact(s) on 3 of ${ACTIVE_ACCOUNTS.length} account(s) read differ from the registry, from 3 cause(s).`,
      "  OPERATIONS missing in AWS on 3 account(s), 111111111111 (management), 666666666666 (audit), 777777777777 (sandbox): the registry sets card aws-ops. Fix: apply the stack.",
      "  BILLING missing in AWS on 2 account(s), 111111111111 (management), 777777777777 (sandbox): the registry sets card aws-billing. Fix: apply the stack.",
      "  SECURITY missing in AWS on 1 account(s), 777777777777 (sandbox): the registry sets card aws-security. Fix: apply the stack.",
      // contacts import registers no address (and writes warn mode): what AWS holds reaches nobody the registry knows.
      `policy: what AWS holds fails the contact policy: 57 error(s) on ${ACTIVE_ACCOUNTS.length} account(s) (30 contact(s) judged; warn mode: not enforced).`,
    ]);
    expect(lines).toContain(
      "  error missing-contact has no OPERATIONS contact; affects OPERATIONS of 3 accounts: 111111111111 (management), 666666666666 (audit), 777777777777 (sandbox). Fix: give the account a card for this type, in defaults, its OU or the account itself. contacts/registry.yaml:54:3 (also contacts/registry.yaml:59:3, contacts/registry.yaml:60:3)",
    );
  });

  test("--format json lists every account and type, the causes with all their accounts, the accounts read and the registry compared against", async () => {
    const result = await drift(["--format", "json"]);
    const report = JSON.parse(result.stdout);
    const sha256 = createHash("sha256")
      .update(fs.readFileSync(path.join(cwd, "contacts/registry.yaml")))
      .digest("hex");
    expect(report).toMatchObject({
      inSync: false,
      registry: { file: "contacts/registry.yaml", sha256 },
      accountsRead: ACTIVE_ACCOUNTS.length,
      accountIdsRead: [...ACTIVE_ACCOUNTS].sort(),
      failures: [],
    });
    expect(report.drift.map((d: { accountId: string; type: string; kind: string }) => `${d.accountId}/${d.type}/${d.kind}`).sort()).toEqual(
      [
        "111111111111/BILLING",
        "111111111111/OPERATIONS",
        "666666666666/OPERATIONS",
        "777777777777/BILLING",
        "777777777777/OPERATIONS",
        "777777777777/SECURITY",
      ].map((k) => `${k}/missing`),
    );
    expect(report.causes[0].accounts.map((a: { id: string }) => a.id)).toEqual(["111111111111", "666666666666", "777777777777"]);
  });

  test("--accounts reads only the accounts it names; an id not in the registry is one usage line", async () => {
    api.resetCalls();
    const one = await drift(["--accounts", "444444444444,555555555555"]);
    // In sync; what AWS holds fails the policy, but the imported registry's warn mode does not enforce it.
    expect(one.status).toBe(0);
    expect(one.stdout.split("\n").slice(0, 2)).toEqual([
      "in sync: the contacts of 2 account(s) are as the registry says.",
      "policy: what AWS holds fails the contact policy: 14 error(s) on 2 account(s) (8 contact(s) judged; warn mode: not enforced).",
    ]);
    expect(new Set(api.calls.map((c) => c.targetAccountId))).toEqual(new Set(["444444444444", "555555555555"]));
    const unknown = await drift(["--accounts", "444444444444,123456789012"]);
    expect({ status: unknown.status, stderr: unknown.stderr }).toEqual({
      status: 2,
      stderr:
        "contacts drift: --accounts 444444444444,123456789012 names account(s) not in the registry: 123456789012. Fix: give registry account ids, comma-separated, e.g. --accounts 101010101010.\n",
    });
  });

  test("AccessDenied on one account: named on an error line, the drift found elsewhere still reported, exit 2; the JSON names it per type", async () => {
    api.setFaults({ denied: { accounts: ["777777777777"] } });
    const result = await drift();
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^drift: 3 contact\(s\) on 2 of 8 account\(s\) read/);
    expect(result.stdout).toMatch(
      /^error: could not read 1 account\(s\), 777777777777 \(AccessDeniedException: .*\); what could not be read was not compared\.$/m,
    );
    // Nothing differs in what was read, but that is not "in sync".
    const partial = await drift(["--accounts", "444444444444,777777777777"]);
    expect(partial.status).toBe(2);
    expect(partial.stdout).toMatch(
      /^no drift in what was read: the contacts read of 1 account\(s\) are as the registry says; the rest could not be read \(below\)\.\nerror: could not read 1 account\(s\), 777777777777 /,
    );
    const report = JSON.parse((await drift(["--format", "json"])).stdout);
    expect(report.accountIdsRead).not.toContain("777777777777");
    expect(report.failures).toEqual([
      expect.objectContaining({
        code: "AccessDeniedException",
        accounts: ["777777777777"],
        contacts: ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"].map((type) => ({ accountId: "777777777777", type })),
      }),
    ]);
  });

  test("--existing records which contacts AWS holds, keeping the entries of accounts not read this time", async () => {
    const file = path.join(cwd, "contacts/existing-contacts.json");
    const before = JSON.parse(fs.readFileSync(file, "utf8"));
    api.unseedAlternateContact("444444444444", "BILLING");
    try {
      const result = await drift(["--accounts", "444444444444", "--existing", "contacts/existing-contacts.json"]);
      expect(result.status).toBe(1);
      const after = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(after.accounts).toEqual({ ...before.accounts, "444444444444": ["OPERATIONS", "SECURITY", "PRIMARY"] });
      const recorded = Object.values(after.accounts as Record<string, string[]>).flat().length;
      expect(result.stderr).toContain(
        `contacts drift: updated contacts/existing-contacts.json: the contacts AWS holds in the 1 account(s) read, the entries of other accounts kept; ${recorded} contacts of ${Object.keys(after.accounts).length} accounts recorded.\n`,
      );
    } finally {
      fs.writeFileSync(file, JSON.stringify(before));
      api.seedAlternateContact("444444444444", "BILLING", CARDS.finance);
    }
  });

  test("a registry that does not load: one error under the command's headline, nothing read from AWS, exit 2", async () => {
    const dir = tempDir("contacts-drift-broken-");
    fs.mkdirSync(path.join(dir, "contacts"));
    fs.writeFileSync(path.join(dir, "contacts/registry.yaml"), 'version: 1\npeople: {}\ngroups: {}\naccounts:\n  "111": { name: x }\n');
    api.resetCalls();
    const result = await runContacts(["drift"], { cwd: dir, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) } });
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: "" });
    expect(result.stderr).toMatch(
      /^The contacts registry contacts\/registry\.yaml has 1 error; nothing was compared:\n {2}contacts\/registry\.yaml:5:3 accounts\.111: /,
    );
    expect(api.calls).toEqual([]);
  });

  test("a record --existing cannot read is exit 2 with a fix that works: delete it, then run the same command", async () => {
    const record = path.join(cwd, "broken-record.json");
    fs.writeFileSync(record, "{ not json");
    const broken = await drift(["--existing", "broken-record.json"]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/broken-record\.json is not JSON\. Fix: delete it and write it again with `contacts drift --existing broken-record\.json`/);
    expect(fs.readFileSync(record, "utf8")).toBe("{ not json");

    fs.rmSync(record);
    const followed = await drift(["--existing", "broken-record.json"]);
    expect(followed.status).toBe(1);
    expect(Object.keys(JSON.parse(fs.readFileSync(record, "utf8")).accounts).sort()).toEqual([...ACTIVE_ACCOUNTS].sort());
    expect(followed.stderr).toMatch(
      /^contacts drift: wrote broken-record\.json: the contacts AWS holds in the \d+ account\(s\) read; \d+ contacts of \d+ accounts recorded\.$/m,
    );
    fs.rmSync(record);
  });
});

describe("contacts drift judges what AWS holds with the registry's rules, people and groups", () => {
  // The example registry passes, and accounts 444444444444 and 555555555555 hold what it says.
  const driftWith = (args: string[], env: Record<string, string>) =>
    runContacts(["drift", ...args], { cwd, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url), CONTACTS_TODAY: TODAY, ...env } });

  test("in sync, and what AWS holds passes: exit 0, the policy line says so", async () => {
    const result = await driftWith(["--registry", EXAMPLE_REGISTRY, "--accounts", "444444444444,555555555555"], {});
    expect({ status: result.status, stdout: result.stdout }).toEqual({
      status: 0,
      stdout: "in sync: the contacts of 2 account(s) are as the registry says.\npolicy: what AWS holds passes the contact policy (8 contact(s) judged).\n",
    });
  });

  test("a SECURITY contact changed in the console to an unregistered address: drift, and the policy line names the rules it fails; JSON has the findings", async () => {
    api.seedAlternateContact("444444444444", "SECURITY", { ...CARDS.cloudSecurity, EmailAddress: "jane.doe@corp.example" });
    try {
      const result = await driftWith(["--registry", EXAMPLE_REGISTRY, "--accounts", "444444444444,555555555555"], {});
      expect(result.status).toBe(1);
      const lines = result.stdout.split("\n");
      expect(lines[0]).toBe("drift: 1 contact(s) on 1 of 2 account(s) read differ from the registry, from 1 cause(s).");
      expect(lines[2]).toBe("policy: what AWS holds fails the contact policy: 2 error(s) on 1 account(s) (8 contact(s) judged).");
      // Each at the account's line in the registry: no card holds these values.
      const accountLine = `${EXAMPLE_REGISTRY}:${
        fs
          .readFileSync(EXAMPLE_REGISTRY, "utf8")
          .split("\n")
          .findIndex((l) => l.includes('"444444444444"')) + 1
      }:3`;
      expect(lines.slice(3).filter(Boolean)).toEqual([
        `  error unlisted-address 444444444444 (data-platform) SECURITY email jane.doe@corp.example is not in the registry, so nobody can show it reaches anyone; "jane.doe" reads like first.last, one person's mailbox. Fix: register the address on a group in the registry with its members, or use an address that is registered. ${accountLine}`,
        `  error email-domain 444444444444 (data-platform) SECURITY email jane.doe@corp.example is in corp.example, outside the allowed domains (example.com). Fix: use an address in one of the domains listed in policy.emailDomains. ${accountLine}`,
      ]);

      const report = JSON.parse((await driftWith(["--registry", EXAMPLE_REGISTRY, "--accounts", "444444444444,555555555555", "--format", "json"], {})).stdout);
      expect(report.policy).toMatchObject({ passes: false, mode: "enforce", contactsJudged: 8, errors: 2, warnings: 0, excepted: 0 });
      expect(
        report.policy.findings.map(
          (f: { ruleId: string; accountId: string; type: string; value: string }) => `${f.ruleId} ${f.accountId} ${f.type} ${f.value}`,
        ),
      ).toEqual(["unlisted-address 444444444444 SECURITY jane.doe@corp.example", "email-domain 444444444444 SECURITY jane.doe@corp.example"]);
    } finally {
      api.seedAlternateContact("444444444444", "SECURITY", CARDS.cloudSecurity);
    }
  });

  test("in sync, but what AWS holds fails: exit 1 in enforce mode, 0 in warn mode (the line says it is not enforced)", async () => {
    // The registry contacts import wrote registers none of the addresses AWS holds.
    const accounts = ["--accounts", "444444444444,555555555555"];
    const enforced = await driftWith(accounts, { CONTACTS_POLICY_MODE: "enforce" });
    expect(enforced.status).toBe(1);
    expect(enforced.stdout.split("\n").slice(0, 2)).toEqual([
      "in sync: the contacts of 2 account(s) are as the registry says.",
      "policy: what AWS holds fails the contact policy: 14 error(s) on 2 account(s) (8 contact(s) judged).",
    ]);
    expect((await driftWith(accounts, { CONTACTS_POLICY_MODE: "warn" })).status).toBe(0);
  });
});
