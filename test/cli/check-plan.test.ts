import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { startAccountApi, type AccountApi } from "../support/account-api";
import { describeWithTerraform, FIXTURES_DIR, terraform, writeLocalApiOverride } from "../support/terraform";
import { exampleText, exampleWith, REPO_ROOT, tempDir, TODAY } from "../support/workspace";

const BIN = path.join(REPO_ROOT, "bin/contacts.js");
const MANAGEMENT = "111111111111";
const MEMBERS = ["222222222222", "333333333333", "444444444444"];
const TYPES = ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"];
const memberAddress = (account: string, type: string) => `module.member_contacts["${account}"].aws_account_alternate_contact.this["${type}"]`;

/** A folder as a user has it: the example registry at the default path, and the plans beside it. */
const workspace = tempDir("contacts-check-plan-");
fs.mkdirSync(path.join(workspace, "contacts"));
fs.writeFileSync(path.join(workspace, "contacts/registry.yaml"), exampleText());

/** Runs the real binary, as a pipeline does, with only the environment given here. */
function checkPlan(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, CONTACTS_TODAY: TODAY, ...env };
  for (const name of ["CONTACTS_REGISTRY", "CONTACTS_POLICY_MODE"]) if (!(name in env)) delete base[name];
  const result = spawnSync(process.execPath, [BIN, "check-plan", ...args], { cwd: workspace, env: base, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(workspace, name), text);
  return name;
}

afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe("contacts check-plan: bad input is one line and exit 2, never a stack trace", () => {
  test.each([
    ["a missing file", "missing.json", undefined, /^contacts check-plan: missing\.json does not exist\. Fix: /],
    [
      "a file that is not JSON",
      "not-json.json",
      "plan.out was here\n",
      /^contacts check-plan: not-json\.json is not JSON \(.*\)\. Fix: .*terraform show -json/,
    ],
    [
      "JSON that is not a plan",
      "not-a-plan.json",
      '{ "resources": [] }',
      /^contacts check-plan: not-a-plan\.json is not Terraform's JSON plan format: it has no format_version\./,
    ],
    [
      "Terraform's state instead of a plan",
      "state.json",
      '{ "format_version": "1.0", "values": {} }',
      /^contacts check-plan: state\.json is Terraform's JSON state .*, not a plan\./,
    ],
    [
      "an unsupported format version",
      "version-2.json",
      '{ "format_version": "2.0", "terraform_version": "2.0.0", "planned_values": {}, "resource_changes": [] }',
      /^contacts check-plan: version-2\.json has JSON plan format version "2\.0" \(written by Terraform 2\.0\.0\); contacts check-plan reads format 1\.x only\./,
    ],
    [
      "resource_changes that are not a list",
      "bad-changes.json",
      '{ "format_version": "1.2", "planned_values": {}, "resource_changes": {} }',
      /^contacts check-plan: bad-changes\.json is not Terraform's JSON plan format: resource_changes is not a list\./,
    ],
  ])("%s", (_, file, content, expected) => {
    if (content !== undefined) write(file, content);
    const result = checkPlan([file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(expected)]);
  });

  test("a wrong flag, a wrong format and two plan files are usage errors", () => {
    write("empty-plan.json", '{ "format_version": "1.2", "planned_values": {} }');
    for (const [args, message] of [
      [["--regsitry", "r.yaml", "empty-plan.json"], "contacts check-plan: Unknown option '--regsitry'. Fix: see `contacts check-plan --help`."],
      [["--format", "xml", "empty-plan.json"], "contacts check-plan: --format xml is not one of text, json, sarif. Fix: e.g. --format text."],
      [
        ["empty-plan.json", "other.json"],
        "contacts check-plan: expected one plan file, got 2. Fix: contacts check-plan plan.json (from `terraform show -json plan.out`).",
      ],
    ] as const) {
      const result = checkPlan([...args]);
      expect([result.code, result.stderr.trimEnd()]).toEqual([2, message]);
    }
  });

  test("--help names the options and the exit statuses", () => {
    const result = checkPlan(["--help"]);
    expect(result.code).toBe(0);
    for (const option of [
      "--registry <file>",
      "--format <format>",
      "--output <file>",
      "Exit status: 0 the plan passes, 1 the contact policy failed, 2 wrong usage",
    ])
      expect(result.stdout).toContain(option);
  });
});

describe("contacts check-plan on a hand-written plan document", () => {
  test("a contact the plan forgets (a removed block with destroy = false) is listed as staying in AWS, not judged", () => {
    const address = 'aws_account_alternate_contact.security["444444444444"]';
    const before = {
      account_id: "444444444444",
      alternate_contact_type: "SECURITY",
      name: "Jane",
      title: "Me",
      email_address: "jane.doe@example.com",
      phone_number: "+1 206 555 0101",
    };
    const change = {
      address,
      mode: "managed",
      type: "aws_account_alternate_contact",
      name: "security",
      index: "444444444444",
      change: { actions: ["forget"], before, after: null },
    };
    write("forget.json", JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", planned_values: {}, resource_changes: [change] }));
    const result = checkPlan(["forget.json"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toBe(
      `removed 444444444444 (data-platform) SECURITY ${address}: leaves Terraform's management and stays in AWS as it is, not judged.\n` +
        "contact policy: 0 error(s), 0 warning(s), 0 excepted, 0 contacts judged, 1 removed, in terraform plan forget.json.\n",
    );
  });
});

describeWithTerraform("contacts check-plan on plans real Terraform makes from HCL (module with for_each, count, management account)", () => {
  let api: AccountApi;
  const workdir = tempDir("contacts-check-plan-tf-");

  /** Plans with these variables and saves the JSON plan in the workspace under `name`. */
  async function plan(name: string, vars: Record<string, unknown>) {
    fs.writeFileSync(path.join(workdir, "terraform.tfvars.json"), JSON.stringify(vars));
    await terraform(["plan", `-out=${name}.out`], { cwd: workdir });
    write(`${name}.json`, (await terraform(["show", "-json", `${name}.out`], { cwd: workdir })).stdout);
  }

  beforeAll(async () => {
    api = await startAccountApi({ managementAccountId: MANAGEMENT, memberAccountIds: [...MEMBERS, "555555555555"] });
    fs.cpSync(path.join(FIXTURES_DIR, "plan-module"), workdir, { recursive: true });
    writeLocalApiOverride(workdir, api.url);
    await terraform(["init"], { cwd: workdir });
    // Creates everything; applied, so that later plans update, keep (no-op) and delete.
    await plan("compliant", { member_account_ids: MEMBERS });
    fs.copyFileSync(path.join(workdir, "compliant.out"), path.join(workspace, "compliant.out"));
    await terraform(["apply", "-auto-approve", "compliant.out"], { cwd: workdir });
    await plan("personal", { member_account_ids: MEMBERS, security_email_overrides: { "222222222222": "jane.doe@example.com" } });
    // Drops 444444444444, swaps the other two (count indexes: their primary contacts are replaced), and
    // takes one OPERATIONS email and one account id from resources not yet created.
    await plan("changes", { member_account_ids: ["333333333333", "222222222222"], unknown_operations_email_for: "333333333333" });
  }, 400_000);

  afterAll(async () => {
    await api?.stop();
    fs.rmSync(workdir, { recursive: true, force: true });
  });

  test("a compliant plan passes, judging every instance: module for_each, count and the management account without account_id", () => {
    const text = checkPlan(["compliant.json"]);
    expect([text.code, text.stderr]).toEqual([0, ""]);
    expect(text.stdout).toBe("contact policy: 0 error(s), 0 warning(s), 0 excepted, 16 contacts judged, 0 removed, in terraform plan compliant.json.\n");
    const report = JSON.parse(checkPlan(["compliant.json", "--format", "json"]).stdout);
    const judged = report.contacts.map((c: { accountId: string; type: string }) => `${c.accountId} ${c.type}`).sort();
    expect(judged).toEqual([MANAGEMENT, ...MEMBERS].flatMap((account) => TYPES.map((type) => `${account} ${type}`)).sort());
    expect(report).toMatchObject({ success: true, source: "terraform plan compliant.json", registry: "contacts/registry.yaml", removed: [] });
  });

  test("a personal address fails with one line naming the address, the account and the plan's address; no-op contacts are judged too", () => {
    const result = checkPlan(["personal.json"]);
    expect(result.code).toBe(1);
    const findings = result.stdout.split("\n").filter((line) => /^(error|warning) /.test(line));
    expect(findings).toEqual([
      `error single-recipient 222222222222 (payments-prod) SECURITY email jane.doe@example.com reaches 1 current person (Jane Doe), 2 required. Fix: point the contact at a group alias with at least two members. ${memberAddress("222222222222", "SECURITY")}`,
    ]);
    expect(result.stdout).toContain(
      "1 error(s), 0 warning(s), 0 excepted, 16 contacts judged, 0 removed, in terraform plan personal.json.\nThe plan fails the contact policy: do not apply it.",
    );
  });

  test("warn mode reports the same failure loudly and passes; a registry exception (from --registry) waives it", () => {
    const warned = checkPlan(["personal.json"], { CONTACTS_POLICY_MODE: "warn" });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(
      /^error single-recipient 222222222222 .*\n.*\nWARNING: the contact policy is in warn mode: 1 error\(s\) above were NOT enforced/,
    );
    const registry = write(
      "excepted.yaml",
      exampleWith([
        "exceptions: []",
        'exceptions:\n  - { rule: single-recipient, account: "222222222222", type: SECURITY, reason: "Jane covers payments until the alias exists (SEC-123)", expires: 2026-12-31 }',
      ]),
    );
    const excepted = checkPlan(["personal.json", "--registry", registry]);
    expect(excepted.code).toBe(0);
    expect(excepted.stdout).toMatch(
      /^excepted single-recipient 222222222222 \(payments-prod\) SECURITY email jane\.doe@example\.com .*\(excepted until 2026-12-31: Jane covers payments/m,
    );
  });

  test("values unknown until apply are unverifiable, an unknown account_id included; deleted contacts are listed and not judged", () => {
    const result = checkPlan(["changes.json"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("error "))).toEqual([
      expect.stringMatching(
        /^error unverifiable unknown SECURITY account_id \(known after apply\) is unknown until apply, so it cannot be judged\. .* aws_account_alternate_contact\.unknown_account\[0\]$/,
      ),
      expect.stringMatching(
        new RegExp(
          `^error unverifiable 333333333333 \\(payments-dev\\) OPERATIONS email \\(known after apply\\) is unknown until apply.* ${escape(memberAddress("333333333333", "OPERATIONS"))}$`,
        ),
      ),
    ]);
    expect(lines.filter((line) => line.startsWith("removed "))).toEqual([
      expect.stringMatching(
        /^removed 444444444444 \(data-platform\) PRIMARY aws_account_primary_contact\.member\[2\]: deleted by this plan, not judged \(AWS keeps/,
      ),
      ...["BILLING", "OPERATIONS", "SECURITY"].map(
        (type) => `removed 444444444444 (data-platform) ${type} ${memberAddress("444444444444", type)}: deleted by this plan, not judged.`,
      ),
    ]);
    // Not judged: no missing-contact for the account the plan removes entirely.
    expect(lines.filter((line) => !line.startsWith("removed ")).join("\n")).not.toContain("444444444444");
    expect(result.stdout).toContain("2 error(s), 0 warning(s), 0 excepted, 13 contacts judged, 4 removed");
  });

  test("a replaced contact is judged on what the plan creates, not listed as removed", () => {
    const plan = JSON.parse(fs.readFileSync(path.join(workspace, "changes.json"), "utf8"));
    const actions = (address: string) => plan.resource_changes.find((c: { address: string }) => c.address === address).change.actions;
    expect(actions("aws_account_primary_contact.member[0]")).toEqual(expect.arrayContaining(["delete", "create"]));
    const report = JSON.parse(checkPlan(["changes.json", "--format", "json"]).stdout);
    expect(
      report.contacts
        .filter((c: { type: string }) => c.type === "PRIMARY")
        .map((c: { accountId: string }) => c.accountId)
        .sort(),
    ).toEqual([MANAGEMENT, "222222222222", "333333333333"]);
    expect(report.removed.map((r: { address: string }) => r.address)).not.toContain("aws_account_primary_contact.member[0]");
  });

  test("--format json --output writes synth's audit report with the removed contacts, and still prints the lines", () => {
    const result = checkPlan(["changes.json", "--format", "json", "--output", "reports/contact-policy.json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error unverifiable /);
    const report = JSON.parse(fs.readFileSync(path.join(workspace, "reports/contact-policy.json"), "utf8"));
    expect(report).toMatchObject({
      success: false,
      mode: "enforce",
      today: TODAY,
      source: "terraform plan changes.json",
      summary: { errors: 2, contacts: 13 },
    });
    const unverifiable = report.violations.find((v: { ruleName: string }) => v.ruleName === "unverifiable");
    expect(unverifiable.violatingResources.map((r: { locations: string[] }) => r.locations)).toEqual([
      ["aws_account_alternate_contact.unknown_account[0]"],
      [memberAddress("333333333333", "OPERATIONS")],
    ]);
    expect(report.removed).toContainEqual({
      address: memberAddress("444444444444", "SECURITY"),
      removal: "delete",
      accountId: "444444444444",
      accountName: "data-platform",
      type: "SECURITY",
    });
  });

  test("--format sarif validates against the SARIF 2.1.0 schema and names the plan's resource address", () => {
    const result = checkPlan(["personal.json", "--format", "sarif"]);
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout);
    const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    delete schema.$schema;
    delete schema.id;
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false, unicodeRegExp: false }).compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "single-recipient",
        level: "error",
        locations: [expect.objectContaining({ logicalLocations: [{ fullyQualifiedName: memberAddress("222222222222", "SECURITY"), kind: "resource" }] })],
      }),
    ]);
  });

  test("the binary plan file instead of its JSON is exit 2 with the command that converts it", () => {
    const result = checkPlan(["compliant.out"]);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      "contacts check-plan: compliant.out is a binary plan file, not JSON. Fix: convert it with `terraform show -json compliant.out > plan.json` and pass plan.json.\n",
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
