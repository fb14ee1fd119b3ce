import * as fs from "fs";
import * as path from "path";
import { evaluationFor } from "../engine/evaluate";
import { judgePlan } from "../terraform/judge-plan";
import { resourceBlockFinder } from "../terraform/resource-blocks";
import { planTextOptions } from "../reports/plan-text-report";
import { renderVerdict, type RenderOptions } from "../reports/render-verdict";
import { parsePlan, PlanFormatError } from "../terraform/terraform-plan";
import packageJson from "../../package.json";
import { loadInputs } from "../run/load-inputs";
import { policyModeFor, readRunContext } from "../run/run-context";
import { REGISTRY_LOOKUP } from "../run/settings";
import { judgeVerdict } from "../run/verdict";
import { UsageError } from "../model/usage-error";
import { inertText } from "../reports/inert-text";
import { checkOutputPath } from "../run/output-path";
import { writeAtomically } from "../run/write-atomically";
import { organizationAccountsPath } from "../registry/organization-accounts";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";
import { parseRequiredTypes } from "./require-types";

const NAME = "check-plan";
const FORMATS = ["text", "json", "sarif"] as const;

const OPTIONS = {
  registry: { value: "<file>", description: "the contacts registry", defaultFrom: REGISTRY_LOOKUP },
  format: {
    value: "<format>",
    choices: FORMATS,
    default: "text",
    description: "text, json (the audit report synth writes as contact-policy.json) or sarif (SARIF 2.1.0, as contact-policy.sarif)",
  },
  output: {
    value: "<file>",
    description:
      "write the report there (replaced whole) instead of standard output; the text lines still go to standard output. A new path or a regular file (a symbolic link to one is followed), never the plan, the registry or its accounts file; - is standard output",
  },
  "require-types": {
    value: "<types>",
    description:
      "the alternate contact types every account the plan touches must keep, comma-separated in any case (security,billing), or none: for a workspace that manages only some types",
    defaultFrom: "the registry's policy.requiredTypes",
  },
} as const satisfies OptionTable;

const ARGUMENTS = [{ name: "<plan.json>", description: "the JSON plan (format 1.x, Terraform 1.1 or later); - reads standard input" }];

const ABOUT = `Judges a Terraform plan, from any Terraform code, with the contact policy and the registry's people
and groups: every aws_account_alternate_contact and aws_account_primary_contact instance the plan
keeps (in modules, with for_each or count), on its planned values. Make the file with:

  terraform plan -out=plan.out && terraform show -json plan.out > plan.json
`;

const NOTES = `What it judges:
- Values unknown until apply are unverifiable (errors). An account_id known only at apply (an
  account the plan creates) is a warning, unknown-account: its contacts' values are judged now, the
  account on the next plan.
- Whose contact it is: its account_id; without one, its provider's: the one account its
  allowed_account_ids names, else the account of the role its assume_role names as a literal ARN,
  else the management account when it uses the ambient credentials (no role, no profile or keys of
  its own). Any other provider is an error, unresolved-provider, naming the provider; so is a deleted
  required contact whose account the plan does not say.
- Only the accounts the plan keeps or deletes a contact of are judged, and only the exceptions of
  accounts it touches apply (unused-exception too). Each must keep the required types
  (--require-types), and a primary contact when the plan manages any: deleting one without a
  replacement fails missing-contact, unless the plan also deletes the account's
  aws_organizations_account. A forgotten contact stays in AWS and changes nothing.
- An account the registry does not list is a warning, unregistered-account; an error when the
  registry's organization snapshot does not list it either.
policy.mode (or CONTACTS_POLICY_MODE=warn|enforce) decides whether errors fail;
CONTACTS_TODAY=YYYY-MM-DD fixes "today".

Exit status: 0 the plan passes, 1 the contact policy failed, 2 wrong usage or unreadable input
(a missing file, not JSON, not a plan, an unsupported format version, a bad registry).
`;

export const checkPlanCommand: CliCommand = {
  name: NAME,
  arguments: ARGUMENTS,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  run: async (args, io) => {
    const { values, positionals } = parseFlags({ name: NAME, options: OPTIONS, arguments: ARGUMENTS }, args);
    if (positionals.length !== 1) {
      throw new UsageError(
        `contacts ${NAME}: expected one plan file, got ${positionals.length}. Fix: contacts ${NAME} plan.json (from \`terraform show -json plan.out\`).`,
      );
    }
    const narrowedTypes = values["require-types"] === undefined ? undefined : parseRequiredTypes(NAME, values["require-types"]);
    const planFile = positionals[0];
    const plan = readPlan(planFile, io);
    const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag: values.registry });
    // check-plan's headline for either file it cannot use, and that no plan was judged.
    const { registry, organization } = loadInputs(context, {
      cwd: io.cwd,
      want: { organization: true, importSet: true, directorySnapshot: true },
      consequence: "no plan was judged",
      subject: (error) =>
        error.file === context.registry.path ? `contacts ${NAME}: the contacts registry ${error.file}` : `contacts ${NAME}: ${error.subject}`,
    });
    const requiredTypes = narrowedTypes ?? registry.policy.requiredTypes;
    const evaluation = evaluationFor({ ...registry, policy: { ...registry.policy, requiredTypes } }, context.today, context.rules);
    const judgement = judgePlan(evaluation, plan, { accounts: registry.accounts, organization });
    evaluation.finish({ accounts: judgement.accounts });
    const verdict = judgeVerdict(evaluation, policyModeFor(context, registry));
    const source = `terraform plan ${planFile === "-" ? "(standard input)" : planFile}`;
    const options: RenderOptions = { registryFile: registry.file, source, toolVersion: packageJson.version, cwd: io.cwd };
    const text = renderVerdict(verdict, "text", { ...options, text: planTextOptions(judgement, source) });
    let report = text;
    // synth's audit report, plus the contacts the plan removes (each deletion is judged for what it leaves).
    if (values.format === "json") report = renderVerdict(verdict, "json", { ...options, json: { removed: judgement.removed } });
    if (values.format === "sarif") {
      // The plan's resource blocks, in the .tf files of the folder it was planned in (the plan's, or this one for standard input).
      const blocks = resourceBlockFinder(planFile === "-" ? io.cwd : path.dirname(path.resolve(io.cwd, planFile)), plan.configuration.moduleSources);
      report = renderVerdict(verdict, "sarif", { ...options, resourceBlock: blocks });
    }
    if (values.output !== undefined && values.output !== "-") {
      const inputs = [
        // A plan on standard input may still be a file (`< plan.json`): /dev/stdin names it.
        { file: planFile === "-" ? "/dev/stdin" : planFile, role: "the plan" },
        { file: registry.file, role: "the contacts registry" },
        ...[organizationAccountsPath(registry)].flatMap((file) => (file ? [{ file, role: "the organization accounts file" }] : [])),
      ];
      // As inert as what is printed, since a pipeline may print the file; JSON reads back the same (see inertText).
      writeReport(checkOutputPath({ command: NAME, option: "--output", file: values.output, cwd: io.cwd, inputs }), inertText(report));
      io.stdout(text);
    } else io.stdout(report);
    return verdict.exitStatus;
  },
};

function readPlan(file: string, io: CliIo) {
  let text: string;
  try {
    text = fs.readFileSync(file === "-" ? 0 : path.resolve(io.cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder" : `cannot be read (${(error as Error).message})`;
    throw new UsageError(`contacts ${NAME}: ${file} ${why}. Fix: pass the file \`terraform show -json plan.out > plan.json\` wrote.`);
  }
  try {
    return parsePlan(file === "-" ? "standard input" : file, text);
  } catch (error) {
    if (error instanceof PlanFormatError) throw new UsageError(`contacts ${NAME}: ${error.message}`);
    throw error;
  }
}

function writeReport(file: string, text: string) {
  try {
    writeAtomically([{ file, text }]);
  } catch (error) {
    throw new UsageError(`contacts ${NAME}: cannot write --output ${file} (${(error as Error).message}). Fix: choose a writable path.`);
  }
}
