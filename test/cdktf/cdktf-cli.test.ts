import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { exampleText, exampleWith, REPO_ROOT, tempDir } from "../support/workspace";

/** The real `cdktf synth`, as a user and the CI workflow run it. */
function cdktfSynth(registryText: string, outdir = tempDir("cdktf-cli-")) {
  const registry = path.join(tempDir("registry-"), "registry.yaml");
  fs.writeFileSync(registry, registryText);
  const result = spawnSync("npx", ["cdktf", "synth", "--output", outdir], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      CONTACTS_REGISTRY: registry,
      CONTACTS_TODAY: "2026-11-23",
      CHECKPOINT_DISABLE: "1",
      CI: "true",
      CONTACTS_LOCAL_STATE: "true",
      FORCE_COLOR: "0",
    },
  });
  return { ...result, outdir, registry, output: `${result.stdout}\n${result.stderr}` };
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
  test("CONTACTS_REGISTRY points synth at another registry file", () => {
    const run = cdktfSynth(
      exampleWith(['"666666666666": { name: audit, ou: Security }', '"666666666666": { name: audit, ou: Security }\n  "777777777777": { name: sandbox }']),
    );
    expect(run.status).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(run.outdir, "stacks/contacts/cdk.tf.json"), "utf8"));
    expect(json.resource.aws_account_alternate_contact.security.for_each).toBe("${local.security_contacts}");
    expect(Object.keys(json.locals.security_contacts)).toContain("777777777777");
  });

  test("a registry that fails the policy: exit 1, one line per root cause printed once, nothing deployable left, reports written", () => {
    const outdir = tempDir("cdktf-cli-");
    // An earlier, passing run leaves output that must not survive the failing one.
    expect(cdktfSynth(exampleText(), outdir).status).toBe(0);
    expect(deployable(outdir).length).toBeGreaterThan(0);
    const run = cdktfSynth(exampleWith(["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"]), outdir);
    expect(run.status).toBe(1);
    const line =
      /error single-recipient email jane\.doe@example\.com reaches 1 current person \(Jane Doe\), 2 required; affects SECURITY of 2 accounts: 222222222222 \(payments-prod\), 333333333333 \(payments-dev\)\. Fix: point the contact at a group alias with at least two members\. .*registry\.yaml:54:87/g;
    // The CLI repeats a failing app's output after "non-zero exit code"; each line must reach the reader once.
    expect(run.output.match(line)).toHaveLength(1);
    expect(run.output.match(/contact policy: 1 error\(s\)/g)).toHaveLength(1);
    expect(deployable(outdir)).toEqual([]);
    expect(fs.readdirSync(outdir).sort()).toEqual(expect.arrayContaining(["contact-policy.json", "contact-policy.sarif"]));
    expect(run.output).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace for a user's mistake
  });

  test("a malformed registry: non-zero exit, file:line:column, no Terraform output", () => {
    const run = cdktfSynth(exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"]));
    expect(run.status).not.toBe(0);
    expect(run.output.match(/registry\.yaml:75:90 accounts\.222222222222\.contacts\.operations: unknown contact card "payments-sec"/g)).toHaveLength(1);
    const sarif = JSON.parse(fs.readFileSync(path.join(run.outdir, "contact-policy.sarif"), "utf8"));
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "registry-error",
        locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ region: { startLine: 75, startColumn: 90 } }) })],
      }),
    ]);
    expect(deployable(run.outdir)).toEqual([]);
    expect(run.output).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });
});
