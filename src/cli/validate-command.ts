import packageJson from "../../package.json";
import { evaluationOfProblems, type PolicyEvaluation } from "../engine/evaluate";
import { judgeRegistry } from "../engine/judge-registry";
import { buildJsonReport, serializeJsonReport, type ReportOptions } from "../reports/json-report";
import { formatPolicyText } from "../reports/policy-text";
import { buildSarifReport } from "../reports/sarif-report";
import { EXIT_OK, EXIT_POLICY_FAILED } from "../run/exit-codes";
import { policyModeFor, readRunContext, type RunContext } from "../run/run-context";
import { REGISTRY_LOOKUP } from "../run/settings";
import { UsageError } from "../model/usage-error";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";
import { readRegistryAndOrganization, RegistryNotLoaded } from "./read-registry";

const NAME = "validate";
const FORMATS = ["text", "json", "sarif"] as const;

const OPTIONS = {
  format: {
    value: "<format>",
    choices: FORMATS,
    default: "text",
    description: "text, json (the audit report synth writes as contact-policy.json) or sarif (as contact-policy.sarif)",
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
    const mode = policyModeFor(context, registry);
    const evaluation = judgeRegistry(registry, context.today, context.rules, organization);
    const failed = evaluation.failsIn(mode);
    const options = { mode, registryFile: registry.file, source: `contacts ${NAME}`, toolVersion: packageJson.version };
    if (values.format !== "text") io.stdout(report(values.format, evaluation, options, io.cwd));
    else
      io.stdout(
        formatPolicyText(evaluation, {
          mode,
          failed,
          consequence: "The registry fails the contact policy: `cdktf synth` will write no Terraform configuration.",
        }),
      );
    return failed ? EXIT_POLICY_FAILED : EXIT_OK;
  },
};

/**
 * The registry and its accounts file; when they do not load and a report was asked for, the report synth
 * writes in that case (registry-error findings at their lines) goes to standard output first, then the
 * usual error and exit 2.
 */
function readOrThrowWithReport(context: RunContext, io: CliIo, format: string) {
  try {
    return readRegistryAndOrganization(context.registry, io.cwd, context.today, "nothing was judged");
  } catch (error) {
    if (error instanceof RegistryNotLoaded && format !== "text") {
      const evaluation = evaluationOfProblems(error.registryError.issues, context.today, context.rules);
      const options = { mode: "enforce" as const, registryFile: error.registryError.file, source: `contacts ${NAME}`, toolVersion: packageJson.version };
      io.stdout(report(format, evaluation, options, io.cwd));
    }
    throw error;
  }
}

/** The report synth writes, as `--format json` or `sarif` asks for it. */
function report(format: string, evaluation: PolicyEvaluation, options: ReportOptions, cwd: string): string {
  return format === "json"
    ? `${serializeJsonReport(buildJsonReport(evaluation, options))}\n`
    : `${JSON.stringify(buildSarifReport(evaluation, options, cwd), null, 2)}\n`;
}
