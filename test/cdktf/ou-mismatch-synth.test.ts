import * as fs from "fs";
import * as path from "path";
import { organizationSnapshotText } from "../../src/aws/organization-snapshot-file";
import { formatFinding } from "../../src/reports/format-finding";
import { exampleText, registryFrom, synthesize, tempDir } from "../support/workspace";

/** The example registry, its organization given by a snapshot whose OU paths are the registry's, but for `moved`. */
function withSnapshot(moved: Record<string, string> = {}): string {
  const registry = registryFrom(exampleText());
  const file = path.join(tempDir("snapshot-"), "organization-accounts.json");
  const accounts = registry.accounts.map((a) => ({ id: a.id, name: a.name, state: "ACTIVE" as const, ouPath: moved[a.id] ?? a.ou ?? "" }));
  fs.writeFileSync(
    file,
    organizationSnapshotText({ organizationId: "o-exampleorg1", managementAccountId: "111111111111", readAt: "2026-11-23T06:00:00Z", accounts }),
  );
  return `${exampleText()}\norganization: { accountsFile: ${JSON.stringify(file)} }\n`;
}

describe("synthesis with an organization snapshot: every registry account's ou is checked against the real OU path", () => {
  test("the same paths: nothing reported", () => {
    const result = synthesize(withSnapshot());
    expect(result.outcome.findings.map(formatFinding)).toEqual([]);
    expect(result.outcome.failed).toBe(false);
  });

  test("an account whose registry ou differs from the snapshot fails synthesis, naming both paths at the account's registry line", () => {
    const result = synthesize(withSnapshot({ "444444444444": "Workloads/Analytics" }));
    const line =
      exampleText()
        .split("\n")
        .findIndex((l) => l.startsWith('  "444444444444":')) + 1;
    expect(result.outcome.failed).toBe(true);
    expect(result.outcome.findings.map(formatFinding)).toEqual([
      `error ou-mismatch 444444444444 (data-platform) is in "Workloads/Data" in the registry but in "Workloads/Analytics" in the organization. Fix: set ou: Workloads/Analytics for "444444444444" in the registry (or move the account in AWS Organizations). contacts/registry.yaml:${line}:3`,
    ]);
    expect(fs.existsSync(path.join(result.outdir, "stacks/contacts/cdk.tf.json"))).toBe(false);
  });
});
