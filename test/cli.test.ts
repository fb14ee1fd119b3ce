import { spawnSync } from "child_process";
import { MAIN_HELP, runCli } from "../src/cli/main";
import { REPO_ROOT } from "./support/workspace";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO_ROOT, env: {} });
  return { status, stdout, stderr };
}

describe("the contacts command line", () => {
  test("npx contacts runs the package's bin entry and lists the commands", () => {
    const run = spawnSync("npx", ["contacts", "--help"], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(MAIN_HELP);
    expect(MAIN_HELP).toMatch(/^ {2}review +\S/m);
    expect(MAIN_HELP).toMatch(/^ {2}check-plan +\S/m);
  });

  test.each(["review", "check-plan"])("`contacts %s --help` (and `contacts help %s`) prints the command's usage and exits 0", async (command) => {
    const viaFlag = await cli(command, "--help");
    expect(viaFlag.status).toBe(0);
    expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: contacts ${command} `));
    expect(viaFlag.stdout).toContain("Exit status");
    expect(await cli("help", command)).toEqual(viaFlag);
  });

  test("an unknown command is one line naming the commands, exit 2", async () => {
    expect(await cli("reveiw")).toEqual({ status: 2, stdout: "", stderr: 'contacts: unknown command "reveiw". Fix: use one of review, check-plan; see `contacts --help`.\n' });
  });
});
