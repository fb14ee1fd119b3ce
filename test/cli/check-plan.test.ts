import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { startAccountApi, type AccountApi } from "../support/account-api";
import { describeWithTerraform, FIXTURES_DIR, terraform, writeLocalApiOverride } from "../support/terraform";
import { exampleWith, tempDir, TODAY } from "../support/workspace";
import { checkPlanWorkspace, findingLines } from "./check-plan-workspace";

const MANAGEMENT = "111111111111";
const MEMBERS = ["222222222222", "333333333333", "444444444444"];
const TYPES = ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"];
const memberAddress = (account: string, type: string) => `module.member_contacts["${account}"].aws_account_alternate_contact.this["${type}"]`;

const { workspace, checkPlan, checkPlanOnce, checkPlanProcess, write } = checkPlanWorkspace("contacts-check-plan-");
const at = (name: string) => path.join(workspace, name);

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
  ])("%s", async (_, file, content, expected) => {
    if (content !== undefined) write(file, content);
    const result = await checkPlan([file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(expected)]);
  });

  test("a wrong flag, a wrong format and two plan files are usage errors", async () => {
    write("empty-plan.json", '{ "format_version": "1.2", "planned_values": {} }');
    for (const [args, message] of [
      [["--regsitry", "r.yaml", "empty-plan.json"], "contacts check-plan: Unknown option '--regsitry'. Fix: see `contacts check-plan --help`."],
      [["--format", "xml", "empty-plan.json"], "contacts check-plan: --format xml is not one of text, json, sarif. Fix: e.g. --format text."],
      [
        ["empty-plan.json", "other.json"],
        "contacts check-plan: expected one plan file, got 2. Fix: contacts check-plan plan.json (from `terraform show -json plan.out`).",
      ],
      [
        ["--require-types", "security,primary", "empty-plan.json"],
        'contacts check-plan: --require-types "security,primary" names "primary", which is not an alternate contact type. Fix: a comma-separated list of billing, operations, security, or none (e.g. --require-types security).',
      ],
      [
        ["--require-types", "security,", "empty-plan.json"],
        'contacts check-plan: --require-types "security," has an empty type. Fix: a comma-separated list of billing, operations, security, or none (e.g. --require-types security).',
      ],
    ] as const) {
      const result = await checkPlan([...args]);
      expect([result.code, result.stderr.trimEnd()]).toEqual([2, message]);
    }
  });

  // The binary, not runCli: the help is what a person running `contacts check-plan --help` sees, from the process.
  test("--help names the options and the exit statuses (run as the binary)", () => {
    const result = checkPlanProcess(["--help"]);
    expect(result.code).toBe(0);
    for (const option of [
      "--registry <file>",
      "--format <format>",
      "--output <file>",
      "--require-types <types>",
      "default: the registry's policy.requiredTypes",
      "Exit status: 0 the plan passes, 1 the contact policy failed, 2 wrong usage",
    ])
      expect(result.stdout).toContain(option);
  });
});

describe("contacts check-plan on a hand-written plan document", () => {
  test("a contact the plan forgets (a removed block with destroy = false) is listed as staying in AWS, not judged", async () => {
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
    const result = await checkPlan(["forget.json"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toBe(
      `removed 444444444444 (data-platform) SECURITY ${address}: leaves Terraform's management and stays in AWS as it is, not judged.\n` +
        "contact policy: 0 error(s), 0 warning(s), 0 excepted, 0 contacts judged, 1 removed, in terraform plan forget.json.\n",
    );
  });
});

describe("contacts check-plan on a plan deleting a contact whose account it cannot determine", () => {
  test("a SECURITY contact deleted through a provider whose role ARN is a variable fails, naming the address and the provider", async () => {
    const address = 'module.member.aws_account_alternate_contact.this["SECURITY"]';
    const before = {
      account_id: null,
      alternate_contact_type: "SECURITY",
      name: "Cloud Security Team",
      title: "Security Operations",
      email_address: "aws-security@example.com",
      phone_number: "+1 206 555 0100",
    };
    const change = {
      address,
      module_address: "module.member",
      mode: "managed",
      type: "aws_account_alternate_contact",
      name: "this",
      index: "SECURITY",
      change: { actions: ["delete"], before, after: null },
    };
    // As Terraform 1.11 writes a role ARN built from a variable, and the resource block whose SECURITY key is gone.
    const configuration = {
      provider_config: {
        "aws.member": {
          name: "aws",
          full_name: "registry.terraform.io/hashicorp/aws",
          alias: "member",
          expressions: { assume_role: [{ role_arn: { references: ["var.account_id"] } }] },
        },
      },
      root_module: {
        module_calls: {
          member: {
            source: "./contacts",
            module: {
              resources: [
                {
                  address: "aws_account_alternate_contact.this",
                  mode: "managed",
                  type: "aws_account_alternate_contact",
                  name: "this",
                  provider_config_key: "aws.member",
                },
              ],
            },
          },
        },
      },
    };
    write(
      "delete-unresolved.json",
      JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", planned_values: {}, resource_changes: [change], configuration }),
    );
    const result = await checkPlan(["delete-unresolved.json"]);
    expect([result.code, result.stderr]).toEqual([1, ""]);
    expect(findingLines(result.stdout)).toEqual([
      `error unresolved-provider ${address} SECURITY is deleted by this plan, and its provider aws.member takes its account from an assume_role role_arn built from var.account_id, which the plan does not resolve to an account id: whether the account it leaves still has a SECURITY contact cannot be judged. Fix: write the provider's assume_role role_arn as a literal ARN, or set its allowed_account_ids to the one account it works in, and plan again: the deletion is then judged for that account.`,
    ]);
    expect(result.stdout).toContain(`removed SECURITY ${address}: deleted by this plan.\n`);
    expect(result.stdout).toContain("1 error(s), 0 warning(s), 0 excepted, 0 contacts judged, 1 removed");
  });
});

describe("contacts check-plan --output: written where asked, never over what it read", () => {
  const EMPTY_PLAN = '{ "format_version": "1.2", "planned_values": {}, "resource_changes": [] }\n';
  const refused = async (args: string[], expected: RegExp) => {
    const result = await checkPlan(args);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(expected)]);
  };

  test("the plan itself, under its own name, a symbolic link or a hard link, is refused and left as it was", async () => {
    write("own.json", EMPTY_PLAN);
    fs.symlinkSync("own.json", at("own-link.json"));
    fs.linkSync(at("own.json"), at("own-hard.json"));
    for (const output of ["own.json", "./own.json", "own-link.json", "own-hard.json"])
      await refused(
        ["own.json", "--output", output],
        /^contacts check-plan: --output .* is the plan this command reads.*; nothing was written\. Fix: write the report to another file\.$/,
      );
    expect(fs.readFileSync(at("own.json"), "utf8")).toBe(EMPTY_PLAN);
  });

  test("the registry it judges with is refused too", async () => {
    write("for-registry.json", EMPTY_PLAN);
    await refused(
      ["for-registry.json", "--output", "contacts/registry.yaml"],
      /^contacts check-plan: --output contacts\/registry\.yaml is the contacts registry this command reads/,
    );
    expect(fs.readFileSync(at("contacts/registry.yaml"), "utf8")).toBe(exampleWith());
  });

  test("a device, a named pipe, a folder and a link to nothing are refused; nothing is replaced", async () => {
    write("types.json", EMPTY_PLAN);
    fs.mkdirSync(at("a-folder"));
    fs.symlinkSync("missing-target.json", at("dangling.json"));
    fs.symlinkSync("/dev/null", at("device-link"));
    expect(spawnSync("mkfifo", [at("a-fifo")]).status).toBe(0);
    await refused(["types.json", "--output", "/dev/null"], /--output \/dev\/null is a device, not a file;/);
    await refused(["types.json", "--output", "device-link"], /--output device-link is a symbolic link to a device, not a file;/);
    await refused(["types.json", "--output", "a-fifo"], /--output a-fifo is a named pipe \(FIFO\), not a file;/);
    await refused(["types.json", "--output", "a-folder"], /--output a-folder is a folder, not a file;/);
    await refused(["types.json", "--output", "dangling.json"], /--output dangling\.json is a symbolic link to nothing/);
    expect(fs.lstatSync(at("dangling.json")).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(at("a-fifo")).isFIFO()).toBe(true);
  });

  test("a symbolic link to a regular file is followed: the file gets the report, the link stays; - is standard output", async () => {
    write("follow.json", EMPTY_PLAN);
    write("real-report.json", "old report\n");
    fs.symlinkSync("real-report.json", at("report-link.json"));
    expect((await checkPlan(["follow.json", "--format", "json", "--output", "report-link.json"])).code).toBe(0);
    expect(fs.lstatSync(at("report-link.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(at("real-report.json"), "utf8"))).toMatchObject({ success: true });
    const toStdout = await checkPlan(["follow.json", "--format", "json", "--output", "-"]);
    expect(toStdout.code).toBe(0);
    expect(JSON.parse(toStdout.stdout)).toMatchObject({ success: true });
    expect(fs.existsSync(at("-"))).toBe(false);
  });
});

describe("contacts check-plan on a hostile plan: nothing sensitive shown, nothing printed that acts", () => {
  test("sensitive values are (sensitive) in the lines and the SARIF file; a name with ESC and a workflow command is inert", async () => {
    const contact = {
      account_id: "222222222222",
      alternate_contact_type: "SECURITY",
      name: "Eve\u001b]8;;x\u0007\n::error file=README.md,line=1::FAKE",
      title: "Security Operations",
      email_address: "leak.me@outside.example",
      phone_number: "+1 206 555 9999",
    };
    const change = { actions: ["create"], before: null, after: contact, after_unknown: {}, after_sensitive: { email_address: true, phone_number: true } };
    const resource = { address: "aws_account_alternate_contact.s", mode: "managed", type: "aws_account_alternate_contact", name: "s", change };
    write("hostile.json", JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: [resource] }));
    const result = await checkPlan(["hostile.json", "--format", "sarif", "--output", "hostile.sarif"]);
    expect(result.code).toBe(1);
    const sarif = fs.readFileSync(at("hostile.sarif"), "utf8");
    for (const text of [result.stdout, sarif]) {
      expect(text).toContain("(sensitive)");
      for (const secret of ["leak.me", "outside.example", "555 9999"]) expect(text).not.toContain(secret);
    }
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the log
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stdout.split("\n").filter((line) => line.trimStart().startsWith("::"))).toEqual([]);
  });

  test("an account_id of 11 digits (10000000002) is an error, not a silent pass", async () => {
    const after = {
      account_id: "10000000002",
      alternate_contact_type: "SECURITY",
      name: "Cloud Security Team",
      title: "Security Operations",
      email_address: "aws-security@example.com",
      phone_number: "+1 206 555 0100",
    };
    const resource = {
      address: "aws_account_alternate_contact.s",
      mode: "managed",
      type: "aws_account_alternate_contact",
      name: "s",
      change: { actions: ["create"], before: null, after, after_unknown: {} },
    };
    write("short-id.json", JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: [resource] }));
    const result = await checkPlan(["short-id.json", "--require-types", "security"]);
    expect(result.code).toBe(1);
    expect(findingLines(result.stdout)).toContainEqual(
      expect.stringMatching(
        /^error invalid-field 10000000002 SECURITY account_id 10000000002 is not 12 digits, as if written as a number that lost its leading zeros.* e\.g\. "010000000002"/,
      ),
    );
  });
});

describeWithTerraform("contacts check-plan on plans real Terraform makes from HCL (module with for_each, count, management account, deletions)", () => {
  let api: AccountApi;
  let credentials: Record<string, string>;
  const workdir = tempDir("contacts-check-plan-tf-");

  /** Plans with these variables and saves the JSON plan in the workspace under `name`. */
  async function plan(name: string, vars: Record<string, unknown>, options: string[] = []) {
    fs.writeFileSync(path.join(workdir, "terraform.tfvars.json"), JSON.stringify(vars));
    await terraform(["plan", ...options, `-out=${name}.out`], { cwd: workdir, env: credentials });
    // The same environment as plan and apply, though show reads no credentials: the harness keeps one running provider
    // per working directory and environment, and another environment would start a second one (seconds of CPU).
    write(`${name}.json`, (await terraform(["show", "-json", `${name}.out`], { cwd: workdir, env: credentials })).stdout);
  }

  beforeAll(async () => {
    api = await startAccountApi({ managementAccountId: MANAGEMENT, memberAccountIds: [...MEMBERS, "555555555555"] });
    fs.cpSync(path.join(FIXTURES_DIR, "plan-module"), workdir, { recursive: true });
    credentials = keysToEnvironment(writeLocalApiOverride(workdir, api.url));
    await terraform(["init"], { cwd: workdir });
    // Creates everything; applied, so that later plans update, keep (no-op) and delete.
    await plan("compliant", { member_account_ids: MEMBERS });
    fs.copyFileSync(path.join(workdir, "compliant.out"), path.join(workspace, "compliant.out"));
    await terraform(["apply", "-auto-approve", "compliant.out"], { cwd: workdir, env: credentials });
    await plan("personal", { member_account_ids: MEMBERS, security_email_overrides: { "222222222222": "jane.doe@example.com" } });
    // Deletes every member's SECURITY contact, and 444444444444 with all its contacts along with its
    // aws_organizations_account; swaps the other two (count indexes: their primary contacts are replaced);
    // takes one OPERATIONS email and one account id from resources not yet created.
    addOrganizationAccountToState(workdir, "444444444444", "data-platform");
    await plan(
      "changes",
      { member_account_ids: ["333333333333", "222222222222"], unknown_operations_email_for: "333333333333", without_member_security: true },
      // Without refresh, which would read the account from AWS Organizations: the stand-in answers only its reads of the tree.
      ["-refresh=false"],
    );
  });

  afterAll(async () => {
    await api?.stop();
  });

  test("a compliant plan passes, judging every instance: module for_each, count and the management account without account_id", async () => {
    const text = await checkPlan(["compliant.json"]);
    expect([text.code, text.stderr]).toEqual([0, ""]);
    expect(text.stdout).toBe("contact policy: 0 error(s), 0 warning(s), 0 excepted, 16 contacts judged, 0 removed, in terraform plan compliant.json.\n");
    const report = JSON.parse((await checkPlan(["compliant.json", "--format", "json"])).stdout);
    const judged = report.contacts.map((c: { accountId: string; type: string }) => `${c.accountId} ${c.type}`).sort();
    expect(judged).toEqual([MANAGEMENT, ...MEMBERS].flatMap((account) => TYPES.map((type) => `${account} ${type}`)).sort());
    expect(report).toMatchObject({ success: true, source: "terraform plan compliant.json", registry: "contacts/registry.yaml", removed: [] });
  });

  // The binary, not runCli: a pipeline stops on the process's exit status 1, so one full run on a real plan pins it and the output.
  test("a personal address fails with one line naming the address, the account and the plan's address; no-op contacts are judged too (run as the binary, exit status 1)", () => {
    const result = checkPlanProcess(["personal.json"]);
    expect(result.code).toBe(1);
    expect(findingLines(result.stdout)).toEqual([
      `error single-recipient 222222222222 (payments-prod) SECURITY email jane.doe@example.com reaches 1 current person (Jane Doe), 2 required. Fix: point the contact at a group alias with at least two members. ${memberAddress("222222222222", "SECURITY")}`,
    ]);
    expect(result.stdout).toContain(
      "1 error(s), 0 warning(s), 0 excepted, 16 contacts judged, 0 removed, in terraform plan personal.json.\nThe plan fails the contact policy: do not apply it.",
    );
  });

  test("warn mode reports the same failure loudly and passes; a registry exception waives it, and only the plan's accounts' exceptions are judged", async () => {
    const warned = await checkPlan(["personal.json"], { CONTACTS_POLICY_MODE: "warn" });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(
      /^error single-recipient 222222222222 .*\n.*\nWARNING: the contact policy is in warn mode: 1 error\(s\) above were NOT enforced/,
    );
    const exception = (account: string, rule = "single-recipient") =>
      `  - { rule: ${rule}, account: "${account}", type: SECURITY, reason: "Jane covers payments until the alias exists (SEC-123)", expires: 2026-12-31 }`;
    const registry = write(
      "excepted.yaml",
      // 555555555555 is in no contact of the plan: its exception is another workspace's business.
      exampleWith(["exceptions: []", ["exceptions:", exception("222222222222"), exception("333333333333"), exception("555555555555")].join("\n")]),
    );
    const excepted = await checkPlan(["personal.json", "--registry", registry]);
    expect(excepted.code).toBe(0);
    expect(findingLines(excepted.stdout)).toEqual([
      expect.stringMatching(
        /^excepted single-recipient 222222222222 \(payments-prod\) SECURITY email jane\.doe@example\.com .*\(excepted until 2026-12-31: Jane covers payments/,
      ),
      expect.stringMatching(/^warning unused-exception 333333333333 SECURITY exception for single-recipient matches no finding\. /),
    ]);
  });

  test("a plan deleting SECURITY contacts fails naming the accounts, on one line with the fix in the Terraform code; an account leaving the organization needs none", async () => {
    const result = await checkPlanOnce(["changes.json"]);
    expect(result.code).toBe(1);
    expect(findingLines(result.stdout)).toContain(
      'error missing-contact loses its SECURITY contact: this plan deletes it and sets none in its place; affects SECURITY of 2 accounts: 333333333333 (payments-dev), 222222222222 (payments-prod). Fix: keep the resource; to hand the contact to other Terraform code, replace its resource block with a removed block (from = its address, lifecycle { destroy = false }; Terraform 1.7 or later), which forgets the contact and leaves it in AWS; or set an aws_account_alternate_contact with alternate_contact_type = "SECURITY" for the account in its place (or leave SECURITY out of --require-types if another workspace manages it). contacts/registry.yaml:76:3 (also contacts/registry.yaml:75:3)',
    );
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("removed "))).toEqual([
      "removed 444444444444 (data-platform) PRIMARY aws_account_primary_contact.member[2]: deleted by this plan, which leaves it in AWS (AWS keeps every account's primary contact: the provider only drops it from state).",
      `removed SECURITY of 2 accounts, 222222222222 (payments-prod), 333333333333 (payments-dev): deleted by this plan (${memberAddress("222222222222", "SECURITY")} and 1 more).`,
      ...["BILLING", "OPERATIONS", "SECURITY"].map(
        (type) =>
          `removed 444444444444 (data-platform) ${type} ${memberAddress("444444444444", type)}: deleted with the account, which this plan removes from the organization.`,
      ),
    ]);
    expect(findingLines(result.stdout).join("\n")).not.toContain("444444444444");
    // A workspace that manages only BILLING and OPERATIONS says so, and the deletions no longer fail.
    const narrowed = await checkPlan(["changes.json", "--require-types", "Billing,OPERATIONS"]);
    expect(findingLines(narrowed.stdout).map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(["error unverifiable", "warning unknown-account"]);
  });

  test("an unknown email is unverifiable; an account_id known only after apply is a warning, the contact's values judged", async () => {
    const lines = findingLines((await checkPlanOnce(["changes.json"])).stdout);
    expect(lines).toContain(
      `error unverifiable 333333333333 (payments-dev) OPERATIONS email (known after apply) is unknown until apply, so it cannot be judged. Fix: write the value as literal text in the registry (or the resource), not as an expression. ${memberAddress("333333333333", "OPERATIONS")}`,
    );
    expect(lines).toContain(
      "warning unknown-account terraform_data.account_ref[0] has an account_id known only after apply: its contacts' values were judged; the account itself is judged on the next plan, once it exists. Fix: nothing to change now: plan again after the apply, and the account is judged by its id.",
    );
    expect((await checkPlanOnce(["changes.json"])).stdout).toContain(
      "2 error(s), 1 warning(s), 0 excepted (4 findings on 3 accounts), 11 contacts judged, 6 removed",
    );
  });

  test("a replaced contact is judged on what the plan creates, not listed as removed", async () => {
    const plan = JSON.parse(fs.readFileSync(path.join(workspace, "changes.json"), "utf8"));
    const actions = (address: string) => plan.resource_changes.find((c: { address: string }) => c.address === address).change.actions;
    expect(actions("aws_account_primary_contact.member[0]")).toEqual(expect.arrayContaining(["delete", "create"]));
    const report = JSON.parse((await checkPlan(["changes.json", "--format", "json"])).stdout);
    expect(
      report.contacts
        .filter((c: { type: string }) => c.type === "PRIMARY")
        .map((c: { accountId: string }) => c.accountId)
        .sort(),
    ).toEqual([MANAGEMENT, "222222222222", "333333333333"]);
    expect(report.removed.map((r: { address: string }) => r.address)).not.toContain("aws_account_primary_contact.member[0]");
  });

  test("--format json --output writes synth's audit report with the removed contacts, and still prints the lines", async () => {
    const result = await checkPlan(["changes.json", "--format", "json", "--output", "reports/contact-policy.json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error unverifiable /);
    const report = JSON.parse(fs.readFileSync(path.join(workspace, "reports/contact-policy.json"), "utf8"));
    expect(report).toMatchObject({
      success: false,
      mode: "enforce",
      today: TODAY,
      source: "terraform plan changes.json",
      summary: { errors: 3, warnings: 1, contacts: 11 },
    });
    const violations = (rule: string) => report.violations.find((v: { ruleName: string }) => v.ruleName === rule).violatingResources;
    expect(violations("unverifiable").map((r: { locations: string[] }) => r.locations)).toEqual([[memberAddress("333333333333", "OPERATIONS")]]);
    expect(violations("missing-contact").map((r: { accountId: string; type: string }) => `${r.accountId} ${r.type}`)).toEqual([
      "333333333333 SECURITY",
      "222222222222 SECURITY",
    ]);
    expect(report.removed).toContainEqual({
      address: memberAddress("444444444444", "SECURITY"),
      removal: "delete",
      accountId: "444444444444",
      accountName: "data-platform",
      type: "SECURITY",
      withAccount: true,
    });
  });

  test("--format sarif validates against the SARIF 2.1.0 schema and names the plan's resource address", async () => {
    const result = await checkPlan(["personal.json", "--format", "sarif"]);
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

  // The binary, not runCli: that bad input is exit status 2 and one line on the process's stderr, no stack trace, is the binary's own.
  test("the binary plan file instead of its JSON is exit 2 with the command that converts it (run as the binary: one line, no stack trace)", () => {
    const result = checkPlanProcess(["compliant.out"]);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      "contacts check-plan: compliant.out is a binary plan file, not JSON. Fix: convert it with `terraform show -json compliant.out > plan.json` and pass plan.json.\n",
    );
  });
});

/**
 * Moves the keys the harness's override gives the provider into the environment, where a pipeline's
 * credentials are: a provider configured with keys of its own may work in any account, and check-plan
 * does not take its contacts for the management account's. Returns the environment for plan and apply.
 */
function keysToEnvironment(overrideFile: string): Record<string, string> {
  const override = JSON.parse(fs.readFileSync(overrideFile, "utf8"));
  const [provider] = override.provider.aws;
  const environment = { AWS_ACCESS_KEY_ID: provider.access_key, AWS_SECRET_ACCESS_KEY: provider.secret_key };
  for (const configuration of override.provider.aws) {
    delete configuration.access_key;
    delete configuration.secret_key;
  }
  fs.writeFileSync(overrideFile, JSON.stringify(override, null, 2));
  return environment;
}

/**
 * An account this workspace created earlier, in the state as the provider records one (schema version 0).
 * The stand-in has no CreateAccount, so the account is written into the state: a plan that removes it
 * then runs without refresh.
 */
function addOrganizationAccountToState(dir: string, id: string, name: string) {
  const file = path.join(dir, "terraform.tfstate");
  const state = JSON.parse(fs.readFileSync(file, "utf8"));
  state.serial += 1;
  state.resources.push({
    mode: "managed",
    type: "aws_organizations_account",
    name: name.replace(/-/g, "_"),
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [
      {
        schema_version: 0,
        attributes: {
          id,
          name,
          email: `aws-${name}@example.com`,
          arn: `arn:aws:organizations::${MANAGEMENT}:account/o-example/${id}`,
          close_on_deletion: false,
          create_govcloud: false,
          tags: null,
          tags_all: {},
        },
      },
    ],
  });
  fs.writeFileSync(file, JSON.stringify(state));
}
