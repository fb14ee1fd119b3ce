/**
 * `contacts directory read` end to end against a real OpenLDAP server (Debian's slapd on loopback): the registry
 * names the directory and the groups whose members it holds; the command writes the snapshot synth and validate
 * judge, and a directory it cannot read completely writes nothing.
 */
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../src/cli/main";
import { CORP_PASSWORD, CORP_SUFFIX, corpLdif, corpSource } from "../support/ldap/corp-directory";
import { describeWhenAvailable } from "../support/describe-when-available";
import { slapdProblem, startSlapd, type RunningSlapd } from "../support/ldap/slapd";
import { tempDir } from "../support/workspace";

const TODAY = new Date().toISOString().slice(0, 10);
const PASSWORD = CORP_PASSWORD;
const LDIF = corpLdif({ security: ["jane", "omar", "ann"], billing: ["jane", "ann"] });

function registryText(url: string): string {
  return `version: 1
${corpSource(url)}groups:
  security: { email: aws-security@corp.example, source: corp }
  billing: { email: aws-billing@corp.example, source: corp }
  operations: { email: aws-ops@corp.example, phone: "+1 206 555 0100", members: [jane, omar], reviewed: "${TODAY}" }
people:
  jane: { name: Jane Doe, email: jane@corp.example }
  omar: { name: Omar Said, email: omar@corp.example }
contacts:
  security: { name: Security, title: Security, email: aws-security@corp.example, phone: "+1 206 555 0100" }
  billing: { name: Billing, title: Billing, email: aws-billing@corp.example, phone: "+1 206 555 0100" }
  operations: { name: Operations, title: Operations, email: aws-ops@corp.example, phone: "+1 206 555 0100" }
defaults: { security: security, billing: billing, operations: operations }
accounts:
  "222222222222": { name: payments-prod }
`;
}

async function contacts(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(args, { cwd, env: { CONTACTS_TODAY: TODAY, ...env }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

describeWhenAvailable("contacts directory read: the snapshot of who each sourced group reaches, from a real directory", slapdProblem(), () => {
  let slapd: RunningSlapd;
  let cwd: string;
  beforeAll(async () => {
    slapd = await startSlapd({ suffix: CORP_SUFFIX, rootDN: `cn=admin,${CORP_SUFFIX}`, rootPassword: "admin-secret", ldif: LDIF });
  });
  afterAll(async () => slapd?.stop());
  beforeEach(() => {
    cwd = tempDir("directory-read-");
    fs.mkdirSync(path.join(cwd, "contacts"));
    fs.writeFileSync(path.join(cwd, "contacts/registry.yaml"), registryText(slapd.url));
  });

  test("writes each sourced group's members with their state beside the registry, and says what it read", async () => {
    const run = await contacts(cwd, ["directory", "read", "--registry", "contacts/registry.yaml"], { TEST_LDAP_PASSWORD: PASSWORD });
    expect(run.stderr).not.toMatch(/Error|at /);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      "Wrote contacts/directory-snapshot.json: corp (openldap): 2 addresses, 2 groups with 5 members (2 not current), 0 users, 0 unknown.\n",
    );
    const snapshot = JSON.parse(fs.readFileSync(path.join(cwd, "contacts/directory-snapshot.json"), "utf8"));
    const security = snapshot.readings[0].resolutions.find((r: { address: string }) => r.address === "aws-security@corp.example");
    expect(security.members.map((m: { mail: string; state: string }) => `${m.mail} ${m.state}`).sort()).toEqual([
      "ann@corp.example disabled",
      "jane@corp.example current",
      "omar@corp.example current",
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(PASSWORD);
  });

  test("validate judges the snapshot: a group whose other member the directory disables fails single-recipient with the directory's reason", async () => {
    expect((await contacts(cwd, ["directory", "read", "--registry", "contacts/registry.yaml"], { TEST_LDAP_PASSWORD: PASSWORD })).status).toBe(0);
    const run = await contacts(cwd, ["validate", "contacts/registry.yaml", "--format", "json"]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    // Security reaches Jane and Omar (Ann is disabled there too); billing only Jane: the one cause.
    expect(
      report.rootCauses.map((c: { ruleName: string; types: string[]; value: string; message: string }) => `${c.ruleName} ${c.types} ${c.value}: ${c.message}`),
    ).toEqual(["single-recipient BILLING aws-billing@corp.example: reaches 1 current person (Jane Doe; Ann Lee disabled in corp), 2 required"]);
  });

  test("a bind the directory refuses is one line naming the source, exit 2, and no snapshot", async () => {
    const run = await contacts(cwd, ["directory", "read", "--registry", "contacts/registry.yaml"], { TEST_LDAP_PASSWORD: "wrong" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^contacts directory read: contacts\/registry\.yaml:3:3 directories\.corp: directory source "corp"/);
    expect(run.stderr).toMatch(/Nothing was written\.\n$/);
    expect(run.stderr).toMatch(/Fix: /);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(cwd, "contacts/directory-snapshot.json"))).toBe(false);
  });

  test("a registry without directories is told what to add; a wrong action gets the command to run", async () => {
    fs.writeFileSync(
      path.join(cwd, "contacts/registry.yaml"),
      registryText(slapd.url)
        .replace(/directories:[\s\S]*?groups:/, "groups:")
        .replace(/source: corp/g, "members: [jane, omar]"),
    );
    const none = await contacts(cwd, ["directory", "read", "--registry", "contacts/registry.yaml"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/names no directories, so there is nothing to read\. Fix: add a directories section/);
    const wrong = await contacts(cwd, ["directory", "sync"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/expected the action read, got "sync"\. Fix: contacts directory read\./);
  });
});
