import * as fs from "fs";
import { RULES } from "../../policies/index";
import * as path from "path";
import { runCli } from "../../src/cli/main";
import { formatPolicyText } from "../../src/reports/policy-text";
import { evaluationOfProblems } from "../../src/engine/evaluate";
import type { RegistryError } from "../../src/registry/errors";
import { buildSarifReport } from "../../src/reports/sarif-report";
import { exampleProject, exampleText, exampleWith, registryFrom, tempDir, TODAY } from "../support/workspace";
import { synthesize } from "../support/synth-app";

async function validate(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(["validate", ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: exampleProject(),
    env: { CONTACTS_TODAY: TODAY },
  });
  return { status, stdout, stderr };
}

function registryFile(text: string): string {
  const file = path.join(tempDir("registry-"), "registry.yaml");
  fs.writeFileSync(file, text);
  return file;
}

const personal = exampleWith(["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"]);

describe("contacts validate: synth's verdict without cdktf", () => {
  test("the example registry (found as synth finds it, through cdktf.json) passes: exit 0 and the summary line", async () => {
    expect(await validate()).toEqual({ status: 0, stdout: "contact policy: 0 error(s), 0 warning(s), 0 excepted, 24 contacts judged\n", stderr: "" });
  });

  test("a failing registry: exit 1 and the same root causes, in the same words, as synth", async () => {
    const file = registryFile(personal);
    const run = await validate(file);
    expect(run.status).toBe(1);
    const synth = synthesize(personal);
    const synthLines = formatPolicyText(synth.contacts.evaluation, { mode: "enforce", failed: true }).split("\n").slice(0, -2);
    // Synth names the registry contacts/registry.yaml; here it is the file given.
    expect(run.stdout.split("\n").slice(0, synthLines.length)).toEqual(synthLines.map((line) => line.replaceAll("contacts/registry.yaml", file)));
    expect(run.stdout).toMatch(/\nThe registry fails the contact policy: `cdktf synth` will write no Terraform configuration\.\n$/);
  });

  test("warn mode reports the errors and exits 0, as synth does", async () => {
    const run = await runCli(["validate", registryFile(personal)], {
      stdout: () => undefined,
      stderr: () => undefined,
      cwd: exampleProject(),
      env: { CONTACTS_TODAY: TODAY, CONTACTS_POLICY_MODE: "warn" },
    });
    expect(run).toBe(0);
  });

  test("a registry that does not load: exit 2, each problem at its line, and that nothing was judged", async () => {
    const file = registryFile(exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"]));
    const run = await validate(file);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      new RegExp(
        `^The contacts registry ${file} has 1 error; nothing was judged:\\n {2}${file}:75:90 accounts\\.222222222222\\.contacts\\.operations: unknown contact card "payments-sec"`,
      ),
    );
  });

  test("--format sarif on a registry that does not load: the registry-error report synth writes, then the error and exit 2", async () => {
    const file = registryFile(exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"]));
    const run = await validate(file, "--format", "sarif");
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "registry-error",
        locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ region: { startLine: 75, startColumn: 90 } }) })],
      }),
    ]);
    expect(run.stderr).toMatch(/has 1 error; nothing was judged:/);
  });

  test("--format json is the audit report synth writes", async () => {
    const run = await validate(registryFile(exampleText()), "--format", "json");
    expect(JSON.parse(run.stdout)).toMatchObject({ success: true, summary: { errors: 0, contacts: 24, accounts: 6 } });
  });

  test("more than one registry is a usage error", async () => {
    const run = await validate("a.yaml", "b.yaml");
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: "contacts validate: expected at most one registry file, got 2. Fix: contacts validate contacts/registry.yaml\n",
    });
  });

  test("a card renamed while 500 accounts still name it: a few lines, not 500, and one SARIF result with the other places related", async () => {
    const accounts = Array.from({ length: 500 }, (_, i) => `  "${String(900000000000 + i)}": { name: acct-${i}, contacts: { security: old-security } }`).join(
      "\n",
    );
    const text = exampleWith(['  "666666666666": { name: audit, ou: Security }\n', `  "666666666666": { name: audit, ou: Security }\n${accounts}\n`]);
    const run = await validate(registryFile(text));
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines.length).toBeLessThan(5);
    expect(lines[1]).toMatch(
      /unknown contact card "old-security".* The same at 499 more places: \d+:\d+ accounts\.900000000001\.contacts\.security, .* and 496 more\.$/,
    );
    const problems = (() => {
      try {
        registryFrom(text);
      } catch (error) {
        return (error as RegistryError).issues;
      }
      throw new Error("the registry loaded");
    })();
    const sarif = buildSarifReport(evaluationOfProblems(problems, TODAY, RULES), {
      mode: "enforce",
      registryFile: "contacts/registry.yaml",
      source: "test",
      toolVersion: "0",
    });
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0].relatedLocations).toHaveLength(100);
  });

  test("a hostile person's name is refused at its line, and the refusal is inert: nothing of it drives the terminal or the CI log, in any format", async () => {
    const hostileName = "Mary\u001b[2J\u0007 Major\n::error file=README.md,line=1::FAKE";
    const file = registryFile(exampleWith(["name: Mary Major,  ", `name: ${JSON.stringify(hostileName)},`]));
    for (const format of ["text", "json", "sarif"]) {
      const run = await validate(file, "--format", format);
      expect(run.status).toBe(2);
      expect(`${run.stdout}${run.stderr}`).toMatch(/people\.mmajor\.name: name has U\+001B \(a control character\) at 5/);
      // eslint-disable-next-line no-control-regex -- no raw control character may reach the log
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(`${run.stdout}${run.stderr}`.split("\n").filter((line) => line.trimStart().startsWith("::"))).toEqual([]);
    }
  });
});

describe("contacts validate: hostile registries are refused, not crashed on or passed", () => {
  test("1,000 nested [ and a symlink loop: exit 2, one error naming the file, no stack trace", async () => {
    const deep = await validate(registryFile(`version: 1\naccounts: ${"[".repeat(1000)}${"]".repeat(1000)}\n`));
    expect(deep.status).toBe(2);
    expect(deep.stderr).toMatch(/has 1 error; [^\n]*\n {2}\S+registry\.yaml:2:\d+ lists and maps nest deeper than 64 levels here/);
    expect(deep.stderr).not.toMatch(/Maximum call stack|\n\s+at /);
    const loop = path.join(tempDir("registry-"), "registry.yaml");
    fs.symlinkSync(loop, loop);
    const looped = await validate(loop);
    expect(looped.status).toBe(2);
    expect(looped.stderr).toContain("the registry path is a symbolic link that leads back to itself (a symlink loop), not a file");
  });

  test("a group at a sub-address of a person's mailbox fails as that person's own address: exit 1", async () => {
    const run = await validate(
      registryFile(
        exampleWith(
          ["email: aws-security@example.com\n", "email: jane.doe+team@example.com\n"],
          ["email: aws-security@example.com,", "email: jane.doe+team@example.com,"],
        ),
      ),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("single-recipient");
    expect(run.stdout).toContain("reaches 1 current person (Jane Doe), 2 required");
  });
});
