import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_POLICY_FAILED } from "../../src/run/exit-codes";
import { GitRepo } from "../support/git-repo";
import { exampleText, exampleWith, REPO_ROOT, tempDir, TODAY } from "../support/workspace";

const EXAMPLE_RULE = path.join(REPO_ROOT, "examples/rules/prod-security-domain.mjs");
const RULE_ID = "acme/prod-security-domain";
const FINDING =
  "error acme/prod-security-domain 222222222222 (payments-prod) SECURITY email payments-sec@example.com is a production account's SECURITY contact outside security.example.com. Fix: set the account's security card to an address @security.example.com. contacts/registry.yaml:54:87";
const EXCEPTION = `exceptions:\n  - { rule: ${RULE_ID}, account: "222222222222", type: security, reason: "Payments security moves to the team's domain (SEC-9)", expires: "2026-12-31" }`;

/** A project as a team has it: cdktf.json naming its rule modules, the registry at the default path, the modules beside it. */
function project(registry = exampleText(), modules: Record<string, string> = { "rules/prod-security-domain.mjs": fs.readFileSync(EXAMPLE_RULE, "utf8") }) {
  const dir = tempDir("custom-rules-");
  fs.mkdirSync(path.join(dir, "contacts"));
  fs.writeFileSync(path.join(dir, "contacts/registry.yaml"), registry);
  for (const [file, text] of Object.entries(modules)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const names = Object.keys(modules).map((file) => `./${file}`);
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ app: "node bin/cdktf-app.js", context: { contactsRules: names } }));
  return dir;
}

/**
 * The environment of a pipeline that never applies: today fixed, local state allowed (synth refuses it
 * under CI otherwise), nothing else of the machine's that the tool reads.
 */
function pipelineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CONTACTS_TODAY: TODAY, CONTACTS_LOCAL_STATE: "true", ...extra };
  for (const name of ["CONTACTS_REGISTRY", "CONTACTS_POLICY_MODE", "CDKTF_CONTEXT_JSON", "CDKTF_OUTDIR"]) if (!(name in extra)) delete env[name];
  return env;
}

/**
 * The real `contacts` binary, run in the project: a rule module loads through Node's own loader, which jest's
 * module system would stand in for in-process.
 */
async function contacts(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin/contacts.js"), ...args], { cwd, env: pipelineEnv(), encoding: "utf8", timeout: 300_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A rule module whose one rule is the example's with `change` applied: a broken rule, as a team might write one. */
function ruleModule(change: string): string {
  return `${fs.readFileSync(EXAMPLE_RULE, "utf8")}\n${change}\n`;
}

describe("a team's own rules (cdktf.json contactsRules): the example rule, end to end", () => {
  test("validate: the example rule fails payments-prod's SECURITY contact, at its registry line, exit 1", async () => {
    const run = await contacts(project(), "validate");
    expect(run.status).toBe(EXIT_POLICY_FAILED);
    expect(run.stdout.split("\n")[0]).toBe(FINDING);
  });

  test("validate --format json and sarif: the rule with its id, title, fix, severity and security severity", async () => {
    const dir = project();
    const json = JSON.parse((await contacts(dir, "validate", "--format", "json")).stdout);
    expect(json.violations).toEqual([
      expect.objectContaining({
        ruleName: RULE_ID,
        description: "Production SECURITY contact off the security team's domain",
        fix: "set the account's security card to an address @security.example.com",
        severity: "error",
        controls: ["CIS AWS Foundations 1.2"],
      }),
    ]);
    const sarif = JSON.parse((await contacts(dir, "validate", "--format", "sarif")).stdout);
    const rules = sarif.runs[0].tool.driver.rules;
    const index = rules.findIndex((rule: { id: string }) => rule.id === RULE_ID);
    expect(rules[index]).toMatchObject({
      name: "AcmeProdSecurityDomain",
      shortDescription: { text: "Production SECURITY contact off the security team's domain" },
      help: { text: "Fix: set the account's security card to an address @security.example.com." },
      defaultConfiguration: { level: "error" },
      properties: { "security-severity": "7.0" },
    });
    expect(sarif.runs[0].results).toEqual([expect.objectContaining({ ruleId: RULE_ID, ruleIndex: index, level: "error" })]);
  });

  test("an exception waives the rule like a built-in's: reported as excepted, exit 0", async () => {
    const run = await contacts(project(exampleWith(["exceptions: []", EXCEPTION])), "validate");
    expect(run.stdout).toContain(`excepted ${RULE_ID} 222222222222 (payments-prod) SECURITY`);
    expect(run.status).toBe(EXIT_OK);
  });

  test("cdktf synth (the app cdktf.json runs) fails on the rule and writes no configuration", () => {
    const dir = project();
    const outdir = path.join(dir, "cdktf.out");
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin/cdktf-app.js")], {
      cwd: dir,
      env: pipelineEnv({ CDKTF_OUTDIR: outdir }),
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(run.stderr.split("\n")[0]).toBe(FINDING);
    expect(run.status).toBe(EXIT_POLICY_FAILED);
    expect(fs.existsSync(path.join(outdir, "stacks/contacts/cdk.tf.json"))).toBe(false);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.json"), "utf8"));
    expect(report.violations.map((violation: { ruleName: string }) => violation.ruleName)).toEqual([RULE_ID]);
  });

  test("check-plan judges a plan's contacts with the rule too", async () => {
    const dir = project();
    const contact = {
      account_id: "222222222222",
      alternate_contact_type: "SECURITY",
      name: "Payments Security",
      title: "Security Operations",
      email_address: "payments-sec@example.com",
      phone_number: "+1 206 555 0130",
    };
    const change = {
      address: "aws_account_alternate_contact.payments_security",
      mode: "managed",
      type: "aws_account_alternate_contact",
      name: "payments_security",
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: { actions: ["create"], before: null, after: contact, after_unknown: {} },
    };
    fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: [change] }));
    const run = await contacts(dir, "check-plan", "--format", "json", "plan.json");
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).violations.map((violation: { ruleName: string }) => violation.ruleName)).toContain(RULE_ID);
    expect(run.status).toBe(EXIT_POLICY_FAILED);
  });

  test("review judges both sides with the checkout's rules and loads no module a revision's cdktf.json names", async () => {
    const marker = path.join(tempDir("marker-"), "ran");
    const repo = new GitRepo()
      .write("contacts/registry.yaml", exampleWith(["name: payments-prod,", "name: payments-production,"]))
      .write("rules/prod-security-domain.mjs", fs.readFileSync(EXAMPLE_RULE, "utf8"))
      .write("rules/base-only.mjs", `import * as fs from "node:fs";\nfs.writeFileSync(${JSON.stringify(marker)}, "");\nexport const rules = [];\n`)
      .write("cdktf.json", JSON.stringify({ context: { contactsRules: ["./rules/base-only.mjs"] } }))
      .commit("base")
      .write("contacts/registry.yaml", exampleText())
      .write("cdktf.json", JSON.stringify({ context: { contactsRules: ["./rules/prod-security-domain.mjs"] } }))
      .commit("rename payments-production to payments-prod");
    const run = await contacts(repo.dir, "review", "--base", "HEAD~1", "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(RULE_ID);
    expect(run.status).toBe(EXIT_POLICY_FAILED);
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe("a broken rule of a team's own is a clear error naming the module and the rule, exit 2, never a pass", () => {
  test.each([
    [
      "a check that throws",
      'prodSecurityDomain.check = () => { throw new Error("boom"); };',
      /^contact rule acme\/prod-security-domain \(\.\/rules\/prod-security-domain\.mjs, cdktf\.json contactsRules\) threw boom\. Fix: /,
    ],
    [
      "a check that returns no list",
      "prodSecurityDomain.check = () => ({});",
      /acme\/prod-security-domain \(\.\/rules\/prod-security-domain\.mjs.*\) returned object, not a list\./,
    ],
    [
      "a result without a message",
      'prodSecurityDomain.check = () => [{ field: "email" }];',
      /acme\/prod-security-domain .* returned a result \[0\] without a message\./,
    ],
    ["a rule without a fix", "delete prodSecurityDomain.fix;", /acme\/prod-security-domain \(\.\/rules\/prod-security-domain\.mjs.*\) has no fix\./],
    [
      "a built-in's id",
      'prodSecurityDomain.id = "single-recipient";',
      /rules\[0\] \(\.\/rules\/prod-security-domain\.mjs.*\) has the id "single-recipient", not one of the form <namespace>\/<name>\./,
    ],
  ])("%s", async (_what, change, message) => {
    const run = await contacts(project(exampleText(), { "rules/prod-security-domain.mjs": ruleModule(change) }), "validate");
    expect(run).toEqual({ status: EXIT_BAD_INPUT, stdout: "", stderr: expect.stringMatching(message) });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test("two modules with one id: the second is refused, naming both", async () => {
    const text = fs.readFileSync(EXAMPLE_RULE, "utf8");
    const run = await contacts(project(exampleText(), { "rules/a.mjs": text, "rules/b.mjs": text }), "validate");
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toMatch(
      /^contact rule acme\/prod-security-domain \(\.\/rules\/b\.mjs, cdktf\.json contactsRules\) has the same id as a rule of \.\/rules\/a\.mjs\./,
    );
  });

  test("a module that does not load, or exports no rules", async () => {
    const dir = project(exampleText(), { "rules/empty.mjs": "export const rules = [];\n" });
    expect((await contacts(dir, "validate")).stderr).toMatch(/^contact rules \.\/rules\/empty\.mjs exports no rules\. Fix: /);
    fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ context: { contactsRules: ["./rules/missing.mjs"] } }));
    const run = await contacts(dir, "validate");
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toMatch(/^contact rules \.\/rules\/missing\.mjs \(cdktf\.json contactsRules\) could not be loaded: Cannot find module/);
  });
});
