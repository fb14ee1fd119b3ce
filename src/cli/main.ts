import packageJson from "../../package.json";
import { EXIT_BAD_INPUT, EXIT_OK } from "../run/exit-codes";
import { RegistryError } from "../registry/errors";
import { inertText } from "../reports/inert-text";
import { UsageError } from "../model/usage-error";
import { processEnvironment } from "../run/environment";
import type { CliCommand, CliIo } from "./command";
import { commandHelp } from "./help";

/**
 * Each command is loaded only when it runs: `contacts review` must not pay for the policy's report
 * writers, only the commands that call AWS load the AWS SDK, and nothing here loads cdktf. Listed in the order `--help` shows them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): the binary registers tsx for CommonJS only */
export const COMMANDS: Readonly<Record<string, { summary: string; load: () => CliCommand }>> = {
  init: {
    summary: "write a repository for your organization's contacts: package.json, cdktf.json, the registry, the workflow",
    load: () => (require("./init-command") as typeof import("./init-command")).initCommand,
  },
  validate: {
    summary: "check the registry with the contact policy as synth does, without cdktf: the quick check for editors and hooks",
    load: () => (require("./validate-command") as typeof import("./validate-command")).validateCommand,
  },
  review: {
    summary: "Markdown (or JSON) report of what a change to the registry does to every contact, for a pull request",
    load: () => (require("./review-command") as typeof import("./review-command")).reviewCommand,
  },
  "check-plan": {
    summary: "judge a Terraform plan (terraform show -json) from any Terraform code with the contact policy",
    load: () => (require("./check-plan-command") as typeof import("./check-plan-command")).checkPlanCommand,
  },
  import: {
    summary: "write a registry from the live organization: its accounts, OUs and the contacts AWS holds (AWS access)",
    load: () => (require("./import-command") as typeof import("./import-command")).importCommand,
  },
  "org-snapshot": {
    summary: "write the organization's accounts with their state and OU path, for organization.accountsFile (AWS access)",
    load: () => (require("./org-snapshot-command") as typeof import("./org-snapshot-command")).orgSnapshotCommand,
  },
  directory: {
    summary: "read group membership and each member's state from the company directories, for the directory snapshot (directory access)",
    load: () => (require("./directory-command") as typeof import("./directory-command")).directoryCommand,
  },
  drift: {
    summary: "compare the contacts AWS holds with the registry, without Terraform state; exit 1 on drift (AWS access)",
    load: () => (require("./drift-command") as typeof import("./drift-command")).driftCommand,
  },
  evidence: {
    summary: "write the evidence for auditors: an HTML page, CSV and Markdown of every contact; --live adds what AWS holds",
    load: () => (require("./evidence-command") as typeof import("./evidence-command")).evidenceCommand,
  },
  audit: {
    summary: "judge every account's contacts AWS holds against the company directory now, without a registry of contacts (AWS and directory access)",
    load: () => (require("./audit-command") as typeof import("./audit-command")).auditCommand,
  },
};

export const MAIN_HELP = `Usage: contacts <command> [options]

AWS account contacts as code: the tools around \`cdktf synth\` (which builds and judges the stacks).

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join("\n")}

Run \`contacts <command> --help\` for a command's options, \`contacts --version\` for the version.
Exit status: 0 passed, 1 the contact policy failed, 2 wrong usage or unreadable input, 70 a bug in
contacts itself (with a trace to report).
`;

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: processEnvironment(),
};

/**
 * Every command's text passes through inertText here, the one sink: a name, a plan value or an AWS
 * message in it can neither drive the terminal nor issue a GitHub Actions workflow command.
 */
export async function runCli(argv: string[], sink: CliIo = defaultIo): Promise<number> {
  const io: CliIo = { ...sink, stdout: (text) => sink.stdout(inertText(text)), stderr: (text) => sink.stderr(inertText(text)) };
  const [name, ...rest] = argv;
  // No command is wrong usage, as an unknown one is (a script that forgot its command must not pass): the list, on stderr.
  if (name === undefined) {
    io.stderr(`contacts: no command given. Fix: name one of the commands below.\n\n${MAIN_HELP}`);
    return EXIT_BAD_INPUT;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    if (name === "help" && rest[0] && COMMANDS[rest[0]]) return runCli([rest[0], "--help"], sink);
    io.stdout(MAIN_HELP);
    return EXIT_OK;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.stdout(`contacts ${packageJson.version}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`contacts: unknown command "${name}". Fix: use one of ${Object.keys(COMMANDS).join(", ")}; see \`contacts --help\`.\n`);
    return EXIT_BAD_INPUT;
  }
  const command = entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RegistryError) {
      io.stderr(`${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
