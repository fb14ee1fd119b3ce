import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../src/cli/main";
import { exampleText, REPO_ROOT, tempDir, TODAY } from "../support/workspace";

const BIN = path.join(REPO_ROOT, "bin/contacts.js");

export interface CheckPlanResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A folder as a user has it: the example registry at the default path, the plans written beside it, and
 * `contacts check-plan` run there as a pipeline runs it, with only the environment given.
 *
 * checkPlan runs the command in this process through runCli, the binary's own entry, with the workspace as
 * its working directory and the environment a pipeline gives it: the command reads both from its io alone
 * (test/architecture.test.ts pins that only src/run/environment.ts reads process.env), so the run is the
 * binary's, without starting Node for each (about 0.3 CPU-s). checkPlanProcess starts the real binary, for
 * what only the process shows: its exit status, and that bad input is one line on stderr and no stack trace.
 */
export function checkPlanWorkspace(prefix: string) {
  const workspace = tempDir(prefix);
  fs.mkdirSync(path.join(workspace, "contacts"));
  fs.writeFileSync(path.join(workspace, "contacts/registry.yaml"), exampleText());
  const environment = (env: Record<string, string>): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = { ...process.env, CONTACTS_TODAY: TODAY, ...env };
    for (const name of ["CONTACTS_REGISTRY", "CONTACTS_POLICY_MODE"]) if (!(name in env)) delete base[name];
    return base;
  };
  const checkPlan = async (args: string[], env: Record<string, string> = {}): Promise<CheckPlanResult> => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["check-plan", ...args], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: workspace,
      env: environment(env),
    });
    return { code, stdout, stderr };
  };
  const checkPlanProcess = (args: string[], env: Record<string, string> = {}): CheckPlanResult => {
    const result = spawnSync(process.execPath, [BIN, "check-plan", ...args], { cwd: workspace, env: environment(env), encoding: "utf8", timeout: 300_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const reports = new Map<string, Promise<CheckPlanResult>>();
  return {
    workspace,
    checkPlan,
    checkPlanProcess,
    /** The same, run once per arguments: for a plan and registry no test changes. */
    checkPlanOnce(args: string[]): Promise<CheckPlanResult> {
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
