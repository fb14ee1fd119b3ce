import * as fs from "fs";
import * as path from "path";
import { organizationSnapshotText } from "../../src/registry/organization-snapshot-file";
import { formatFinding } from "../../src/reports/format-finding";
import { App } from "cdktf";
import { addContactsStacks } from "../../src/cdktf/build-app";
import { synthesizeWithPolicy } from "../../src/cdktf/synthesize";
import { defaultDeployment, exampleText, registryFrom, tempDir, TODAY } from "../support/workspace";
import { asUnderCdktfCli } from "../support/synth-app";

/**
 * Synthesizes the example registry, kept in a folder of its own beside its organization snapshot (a file
 * the registry names must be inside its folder's repository), whose OU paths are the registry's but for `moved`.
 */
function synthesizeWithSnapshot(moved: Record<string, string> = {}) {
  const dir = fs.realpathSync(tempDir("snapshot-"));
  const example = registryFrom(exampleText());
  const accounts = example.accounts.map((a) => ({ id: a.id, name: a.name, state: "ACTIVE" as const, ouPath: moved[a.id] ?? a.ou ?? "" }));
  fs.writeFileSync(
    path.join(dir, "organization-accounts.json"),
    organizationSnapshotText({ organizationId: "o-exampleorg1", managementAccountId: "111111111111", readAt: "2026-11-23T06:00:00Z", accounts }),
  );
  const file = path.join(dir, "registry.yaml");
  const registry = registryFrom(`${exampleText()}\norganization: { accountsFile: organization-accounts.json }\n`, file);
  const outdir = tempDir("cdktf-out-");
  const outcome = asUnderCdktfCli(() => {
    const app = new App({ outdir, stackTraces: false });
    return synthesizeWithPolicy(app, addContactsStacks(app, { registry, settings: defaultDeployment(), today: TODAY }), {
      registryFile: file,
      source: "test",
      toolVersion: "test",
    });
  });
  return { outcome, outdir, file };
}

describe("synthesis with an organization snapshot: every registry account's ou is checked against the real OU path", () => {
  test("the same paths: nothing reported", () => {
    const result = synthesizeWithSnapshot();
    expect(result.outcome.findings.map(formatFinding)).toEqual([]);
    expect(result.outcome.failed).toBe(false);
  });

  test("an account whose registry ou differs from the snapshot fails synthesis, naming both paths at the account's registry line", () => {
    const result = synthesizeWithSnapshot({ "444444444444": "Workloads/Analytics" });
    const line =
      exampleText()
        .split("\n")
        .findIndex((l) => l.startsWith('  "444444444444":')) + 1;
    expect(result.outcome.failed).toBe(true);
    expect(result.outcome.findings.map(formatFinding)).toEqual([
      `error ou-mismatch 444444444444 (data-platform) is in "Workloads/Data" in the registry but in "Workloads/Analytics" in the organization. Fix: set ou: Workloads/Analytics for "444444444444" in the registry (or move the account in AWS Organizations). ${result.file}:${line}:3`,
    ]);
    expect(fs.existsSync(path.join(result.outdir, "stacks/contacts/cdk.tf.json"))).toBe(false);
  });
});
