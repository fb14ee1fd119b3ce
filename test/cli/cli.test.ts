import { spawnSync } from "child_process";
import { checkPlanCommand } from "../../src/cli/check-plan-command";
import { driftCommand } from "../../src/cli/drift-command";
import { importCommand } from "../../src/cli/import-command";
import { orgSnapshotCommand } from "../../src/cli/org-snapshot-command";
import type { CliCommand } from "../../src/cli/command";
import { usageLine } from "../../src/cli/help";
import { MAIN_HELP, runCli } from "../../src/cli/main";
import { parseFlags } from "../../src/cli/parse-flags";
import { reviewCommand } from "../../src/cli/review-command";
import { validateCommand } from "../../src/cli/validate-command";
import packageJson from "../../package.json";
import { REPO_ROOT, tempDir } from "../support/workspace";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: tempDir("contacts-cli-"), env: {} });
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

  test.each(["--version", "-V", "version"])("`contacts %s` prints the version and exits 0", async (flag) => {
    expect(await cli(flag)).toEqual({ status: 0, stdout: `contacts ${packageJson.version}\n`, stderr: "" });
  });

  test.each(["review", "check-plan"])("`contacts %s --help` (and `contacts help %s`) prints the command's usage and exits 0", async (command) => {
    const viaFlag = await cli(command, "--help");
    expect(viaFlag.status).toBe(0);
    expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: contacts ${command} `));
    expect(viaFlag.stdout).toContain("Exit status");
    expect(await cli("help", command)).toEqual(viaFlag);
  });

  test("no command at all is wrong usage: exit 2 with the command list on stderr", async () => {
    const run = await cli();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`contacts: no command given. Fix: name one of the commands below.\n\n${MAIN_HELP}`);
    expect(run.stderr).toMatch(/^ {2}validate +\S/m);
  });

  test("an unknown command is one line naming the commands, exit 2", async () => {
    expect(await cli("reveiw")).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'contacts: unknown command "reveiw". Fix: use one of init, validate, review, check-plan, import, org-snapshot, directory, drift, evidence, audit; see `contacts --help`.\n',
    });
  });
});

describe("each command's help is generated from its option table", () => {
  const words = (text: string) => text.replace(/\s+/g, " ").trim();

  test.each<[string, CliCommand]>([
    ["validate", validateCommand],
    ["review", reviewCommand],
    ["check-plan", checkPlanCommand],
    ["import", importCommand],
    ["org-snapshot", orgSnapshotCommand],
    ["drift", driftCommand],
  ])("`contacts %s --help`: the usage line and every option once, with its value, description and default", async (name, command) => {
    const { stdout } = await cli(name, "--help");
    expect(stdout.split("\n")[0]).toBe(`Usage: ${usageLine(command)}`);
    const options = stdout.slice(stdout.indexOf("\nOptions:\n"));
    for (const [option, declared] of Object.entries(command.options)) {
      expect(options.match(new RegExp(`^ {2}--${option}\\b`, "gm"))).toHaveLength(1);
      expect(usageLine(command)).toContain(`--${option}`);
      const label = `--${option}${declared.value ? ` ${declared.value}` : ""}`;
      const notes = [
        declared.required && "required",
        (declared.default ?? declared.defaultFrom) && `default: ${declared.default ?? declared.defaultFrom}`,
      ].filter(Boolean);
      expect(words(options)).toContain(words(`${label} ${declared.description}${notes.length ? ` (${notes.join("; ")})` : ""}`));
    }
    expect(options).toMatch(/^ {2}-h, --help +this help$/m);
  });

  test("parseFlags reads the same table: defaults applied, choices and required options checked, undeclared options refused", () => {
    const command = {
      name: "demo",
      options: {
        base: { value: "<git-ref>", required: { example: "origin/main" }, description: "the base" },
        format: { value: "<format>", choices: ["markdown", "json"], default: "markdown", description: "the format" },
        output: { value: "<file>", description: "where" },
        quiet: { description: "say less" },
      },
    } as const;
    expect(parseFlags(command, ["--base", "HEAD~1"])).toEqual({
      values: { base: "HEAD~1", format: "markdown", output: undefined, quiet: undefined },
      positionals: [],
    });
    expect(parseFlags(command, ["--base", "x", "--format", "json", "--quiet"]).values).toMatchObject({ format: "json", quiet: true });
    expect(() => parseFlags(command, [])).toThrow("contacts demo: --base <git-ref> is required. Fix: e.g. `contacts demo --base origin/main`.");
    expect(() => parseFlags(command, ["--base", "x", "--format", "xml"])).toThrow(
      "contacts demo: --format xml is not one of markdown, json. Fix: e.g. --format markdown.",
    );
    expect(() => parseFlags(command, ["--base", "x", "--verbose"])).toThrow("contacts demo: Unknown option '--verbose'. Fix: see `contacts demo --help`.");
    expect(() => parseFlags(command, ["--base", "x", "extra"])).toThrow(
      "contacts demo: Unexpected argument 'extra'. This command does not take positional arguments. Fix: see `contacts demo --help`.",
    );
  });
});
