import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { registryWithAccounts } from "../support/registry-at-scale";
import { exampleWith, REPO_ROOT, tempDir } from "../support/workspace";

const PERSONAL = "jane.doe@example.com";
const ENV = { CONTACTS_TODAY: "2026-11-23", CHECKPOINT_DISABLE: "1", CI: "true", CONTACTS_LOCAL_STATE: "true", FORCE_COLOR: "0" };

function writeRegistry(text: string): string {
  const file = path.join(tempDir("registry-"), "registry.yaml");
  fs.writeFileSync(file, text);
  return file;
}

/** The real `cdktf synth`, as a user and the CI workflow run it (about 5 CPU seconds a run: each one here pins what no other does). */
function cdktfSynth(registryText: string, outdir: string) {
  const registry = writeRegistry(registryText);
  // An existing, empty Terraform CLI configuration: Terraform's warning about a missing one is not this tool's output.
  const cliConfig = path.join(tempDir("terraform-cli-"), "terraform.rc");
  fs.writeFileSync(cliConfig, "");
  const result = spawnSync("npx", ["cdktf", "synth", "--output", outdir], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...ENV, CONTACTS_REGISTRY: registry, TF_CLI_CONFIG_FILE: cliConfig },
  });
  return { ...result, output: `${result.stdout}\n${result.stderr}` };
}

function deployable(outdir: string): string[] {
  return fs.existsSync(outdir)
    ? fs
        .readdirSync(outdir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".tf.json") || f.endsWith("manifest.json"))
    : [];
}

describe("cdktf synth (the real CLI)", () => {
  // One folder for both runs: the passing run's output is what the failing run must not leave behind.
  let outdir: string;
  let passing: ReturnType<typeof cdktfSynth>;
  let deployableAfterPassing: string[];
  beforeAll(() => {
    outdir = tempDir("cdktf-cli-");
    passing = cdktfSynth(
      exampleWith(['"666666666666": { name: audit, ou: Security }', '"666666666666": { name: audit, ou: Security }\n  "777777777777": { name: sandbox }']),
      outdir,
    );
    deployableAfterPassing = deployable(outdir);
  });

  test("CONTACTS_REGISTRY points synth at another registry file", () => {
    expect(passing.status).toBe(0);
    expect(deployableAfterPassing.length).toBeGreaterThan(0);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/contacts/cdk.tf.json"), "utf8"));
    expect(json.resource.aws_account_alternate_contact.security.for_each).toBe("${local.security_contacts}");
    expect(Object.keys(json.locals.security_contacts)).toContain("777777777777");
  });

  test("1,000 accounts whose default SECURITY card names one person, where a passing run left its output: exit 1, under 30 lines, the root cause printed once, nothing deployable left, one SARIF result at the card's email, the JSON lists every account", () => {
    // The passing run (beforeAll) left output that must not survive this one.
    expect(deployableAfterPassing.length).toBeGreaterThan(0);
    const run = cdktfSynth(registryWithAccounts(1000, PERSONAL), outdir);
    expect(run.status).toBe(1);
    const lines = run.output.split("\n").filter((line) => line.trim() !== "");
    expect(lines.length).toBeLessThan(30);
    // The CLI repeats a failing app's output after "non-zero exit code"; each line must reach the reader once.
    expect(lines.filter((line) => line.includes("error single-recipient"))).toEqual([
      expect.stringMatching(
        /^error single-recipient email jane\.doe@example\.com reaches 1 current person \(Jane Doe\), 2 required; affects SECURITY of 1000 accounts: 100000000000 \(acct-0\), 100000000001 \(acct-1\), 100000000002 \(acct-2\) and 997 more\. Fix: point the contact at a group alias with at least two members\. \S*registry\.yaml:51:87$/,
      ),
    ]);
    expect(run.output.match(/contact policy: 1 error\(s\)/g)).toHaveLength(1);
    expect(run.output).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace for a user's mistake
    expect(deployable(outdir)).toEqual([]);

    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.sarif"), "utf8"));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "single-recipient",
      level: "error",
      locations: [{ physicalLocation: { region: { startLine: 51 } } }],
    });
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.json"), "utf8"));
    const violating = report.violations.find((v: { ruleName: string }) => v.ruleName === "single-recipient").violatingResources;
    expect(new Set(violating.map((v: { accountId: string }) => v.accountId)).size).toBe(1000);
    expect(report.rootCauses).toHaveLength(1);
    expect(report.rootCauses[0].accounts).toHaveLength(1000);
  });
});

/**
 * The app exactly as `cdktf synth` runs it (cdktf.json's app command, in the checkout, CDKTF_OUTDIR set), without the
 * CLI in between: how the CLI passes on a failing app's exit and output is pinned above.
 */
describe("the app cdktf.json names", () => {
  test("a malformed registry: exit 2, file:line:column once, the registry-error SARIF result, no Terraform output, no stack trace", () => {
    const registry = writeRegistry(exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"]));
    const outdir = tempDir("cdktf-out-");
    const [command, ...args] = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdktf.json"), "utf8")).app.split(" ");
    const run = spawnSync(command, args, {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, ...ENV, CONTACTS_REGISTRY: registry, CDKTF_OUTDIR: outdir },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).toBe(2);
    expect(output.match(/registry\.yaml:75:90 accounts\.222222222222\.contacts\.operations: unknown contact card "payments-sec"/g)).toHaveLength(1);
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.sarif"), "utf8"));
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "registry-error",
        locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ region: { startLine: 75, startColumn: 90 } }) })],
      }),
    ]);
    expect(deployable(outdir)).toEqual([]);
    expect(output).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });
});
