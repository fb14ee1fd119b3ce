import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { exampleText, REPO_ROOT, tempDir, TODAY } from "../support/workspace";

const BIN = path.join(REPO_ROOT, "bin/contacts.js");

/**
 * A folder as a user has it: the example registry at the default path, the plans written beside it, and
 * the real `contacts check-plan` binary run there as a pipeline runs it, with only the environment given.
 */
export function checkPlanWorkspace(prefix: string) {
  const workspace = tempDir(prefix);
  fs.mkdirSync(path.join(workspace, "contacts"));
  fs.writeFileSync(path.join(workspace, "contacts/registry.yaml"), exampleText());
  const checkPlan = (args: string[], env: Record<string, string> = {}) => {
    const base: NodeJS.ProcessEnv = { ...process.env, CONTACTS_TODAY: TODAY, ...env };
    for (const name of ["CONTACTS_REGISTRY", "CONTACTS_POLICY_MODE"]) if (!(name in env)) delete base[name];
    const result = spawnSync(process.execPath, [BIN, "check-plan", ...args], { cwd: workspace, env: base, encoding: "utf8", timeout: 300_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const reports = new Map<string, ReturnType<typeof checkPlan>>();
  return {
    workspace,
    checkPlan,
    /** The same, run once per arguments: for a plan and registry no test changes (each run starts Node, about a second). */
    checkPlanOnce(args: string[]) {
      const key = JSON.stringify(args);
      if (!reports.has(key)) reports.set(key, checkPlan(args));
      return reports.get(key)!;
    },
    /** Writes a file into the workspace; returns its name, relative to it. */
    write(name: string, text: string): string {
      fs.writeFileSync(path.join(workspace, name), text);
      return name;
    },
  };
}

/** The lines of a check-plan report that are findings (root causes), in order. */
export function findingLines(stdout: string): string[] {
  return stdout.split("\n").filter((line) => /^(error|warning|excepted) /.test(line));
}
