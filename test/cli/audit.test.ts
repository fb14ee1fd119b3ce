/**
 * `contacts audit` end to end, as a user runs it: its own process, the real AWS SDK against the stand-in serving a
 * small organization, and a real OpenLDAP server (Debian's slapd on loopback) as the company directory. The
 * registry names only the directory: the organization does not manage its contacts as code.
 */
import * as fs from "fs";
import * as path from "path";
import { startAccountApi, type AccountApi } from "../support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "../support/aws-env";
import { CORP_GROUPS, CORP_PASSWORD, CORP_PEOPLE, CORP_SUFFIX, corpLdif, corpSource } from "../support/ldap/corp-directory";
import { describeWhenAvailable } from "../support/describe-when-available";
import { slapdProblem, startSlapd, type RunningSlapd } from "../support/ldap/slapd";
import { runContacts } from "../support/run-contacts";
import { tempDir } from "../support/workspace";

const TODAY = new Date().toISOString().slice(0, 10);
const PASSWORD = CORP_PASSWORD;
const LDIF = corpLdif({ security: ["jane", "omar"], billing: ["jane", "ann"] });

const registryText = (url: string) => `version: 1
${corpSource(url)}people:
  jane: { name: Jane Doe, email: jane@corp.example }
  omar: { name: Omar Said, email: omar@corp.example }
groups:
  hunt-group: { phone: "+1 206 555 0100", members: [jane, omar], reviewed: "${TODAY}" }
`;

const MANAGEMENT = "111111111111";
const MEMBERS = ["222222222222", "333333333333", "444444444444", "555555555555"];
const SUSPENDED = "555555555555";
const card = (email: string) => ({ Name: "Cloud team", Title: "Contact", EmailAddress: email, PhoneNumber: "+1 206 555 0100" });
const SECURITY = card("aws-security@corp.example");
const BILLING = card("aws-billing@corp.example");

/** What AWS holds: security reaches two current people everywhere; billing one (Ann is disabled); two odd operations contacts; one account lacks operations. */
const HELD: Record<string, Partial<Record<"SECURITY" | "BILLING" | "OPERATIONS", ReturnType<typeof card>>>> = {
  [MANAGEMENT]: { SECURITY, BILLING, OPERATIONS: SECURITY },
  "222222222222": { SECURITY, BILLING, OPERATIONS: card("jane@corp.example") },
  "333333333333": { SECURITY, BILLING, OPERATIONS: card("nobody@corp.example") },
  "444444444444": { SECURITY, BILLING },
  // Suspended: not judged, whatever it holds.
  [SUSPENDED]: { SECURITY: card("gone@corp.example") },
};

describeWhenAvailable("contacts audit: every account's contacts AWS holds, judged against the company directory now", slapdProblem(), () => {
  let slapd: RunningSlapd;
  let api: AccountApi;
  let cwd: string;
  beforeAll(async () => {
    slapd = await startSlapd({ suffix: CORP_SUFFIX, rootDN: `cn=admin,${CORP_SUFFIX}`, rootPassword: "admin-secret", ldif: LDIF });
    api = await startAccountApi({ managementAccountId: MANAGEMENT, memberAccountIds: MEMBERS, organization: { accountStates: { [SUSPENDED]: "SUSPENDED" } } });
    for (const [id, types] of Object.entries(HELD))
      for (const [type, contact] of Object.entries(types)) api.seedAlternateContact(id, type as "SECURITY", contact);
  });
  afterAll(async () => {
    await slapd?.stop();
    await api?.stop();
  });
  beforeEach(() => {
    cwd = tempDir("contacts-audit-");
    fs.writeFileSync(path.join(cwd, "directories.yaml"), registryText(slapd.url));
  });

  const audit = (args: string[], password = PASSWORD) =>
    runContacts(["audit", "--registry", "directories.yaml", ...args], {
      cwd,
      env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url), CONTACTS_TODAY: TODAY, TEST_LDAP_PASSWORD: password },
    });

  test("judges each ACTIVE account and type by who the address reaches in the directory: one line per root cause, one per type, exit 1", async () => {
    const run = await audit([]);
    expect(run.stderr).not.toMatch(/Error:|\n\s+at /);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((line) => /aws-billing@corp\.example/.test(line))).toHaveLength(1);
    expect(run.stdout).toMatch(/aws-billing@corp\.example.*reaches 1 current person \(Jane Doe; Ann Lee disabled in corp\), 2 required/);
    // The cause points at the directory that said so: its entry in the registry.
    expect(run.stdout).toMatch(/aws-billing@corp\.example reaches .* directories\.yaml:3:3$/m);
    expect(run.stdout).toMatch(/nobody@corp\.example is not in the registry, and directory "corp" does not know it/);
    expect(run.stdout).toMatch(/jane@corp\.example/);
    expect(run.stdout).not.toMatch(/gone@corp\.example/);
    expect(lines).toEqual(
      expect.arrayContaining([
        "BILLING: 0 of 4 account(s) reach 2 or more current people (4 too few)",
        "OPERATIONS: 1 of 4 account(s) reach 2 or more current people (2 too few, 1 no contact)",
        "SECURITY: 4 of 4 account(s) reach 2 or more current people",
      ]),
    );
  });

  test("--format json: the root causes and every contact with the people it reaches; SARIF names the rules", async () => {
    const run = await audit(["--format", "json"]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    const causes = report.rootCauses.map((c: { ruleName: string; types: string[]; value: string }) => `${c.ruleName} ${c.types} ${c.value}`).sort();
    expect(causes).toEqual([
      "missing-contact OPERATIONS undefined",
      "single-recipient BILLING aws-billing@corp.example",
      "single-recipient OPERATIONS jane@corp.example",
      "unlisted-address OPERATIONS nobody@corp.example",
    ]);
    const reached = report.contacts
      .filter((c: { accountId: string }) => c.accountId === MANAGEMENT)
      .map((c: { type: string; reaches: { email: string[] } }) => `${c.type} ${[...c.reaches.email].sort().join(" & ")}`)
      .sort();
    expect(reached).toEqual(["BILLING Jane Doe", "OPERATIONS Jane Doe & Omar Said", "SECURITY Jane Doe & Omar Said"]);
    expect(report.contacts.some((c: { accountId: string }) => c.accountId === SUSPENDED)).toBe(false);
    expect(report.audit.accountsJudged).toBe(4);
    const sarif = JSON.parse((await audit(["--format", "sarif"])).stdout);
    expect(new Set(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId))).toEqual(
      new Set(["single-recipient", "unlisted-address", "missing-contact"]),
    );
  });

  test("a phone the registry does not register fails as unlisted (the directory resolves emails only); an organization that passes exits 0", async () => {
    fs.writeFileSync(path.join(cwd, "directories.yaml"), registryText(slapd.url).replace(/groups:\n.*\n/, ""));
    const unregistered = JSON.parse((await audit(["--format", "json"])).stdout);
    expect(unregistered.rootCauses.map((c: { ruleName: string; value: string }) => `${c.ruleName} ${c.value}`)).toContain("unlisted-address +1 206 555 0100");

    // One current person is enough here, operations is not required, and nobody@ no longer stands in AWS.
    fs.writeFileSync(path.join(cwd, "directories.yaml"), `${registryText(slapd.url)}policy: { minRecipients: 1, requiredTypes: [SECURITY, BILLING] }\n`);
    api.unseedAlternateContact("333333333333", "OPERATIONS");
    try {
      const run = await audit([]);
      expect(run.stdout).toMatch(/contact policy: 0 error\(s\)/);
      expect(run.stdout).toMatch(/BILLING: 4 of 4 account\(s\) reach 1 or more current people\n/);
      expect(run.status).toBe(0);
    } finally {
      api.seedAlternateContact("333333333333", "OPERATIONS", HELD["333333333333"].OPERATIONS!);
    }
  });

  test("--evidence writes the page, CSV and Markdown: a row per account and type with who its address reaches now", async () => {
    const run = await audit(["--evidence", "out"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Evidence: out\/contact-evidence\.html, out\/contact-evidence\.csv, out\/contact-evidence\.md/);
    const csv = fs.readFileSync(path.join(cwd, "out/contact-evidence.csv"), "utf8").trim().split("\r\n");
    const header = csv[0].split(",");
    const column = (name: string) => header.indexOf(name);
    const rows = csv.slice(1).map((line) => line.split(","));
    const row = (account: string, type: string) => rows.find((r) => r[column("account_id")] === account && r[column("type")] === type);
    // The email reaches Jane (Ann is disabled); the phone, the registry's hunt group, Jane and Omar: everyone the row reaches.
    expect(row(MANAGEMENT, "BILLING")?.[column("people_reached")]).toBe("Jane Doe; Omar Said");
    expect(row(MANAGEMENT, "BILLING")?.[column("rules_not_passing")]).toBe("single-recipient: fail");
    expect(row(MANAGEMENT, "BILLING")?.[column("result")]).toBe("fail");
    expect(row("444444444444", "SECURITY")?.[column("result")]).toBe("pass");
    expect(row("333333333333", "OPERATIONS")?.[column("email")]).toBe("nobody@corp.example");
    expect(rows.some((r) => r[column("account_id")] === SUSPENDED)).toBe(false);
    expect(fs.readFileSync(path.join(cwd, "out/contact-evidence.html"), "utf8")).toContain("aws-billing@corp.example");
  });

  test("--directory-snapshot judges against the snapshot without reading the directory; one not asked about an address AWS holds stops the audit", async () => {
    const member = (uid: string, state: "current" | "disabled") => ({ id: `uid=${uid},${CORP_PEOPLE}`, mail: `${uid}@corp.example`, state });
    const reading = (resolutions: object[]) => ({
      source: "corp",
      kind: "ldap",
      dialect: "openldap",
      where: slapd.url,
      readAt: new Date().toISOString(),
      resolutions,
    });
    const groupOf = (address: string, cn: string, members: object[]) => ({ address, kind: "group", group: { id: `cn=${cn},${CORP_GROUPS}` }, members });
    const covering = [
      groupOf("aws-security@corp.example", "security", [member("jane", "current"), member("omar", "current")]),
      // The snapshot's word, not the directory's: Ann is current here, so billing reaches two.
      groupOf("aws-billing@corp.example", "billing", [member("ann", "current"), member("jane", "current")]),
      { address: "jane@corp.example", kind: "user", user: member("jane", "current") },
      { address: "nobody@corp.example", kind: "unknown" },
    ];
    const snapshot = (resolutions: object[]) => `${JSON.stringify({ format: "contacts-directory-snapshot/1", readings: [reading(resolutions)] }, null, 2)}\n`;
    fs.writeFileSync(path.join(cwd, "snapshot.json"), snapshot(covering));
    // A password the directory refuses: the audit never asks it.
    const run = await audit(["--directory-snapshot", "snapshot.json", "--format", "json"], "wrong");
    expect(run.stderr).not.toMatch(/directory source/);
    expect(run.status).toBe(1);
    const causes = JSON.parse(run.stdout).rootCauses.map((c: { ruleName: string; value?: string }) => `${c.ruleName} ${c.value}`);
    expect(causes).not.toContain("single-recipient aws-billing@corp.example");
    expect(causes).toContain("unlisted-address nobody@corp.example");

    // The directory is the fact for every address, the registry's own person jane@ too: both are missing.
    fs.writeFileSync(path.join(cwd, "snapshot.json"), snapshot(covering.slice(0, 2)));
    const partial = await audit(["--directory-snapshot", "snapshot.json"]);
    expect(partial.status).toBe(2);
    expect(partial.stdout).toBe("");
    expect(partial.stderr).toMatch(
      /snapshot\.json was not asked about 2 address\(es\) AWS holds \("jane@corp\.example", "nobody@corp\.example"\).*Fix: run contacts audit without --directory-snapshot/,
    );

    const missing = await audit(["--directory-snapshot", "no-such-snapshot.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--directory-snapshot no-such-snapshot\.json does not exist; nothing was judged\. Fix: /);
  });

  test("fail closed: a directory that refuses the bind stops the audit with one line naming the source, exit 2, nothing judged", async () => {
    const run = await audit([], "wrong");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/directory source "corp"/);
    expect(run.stderr).toMatch(/Fix: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test("an account whose contacts AWS refuses to read is named and not judged, the others are: exit 2", async () => {
    api.setFaults({ denied: { accounts: ["333333333333"] } });
    try {
      const run = await audit(["--format", "json"]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^error: could not read 1 account\(s\), 333333333333 \(AccessDeniedException: .*\); those contacts were not judged\.$/m);
      const report = JSON.parse(run.stdout);
      expect(report.contacts.some((c: { accountId: string }) => c.accountId === "333333333333")).toBe(false);
      expect(report.contacts.some((c: { accountId: string }) => c.accountId === "222222222222")).toBe(true);
      expect(report.audit.unread.map((u: { accountId: string }) => u.accountId)).toEqual(["333333333333", "333333333333", "333333333333"]);
    } finally {
      api.setFaults({ denied: undefined });
    }
  });

  test("a registry that does not load is one error naming the file, the line and the fix, exit 2, before AWS is read", async () => {
    fs.writeFileSync(path.join(cwd, "directories.yaml"), `${registryText(slapd.url)}policy: { minRecipient: 2 }\n`);
    const run = await audit([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^The contacts registry directories\.yaml has 1 error; nothing was judged:\n/);
    expect(run.stderr).toMatch(/directories\.yaml:\d+:\d+.*minRecipient/);
    expect(run.stderr).not.toMatch(/Reading the organization|\n\s+at /);
  });

  test("a registry without directories is told what to add, exit 2, before AWS is read", async () => {
    fs.writeFileSync(path.join(cwd, "directories.yaml"), "version: 1\n");
    const run = await audit([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/names no directories.*Fix: add a directories section/);
    expect(run.stderr).not.toMatch(/Reading the organization/);
  });
});
