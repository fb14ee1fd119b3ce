import { App } from "cdktf";
import packageJson from "../../package.json";
import { RegistryError } from "../registry/errors";
import { loadRegistry } from "../registry/load-registry";
import { countFindings, formatFinding, warnModeBanner } from "../reports/format-finding";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_POLICY_FAILED } from "../run/exit-codes";
import type { PolicyMode } from "../run/policy-mode";
import { readEnvironment } from "../run/environment";
import { policyModeFor, readRunContext } from "../run/run-context";
import { synthInputErrorText } from "../run/synth-headline";
import { UsageError } from "../run/usage-error";
import { addContactsStacks } from "./build-app";
import { removeReports, synthesizeWithPolicy, withdrawStackOutput, type SynthOutcome } from "./synthesize";

/** cdktf's own default when CDKTF_OUTDIR is unset. */
const DEFAULT_OUTDIR = "cdktf.out";

/** The app that `cdktf synth` runs: registry -> stacks -> policy -> cdk.tf.json and reports. Returns the exit code. */
export function runSynth(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): number {
  const outdir = readEnvironment(env).cdktfOutdir ?? DEFAULT_OUTDIR;
  try {
    // The context first: a bad CDKTF_CONTEXT_JSON is a usage error here, where cdktf's App would throw a SyntaxError.
    const context = readRunContext({ env, cwd });
    const app = new App({ outdir, stackTraces: false });
    const registry = loadRegistry(context.registry.path, context.registry.origin, cwd);
    const mode = policyModeFor(context, registry);
    const contacts = addContactsStacks(app, registry, context.deployment, context.today, mode);
    const outcome = synthesizeWithPolicy(app, contacts, { registryFile: registry.file, source: "cdktf synth", toolVersion: packageJson.version });
    printOutcome(outcome, mode, contacts.evaluation.contacts.length);
    return outcome.failed ? EXIT_POLICY_FAILED : EXIT_OK;
  } catch (error) {
    if (error instanceof RegistryError || error instanceof UsageError) {
      withdrawStackOutput(outdir);
      removeReports(outdir);
      process.stderr.write(`${synthInputErrorText(error)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

function printOutcome(outcome: SynthOutcome, mode: PolicyMode, contactCount: number) {
  const { errors, warnings, excepted } = countFindings(outcome.findings);
  const lines = outcome.findings.map(formatFinding);
  const summary = `contact policy: ${errors} error(s), ${warnings} warning(s), ${excepted} excepted, ${contactCount} contacts judged. Reports: ${outcome.reports.json}, ${outcome.reports.sarif}`;
  if (outcome.failed) {
    process.stderr.write(
      `${lines.join("\n")}\n${summary}\nSynthesis failed: no Terraform configuration was written. Fix the errors above, or add an exception with a reason and an expiry date.\n`,
    );
    return;
  }
  if (lines.length) process.stdout.write(`${lines.join("\n")}\n`);
  if (mode === "warn" && errors > 0) process.stdout.write(`${warnModeBanner(errors, "the contacts that caused them WILL be deployed")}\n`);
  process.stdout.write(`${summary}\n`);
}
