import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import type { OrganizationAccount } from "../../src/model/organization";
import { formatFinding } from "../../src/reports/format-finding";
import { addContactsStacks } from "../../src/cdktf/build-app";
import { EXIT_BAD_INPUT } from "../../src/run/exit-codes";
import { runSynth } from "../../src/cdktf/synth-app";
import { localStateNotice } from "../../src/run/state-backend";
import { parseRegistry } from "../../src/registry/load-registry";
import { defaultDeployment, exampleText, exampleWith, REPO_ROOT, tempDir, TODAY } from "../support/workspace";
import { buildApp, synthesize } from "../support/synth-app";
import { EXAMPLE_ACCOUNTS, withCoverage } from "../support/organization";

const withoutAudit = () => withCoverage(exampleWith(['  "666666666666": { name: audit, ou: Security }\n', ""]));

describe("organization coverage in synthesis", () => {
  const lines = (s: ReturnType<typeof synthesize>) => s.outcome.findings.map(formatFinding);

  test("the example registry covers the example organization: coverage on, nothing reported", () => {
    const result = synthesize(withCoverage());
    expect(result.outcome.failed).toBe(false);
    expect(lines(result)).toEqual([]);
  });

  test("an ACTIVE account missing from the registry fails synthesis with a line naming it, in both reports, output withdrawn", () => {
    const result = synthesize(withoutAudit());
    expect(result.outcome.failed).toBe(true);
    expect(lines(result)).toEqual([
      'error uncovered-account 666666666666 (audit) is ACTIVE in the organization but not in the registry, so nothing sets its contacts. Fix: add "666666666666": { name: "audit" } under accounts in the registry. contacts/organization-accounts.json:53:9',
    ]);
    expect(fs.existsSync(path.join(result.outdir, "stacks/contacts/cdk.tf.json"))).toBe(false);
    const json = JSON.parse(fs.readFileSync(result.outcome.reports.json, "utf8"));
    expect(json.success).toBe(false);
    expect(json.violations).toEqual([
      expect.objectContaining({
        ruleName: "uncovered-account",
        description: "Organization account missing from the registry",
        severity: "error",
        violatingResources: [
          expect.objectContaining({
            accountId: "666666666666",
            locations: ["contacts/organization-accounts.json:53:9"],
          }),
        ],
      }),
    ]);
    const sarif = JSON.parse(fs.readFileSync(result.outcome.reports.sarif, "utf8"));
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "uncovered-account",
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "contacts/organization-accounts.json" },
            region: { startLine: 53 },
          },
        },
      ],
    });
  });

  test("app.synth() itself throws on an uncovered account, without the CLI's continue flag", () => {
    expect(() => buildApp(withoutAudit()).app.synth()).toThrow(/uncovered-account 666666666666 \(audit\)/);
  });

  test("registry accounts that are closed or not in the organization are warnings: synthesis passes and deploys them", () => {
    const text = exampleWith([
      '"666666666666": { name: audit, ou: Security }',
      '"666666666666": { name: audit, ou: Security }\n  "777777777777": { name: sandbox }',
    ]);
    const organization: OrganizationAccount[] = [
      ..."123456".split("").map((d) => ({ id: d.repeat(12), state: "ACTIVE" as const })),
      { id: "666666666666", state: "SUSPENDED" },
    ];
    const outdir = tempDir("cdktf-out-");
    const app = new App({ outdir, stackTraces: false });
    const contacts = addContactsStacks(app, {
      registry: parseRegistry("contacts/registry.yaml", text),
      settings: defaultDeployment(),
      today: TODAY,
      inputs: { organization },
    });
    app.synth();
    expect(contacts.evaluation.failed).toBe(false);
    expect(contacts.evaluation.findings.map(formatFinding)).toEqual([
      "warning stale-account 666666666666 (audit) is SUSPENDED in the organization, not ACTIVE. Fix: remove the account from the registry once it is closed for good. contacts/registry.yaml:79:3",
      "warning stale-account 777777777777 (sandbox) is not in the organization's account list. Fix: correct the account id, or remove the account from the registry. contacts/registry.yaml:80:3",
    ]);
    expect(fs.existsSync(path.join(outdir, "stacks/contacts/cdk.tf.json"))).toBe(true);
  });

  test("the registry cannot except uncovered-account: it has no contact type, and the fix is one line", () => {
    const text = withCoverage(
      exampleWith([
        "exceptions: []",
        'exceptions:\n  - { rule: uncovered-account, account: "666666666666", type: SECURITY, reason: "onboarding next sprint", expires: 2026-12-31 }',
      ]),
    );
    expect(() => parseRegistry("contacts/registry.yaml", text)).toThrow(/exceptions\.0\.rule/);
  });

  test("the registry and the accounts file it names are read from the folder synth runs in, not the process's", () => {
    const dir = tempDir("coverage-");
    fs.writeFileSync(path.join(dir, "registry.yaml"), withCoverage());
    fs.writeFileSync(path.join(dir, "organization-accounts.json"), EXAMPLE_ACCOUNTS);
    const run = runSynthIn(tempDir("cdktf-out-"), { CONTACTS_REGISTRY: "registry.yaml", CONTACTS_TODAY: TODAY }, dir);
    expect(run).toEqual({ status: 0, stderr: localStateNotice(["contacts"]) });
  });

  test("the record of existing contacts is read from that folder too, and a missing one is named as the user wrote it", () => {
    const dir = tempDir("coverage-");
    fs.writeFileSync(path.join(dir, "registry.yaml"), exampleText());
    const env = { CONTACTS_REGISTRY: "registry.yaml", CONTACTS_TODAY: TODAY, CONTACTS_IMPORT_EXISTING: "true" };
    const missing = runSynthIn(tempDir("cdktf-out-"), env, dir);
    expect(missing.status).toBe(EXIT_BAD_INPUT);
    expect(missing.stderr).toMatch(/^importExistingContacts is on, but the record of existing contacts contacts\/existing-contacts\.json /);
    expect(missing.stderr).toContain("Fix: record which contacts AWS holds with `npx contacts drift --existing contacts/existing-contacts.json`");
    fs.mkdirSync(path.join(dir, "contacts"));
    fs.writeFileSync(path.join(dir, "contacts/existing-contacts.json"), JSON.stringify({ readAt: "2026-11-23T00:00:00Z", accounts: {} }));
    expect(runSynthIn(tempDir("cdktf-out-"), env, dir)).toEqual({ status: 0, stderr: localStateNotice(["contacts"]) });
  });

  test("a record of existing contacts outside the project's repository (cdktf.json names it) is refused unread, exit 2", () => {
    const dir = tempDir("coverage-");
    fs.writeFileSync(path.join(dir, "registry.yaml"), exampleText());
    fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ context: { existingContactsFile: "../../../etc/passwd" } }));
    const env = { CONTACTS_REGISTRY: "registry.yaml", CONTACTS_TODAY: TODAY, CONTACTS_IMPORT_EXISTING: "true" };
    const run = runSynthIn(tempDir("cdktf-out-"), env, dir);
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toContain(
      "the record of existing contacts ../../../etc/passwd (cdktf.json context key existingContactsFile) is not read: it leads outside the repository",
    );
    expect(run.stderr).not.toContain("root:");
  });

  test("a bad accounts file: exit 2, one error naming the file and line, no stack trace, nothing deployable left from an earlier run, the error in the reports", () => {
    const dir = tempDir("coverage-");
    const registry = path.join(dir, "registry.yaml");
    fs.writeFileSync(registry, withCoverage());
    fs.writeFileSync(path.join(dir, "organization-accounts.json"), EXAMPLE_ACCOUNTS);
    const outdir = tempDir("cdktf-out-");
    const run = () =>
      runSynthIn(outdir, {
        CONTACTS_REGISTRY: registry,
        CONTACTS_TODAY: TODAY,
      });
    expect(run().status).toBe(0);
    expect(fs.existsSync(path.join(outdir, "stacks/contacts/cdk.tf.json"))).toBe(true);
    fs.writeFileSync(path.join(dir, "organization-accounts.json"), EXAMPLE_ACCOUNTS.replace('"Id": "444444444444"', '"Id": "44444444444"'));
    const failed = run();
    expect(failed.status).toBe(EXIT_BAD_INPUT);
    expect(failed.stderr).toBe(
      `The organization accounts file ${dir}/organization-accounts.json (organization.accountsFile at ${registry}:83:31) has 1 error; nothing was synthesized:\n` +
        `  ${dir}/organization-accounts.json:34:19 Accounts.3.Id: the account id is not 12 digits. Fix: write it with \`aws organizations list-accounts --output json > ${dir}/organization-accounts.json\`; account ids are 12 digits in quotes.\n` +
        `Reports: ${outdir}/contact-policy.json, ${outdir}/contact-policy.sarif\n`,
    );
    expect(
      fs
        .readdirSync(outdir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".tf.json") || f === "manifest.json"),
    ).toEqual([]);
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.sarif"), "utf8"));
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "registry-error",
        level: "error",
        locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ region: { startLine: 34, startColumn: 19 } }) })],
      }),
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.json"), "utf8")).success).toBe(false);
  });
});

/** runSynth in this process, as `cdktf synth` runs main.ts, with its output directory and stderr captured. */
function runSynthIn(outdir: string, env: Record<string, string>, cwd?: string) {
  const saved = {
    CDKTF_OUTDIR: process.env.CDKTF_OUTDIR,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS,
  };
  process.env.CDKTF_OUTDIR = outdir;
  let stderr = "";
  const spies = [
    jest.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true)),
    jest.spyOn(process.stdout, "write").mockImplementation(() => true),
  ];
  try {
    return { status: runSynth({ ...env, CDKTF_OUTDIR: outdir }, cwd), stderr };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

// The app process as `cdktf synth` starts it (cdktf.json's app, CDKTF_OUTDIR): the organization's accounts file read beside a
// registry named by CONTACTS_REGISTRY. What the CLI adds to a failing app (its exit, the line printed once, nothing deployable
// left) test/cdktf/cdktf-cli.test.ts runs through the real `cdktf synth`.
test("the app as `cdktf synth` runs it: a registry that lists coverage but misses one ACTIVE account fails with a line naming the account", () => {
  const dir = tempDir("coverage-cli-");
  const registry = path.join(dir, "registry.yaml");
  fs.writeFileSync(registry, withCoverage());
  const sandbox = {
    Id: "777777777777",
    Arn: "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/777777777777",
    Email: "aws+sandbox@example.com",
    Name: "sandbox",
    Status: "ACTIVE",
    State: "ACTIVE",
  };
  const accounts = JSON.parse(EXAMPLE_ACCOUNTS);
  fs.writeFileSync(path.join(dir, "organization-accounts.json"), JSON.stringify({ Accounts: [...accounts.Accounts, sandbox] }, null, 4));
  const outdir = tempDir("cdktf-cli-");
  const app = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdktf.json"), "utf8")).app as string;
  expect(app).toBe("node bin/cdktf-app.js");
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin/cdktf-app.js")], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      CONTACTS_REGISTRY: registry,
      CONTACTS_TODAY: TODAY,
      CHECKPOINT_DISABLE: "1",
      CI: "true",
      CONTACTS_LOCAL_STATE: "true",
      FORCE_COLOR: "0",
    },
  });
  expect(run.status).toBe(1);
  expect(`${run.stdout}\n${run.stderr}`).toContain(
    `error uncovered-account 777777777777 (sandbox) is ACTIVE in the organization but not in the registry, so nothing sets its contacts. Fix: add "777777777777": { name: "sandbox" } under accounts in the registry. ${dir}/organization-accounts.json:63:9`,
  );
  expect(
    fs
      .readdirSync(outdir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".tf.json") || f.endsWith("manifest.json")),
  ).toEqual([]);
  expect(JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.json"), "utf8")).violations.map((v: { ruleName: string }) => v.ruleName)).toEqual([
    "uncovered-account",
  ]);
});
