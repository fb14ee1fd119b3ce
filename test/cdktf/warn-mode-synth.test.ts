import * as fs from "fs";
import * as path from "path";
import { runSynth } from "../../src/cdktf/synth-app";
import { EXIT_OK } from "../../src/run/exit-codes";
import { exampleWith, tempDir, TODAY } from "../support/workspace";

/** The environment the cdktf CLI gives the app it runs (see readEnvironment's underCdktfCli). */
const UNDER_CDKTF_CLI = { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true", SYNTH_HCL_OUTPUT: "false" };

/** A project sharded by OU, so one root cause is carried by several stacks. */
function shardedProject(registryText: string): string {
  const dir = tempDir("warn-mode-");
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ context: { contactsRegistry: "registry.yaml", sharding: { by: "ou" } } }));
  fs.writeFileSync(path.join(dir, "registry.yaml"), registryText);
  return dir;
}

function synthUnderCli(cwd: string) {
  let stdout = "";
  const spies = [
    jest.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true)),
    jest.spyOn(process.stderr, "write").mockImplementation(() => true),
  ];
  try {
    const env = { ...UNDER_CDKTF_CLI, CONTACTS_TODAY: TODAY, CONTACTS_POLICY_MODE: "warn", CI: "false", CDKTF_OUTDIR: path.join(cwd, "cdktf.out") };
    return { status: runSynth(env, cwd), stdout };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

describe("synth in warn mode under the cdktf CLI", () => {
  test("each root cause prints once, above the banner that says errors 'above' were not enforced, and no annotation repeats it", () => {
    const dir = shardedProject(exampleWith(["members: [rroe, omar]", "members: [rroe]"]));
    const run = synthUnderCli(dir);
    expect(run.status).toBe(EXIT_OK);
    const finding = /error single-recipient email aws-ops@example\.com reaches 1 current person/g;
    expect(run.stdout.match(finding)).toHaveLength(1);
    const lines = run.stdout.split("\n");
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    expect(at(/single-recipient email aws-ops/)).toBeLessThan(at(/^WARNING: the contact policy is in warn mode: 1 error\(s\) above/));
    expect(at(/^WARNING: the contact policy is in warn mode/)).toBeLessThan(at(/^contact policy: 1 error\(s\)/));
    // The CLI prints each stack's annotations after the app's text: there must be none of the policy's.
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out/manifest.json"), "utf8"));
    const stacks = Object.values(manifest.stacks) as { annotations: { message: string }[] }[];
    expect(stacks.length).toBeGreaterThan(1);
    expect(stacks.flatMap((stack) => stack.annotations).filter((a) => a.message.includes("single-recipient"))).toEqual([]);
  });
});
