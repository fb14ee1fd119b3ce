import packageJson from "../../package.json";
import { evaluationOfProblems } from "../engine/evaluate";
import { judgeRegistry } from "../engine/judge-registry";
import { renderVerdict, type VerdictFormat } from "../reports/render-verdict";
import { loadInputs, RegistryNotLoaded, type LoadedInputs } from "../run/load-inputs";
import { policyModeFor, readRunContext, type RunContext } from "../run/run-context";
import { REGISTRY_LOOKUP } from "../run/settings";
import { judgeVerdict } from "../run/verdict";
import { UsageError } from "../model/usage-error";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";

const NAME = "validate";
const FORMATS = ["text", "json", "sarif", "markdown"] as const;

const OPTIONS = {
  format: {
    value: "<format>",
    choices: FORMATS,
    default: "text",
    description:
      "text, json (the audit report synth writes as contact-policy.json), sarif (as contact-policy.sarif) or markdown (for a pull request comment or a job summary)",
  },
} as const satisfies OptionTable;

const ARGUMENTS = [{ name: "[registry]", description: `the registry to check; by default ${REGISTRY_LOOKUP}` }];

const ABOUT = `Loads the registry (and the organization accounts file it names) and judges every account's
contacts exactly as \`cdktf synth\` does, without building stacks or writing anything: the same
findings, one line per root cause, and the same exit status, in a fraction of the time. For editors,
pre-commit hooks and a first check of a new registry.
`;

const NOTES = `Not checked here (synth's alone): the deployment settings in cdktf.json (sharding limits, the
existing-contacts record of importExistingContacts) and contact resources written outside the registry.
CONTACTS_POLICY_MODE=warn|enforce and CONTACTS_TODAY=YYYY-MM-DD apply as in synth.

Exit status: 0 the registry passes, 1 the contact policy failed, 2 wrong usage or a registry (or
accounts file) that does not load.
`;

export const validateCommand: CliCommand = {
  name: NAME,
  arguments: ARGUMENTS,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values, positionals } = parseFlags({ name: NAME, options: OPTIONS, arguments: ARGUMENTS }, args);
    if (positionals.length > 1) {
      throw new UsageError(`contacts ${NAME}: expected at most one registry file, got ${positionals.length}. Fix: contacts ${NAME} contacts/registry.yaml`);
    }
    const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag: positionals[0] });
    const { registry, organization } = readOrThrowWithReport(context, io, values.format);
    const verdict = judgeVerdict(judgeRegistry(registry, { today: context.today, rules: context.rules, organization }), policyModeFor(context, registry));
    io.stdout(
      renderVerdict(verdict, values.format, {
        registryFile: registry.file,
        source: `contacts ${NAME}`,
        toolVersion: packageJson.version,
        cwd: io.cwd,
        markdownAllIn: `\`contacts ${NAME} --format json\``,
        text: { consequence: "The registry fails the contact policy: `cdktf synth` will write no Terraform configuration." },
      }),
    );
    return verdict.exitStatus;
  },
};

/**
 * The registry and its accounts file; when they do not load and a report was asked for, the report synth
 * writes in that case (registry-error findings at their lines) goes to standard output first, then the
 * usual error and exit 2.
 */
function readOrThrowWithReport(context: RunContext, io: CliIo, format: VerdictFormat): LoadedInputs {
  try {
    return loadInputs(context, { cwd: io.cwd, want: { organization: true, importSet: true, directorySnapshot: true }, consequence: "nothing was judged" });
  } catch (error) {
    if (error instanceof RegistryNotLoaded && format !== "text") {
      const verdict = judgeVerdict(evaluationOfProblems(error.registryError.issues, context.today, context.rules), "enforce");
      io.stdout(
        renderVerdict(verdict, format, { registryFile: error.registryError.file, source: `contacts ${NAME}`, toolVersion: packageJson.version, cwd: io.cwd }),
      );
    }
    throw error;
  }
}
