import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../src/cli/main";
import { REPO_ROOT, tempDir, TODAY } from "../support/workspace";
import { synthesize } from "../support/synth-app";

/** The YAML block of docs/registry.md's "Or write a registry from nothing": what a newcomer copies. */
function quickstartRegistry(): string {
  const page = fs.readFileSync(path.join(REPO_ROOT, "docs/registry.md"), "utf8");
  const heading = page.indexOf("## Or write a registry from nothing");
  if (heading === -1) throw new Error('docs/registry.md has no section "Or write a registry from nothing"');
  const block = /```yaml\n([^]*?)```/.exec(page.slice(heading));
  if (!block) throw new Error("docs/registry.md's quickstart has no yaml block");
  return block[1];
}

describe("the quickstart registry of docs/registry.md, written from nothing", () => {
  test("passes contacts validate", async () => {
    const file = path.join(tempDir("quickstart-"), "registry.yaml");
    fs.writeFileSync(file, quickstartRegistry());
    let stdout = "";
    const status = await runCli(["validate", file], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stdout += t),
      cwd: path.dirname(file),
      env: { CONTACTS_TODAY: TODAY },
    });
    expect({ status, stdout }).toEqual({ status: 0, stdout: "contact policy: 0 error(s), 0 warning(s), 0 excepted, 8 contacts judged\n" });
  });

  test("synthesizes both accounts' contacts", () => {
    const result = synthesize(quickstartRegistry());
    expect(result.outcome.failed).toBe(false);
    expect(Object.keys(result.stack().locals.security_contacts)).toEqual(["111111111111", "222222222222"]);
  });
});
