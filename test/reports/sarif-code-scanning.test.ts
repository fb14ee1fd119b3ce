import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../policies/index";
import { judgeRegistry } from "../../src/engine/judge-registry";
import { evaluationOfProblems } from "../../src/engine/evaluate";
import { buildSarifReport } from "../../src/reports/sarif-report";
import { exampleText, exampleWith, registryFrom, tempDir, TODAY } from "../support/workspace";

const OPTIONS = { mode: "enforce" as const, registryFile: "contacts/registry.yaml", source: "test", toolVersion: "0.1.0" };
/** The multitool's own executable: its npm wrapper runs it through a shell, which would split `Gh;Sarif`. */
const MULTITOOL = path.join(path.dirname(require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`)), "Sarif.Multitool");

const departed = exampleWith([
  "lchen:   { name: Li Chen,      email: li.chen@example.com }",
  'lchen:   { name: Li Chen,      email: li.chen@example.com, left: "2026-11-01" }',
]);
const personal = exampleWith(["email: aws-security@example.com,    phone", "email: jane.doe@example.com,        phone"]);
const excepted = exampleWith(
  ["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"],
  [
    "exceptions: []",
    'exceptions:\n  - { rule: single-recipient, account: "222222222222", type: SECURITY, reason: "Jane covers payments (SEC-123)", expires: "2026-12-31" }\n' +
      '  - { rule: single-recipient, account: "333333333333", type: SECURITY, reason: "Jane covers payments (SEC-123)", expires: "2026-12-31" }\n' +
      '  - { rule: stale-review, account: "444444444444", type: BILLING, reason: "matches nothing, on purpose", expires: "2026-12-31" }',
  ],
);

function sarifOf(text: string, mode: "enforce" | "warn" = "enforce") {
  return buildSarifReport(judgeRegistry(registryFrom(text), { today: TODAY, rules: RULES }), { ...OPTIONS, mode });
}

describe("SARIF for GitHub code scanning", () => {
  test("Microsoft's SARIF multitool finds nothing to report, with its GitHub and SARIF rules, on every kind of result", () => {
    const dir = tempDir("sarif-");
    const reports = {
      "departed.sarif": sarifOf(departed),
      "personal.sarif": sarifOf(personal),
      "warn-mode.sarif": sarifOf(personal, "warn"),
      "excepted.sarif": sarifOf(excepted),
      "registry-error.sarif": buildSarifReport(
        evaluationOfProblems(
          [{ position: { file: "contacts/registry.yaml", line: 75, column: 90 }, path: "accounts.x", message: "unknown card", fix: "add it" }],
          TODAY,
          RULES,
        ),
        OPTIONS,
      ),
      "passing.sarif": sarifOf(exampleText()),
    };
    for (const [name, report] of Object.entries(reports)) fs.writeFileSync(path.join(dir, name), JSON.stringify(report, null, 2));
    const output = path.join(dir, "validation.sarif");
    const run = spawnSync(MULTITOOL, ["validate", "--rule-kind", "Gh;Sarif", "--output", output, ...Object.keys(reports).map((name) => path.join(dir, name))], {
      encoding: "utf8",
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    });
    expect({ status: run.status, error: run.error?.message }).toEqual({ status: 0, error: undefined });
    const validation = JSON.parse(fs.readFileSync(output, "utf8"));
    const problems = validation.runs[0].results.map((r: { ruleId: string; message: { text: string } }) => `${r.ruleId}: ${r.message.text}`);
    expect(problems).toEqual([]);
  });

  test("one result per root cause, at the line where the fix goes, the cards involved as related locations", () => {
    const sarif = sarifOf(departed);
    const results = sarif.runs[0].results;
    expect(results.map((r) => r.ruleId)).toEqual(["single-recipient", "single-recipient"]);
    const lines = departed.split("\n");
    const leftLine = lines.findIndex((l) => l.includes('"2026-11-01"')) + 1;
    expect(results.map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual([leftLine, leftLine]);
    expect(results[0].relatedLocations!.map((r) => r.physicalLocation.region.startLine)).toContain(
      lines.findIndex((l) => l.includes("[apatel, lchen, mmajor]")) + 1,
    );
    expect(results[0].properties).toMatchObject({ accounts: 6, types: ["BILLING"] });
  });

  test("a root cause every account of which is excepted is a suppressed note; a partly excepted one stays an error", () => {
    const partly = sarifOf(excepted.replace(/\n {2}- \{ rule: single-recipient, account: "333333333333".*/, "")).runs[0].results;
    expect(partly.find((r) => r.ruleId === "single-recipient")).toMatchObject({ level: "error", suppressions: undefined });
    const all = sarifOf(excepted).runs[0].results;
    expect(all.find((r) => r.ruleId === "single-recipient")).toMatchObject({
      level: "note",
      suppressions: [{ kind: "external", justification: "Jane covers payments (SEC-123) (until 2026-12-31)" }],
    });
  });

  test("every rule carries code scanning's security-severity, a precision and help in Markdown with its fix", () => {
    const rules = sarifOf(exampleText()).runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of rules) {
      expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
      expect(Number(rule.properties["security-severity"])).toBeLessThanOrEqual(10);
      expect(rule.properties.precision).toMatch(/^(very-high|high|medium|low)$/);
      expect(rule.help.markdown).toContain(`**Fix:** ${RULES.find((r) => r.id === rule.id)!.fix}`);
    }
  });

  test("URIs are relative to the git repository's root, so a project in a monorepo's subfolder annotates the right file", () => {
    const repository = tempDir("monorepo-");
    fs.mkdirSync(path.join(repository, ".git"));
    const project = path.join(repository, "infra", "contacts-project");
    fs.mkdirSync(path.join(project, "contacts"), { recursive: true });
    const sarif = buildSarifReport(judgeRegistry(registryFrom(personal), { today: TODAY, rules: RULES }), OPTIONS, project);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("infra/contacts-project/contacts/registry.yaml");
  });

  test("the fingerprint of a root cause stays when unrelated lines move or a name in its message is corrected, and differs between causes", () => {
    const before = sarifOf(departed).runs[0].results;
    const after = sarifOf(departed.replace("people:\n", "# a new comment\npeople:\n")).runs[0].results;
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    expect(new Set(before.map((r) => r.partialFingerprints["contactsRootCause/v1"])).size).toBe(2);
    // A personal address: the message names the person; the alert is the address's.
    const renamed = personal.replace("name: Jane Doe,", "name: Jane Doe-Smith,");
    const [named] = sarifOf(personal).runs[0].results;
    const [corrected] = sarifOf(renamed).runs[0].results;
    expect(corrected.message.text).toContain("Jane Doe-Smith");
    expect(corrected.partialFingerprints).toEqual(named.partialFingerprints);
  });
});
