import * as fs from "fs";
import * as path from "path";
import { App } from "./cdktf";
import packageJson from "../../package.json";
import { evaluationOfProblems } from "../engine/evaluate";
import { RegistryError } from "../registry/errors";
import { inertText } from "../reports/inert-text";
import { renderVerdict } from "../reports/render-verdict";
import { EXIT_BAD_INPUT, EXIT_OK } from "../run/exit-codes";
import { processEnvironment, readEnvironment, type RunEnvironment } from "../run/environment";
import { loadInputs, RegistryNotLoaded } from "../run/load-inputs";
import { policyModeFor, readRunContext, type RunContext } from "../run/run-context";
import { synthInputErrorText } from "../run/synth-headline";
import { hasRemoteState } from "../run/settings";
import { localStateNotice, remoteStateRequired } from "../run/state-backend";
import { judgeVerdict } from "../run/verdict";
import { UsageError } from "../model/usage-error";
import { removeEvidence, writeRunEvidence } from "../evidence/write-evidence";
import { addContactsStacks } from "./build-app";
import { removeReports, synthesizeWithPolicy, withdrawStackOutput, writePolicyReports } from "./synthesize";

/** cdktf's own default when CDKTF_OUTDIR is unset. */
const DEFAULT_OUTDIR = "cdktf.out";

/** The app that `cdktf synth` runs: registry -> stacks -> policy -> cdk.tf.json and reports. Returns the exit code. */
export function runSynth(env: NodeJS.ProcessEnv = processEnvironment(), cwd = process.cwd()): number {
  const environment = readEnvironment(env);
  const outdir = environment.cdktfOutdir ?? DEFAULT_OUTDIR;
  // Before anything else: while this run decides, an earlier run's output must not look current.
  withdrawStackOutput(outdir);
  removeReports(outdir);
  removeEvidence(outdir);
  let context: RunContext | undefined;
  try {
    // The context first: a bad CDKTF_CONTEXT_JSON is a usage error here, where cdktf's App would throw a SyntaxError.
    context = readRunContext({ env, cwd });
    const localState = !hasRemoteState(context.deployment);
    // Before the registry is read: a CI run without shared state must not get as far as a deployable stack.
    if (localState && environment.ci && !environment.localStateAllowed) throw remoteStateRequired();
    const app = new App({ outdir, stackTraces: false });
    // Every file the run reads, relative to the folder it runs in (cwd), as the registry is.
    const inputs = loadInputs(context, {
      cwd,
      want: { organization: true, existingContacts: true, importSet: true, directorySnapshot: true },
      consequence: "nothing was synthesized",
    });
    const { registry } = inputs;
    const mode = policyModeFor(context, registry);
    const contacts = addContactsStacks(app, { registry, settings: context.deployment, today: context.today, mode, inputs, cwd, rules: context.rules });
    // This app prints every root cause itself, once and above the warn-mode banner; as annotations the cdktf CLI
    // would print them after the banner ("errors above"), and a cause shared by stacks once per stack.
    contacts.aspect.annotates = false;
    const outcome = synthesizeWithPolicy(app, contacts, { registryFile: registry.file, source: "cdktf synth", toolVersion: packageJson.version });
    // The evidence for auditors beside the reports (contact-evidence.html, .csv, .md), whatever the verdict.
    writeRunEvidence(outdir, {
      verdict: outcome.verdict,
      registry,
      // The stacks hold every account's effective contacts already: not resolved a second time.
      effective: contacts.stacks.flatMap((stack) => stack.accounts),
      registryFile: registry.file,
      cwd,
      source: "cdktf synth",
      toolVersion: packageJson.version,
    });
    const text = renderVerdict(outcome.verdict, "text", {
      registryFile: registry.file,
      source: "cdktf synth",
      toolVersion: packageJson.version,
      text: {
        reports: outcome.reports,
        consequence: outcome.failed
          ? "Synthesis failed: no Terraform configuration was written. Fix the errors above, or add an exception with a reason and an expiry date."
          : undefined,
      },
    });
    // Said once per run, on stderr: where the state of a local run is, and that CI would refuse it.
    if (localState && !outcome.failed) process.stderr.write(localStateNotice(contacts.stacks.map((stack) => stack.node.id)));
    return deliver(text, outcome.verdict.exitStatus, environment, outdir);
  } catch (error) {
    if (error instanceof RegistryError || error instanceof UsageError) {
      // The loader's RegistryNotLoaded already reads as synth's headline; a RegistryError from elsewhere is put under it.
      let text = `${error instanceof RegistryNotLoaded ? error.message : synthInputErrorText(error)}\n`;
      const registryError = error instanceof RegistryNotLoaded ? error.registryError : error instanceof RegistryError ? error : undefined;
      if (registryError && context) {
        // The same mistakes as findings, at their lines: a pull request shows them as code scanning annotations.
        const verdict = judgeVerdict(evaluationOfProblems(registryError.issues, context.today, context.rules), "enforce");
        const report = { registryFile: registryError.file, source: "cdktf synth", toolVersion: packageJson.version };
        const reports = writePolicyReports(outdir, verdict, report);
        writeRunEvidence(outdir, { verdict, ...report, cwd });
        text += `Reports: ${reports.json}, ${reports.sarif}\n`;
      }
      return deliver(text, EXIT_BAD_INPUT, environment, outdir);
    }
    throw error;
  }
}

/**
 * Prints the run's text and returns its exit code. The cdktf CLI prints a failing app's output twice (as it
 * comes, then all of it again after "non-zero exit code"), so under the CLI a failing run prints once, on
 * stdout, and exits 0 with no manifest.json: the CLI can only report that as a failed synthesis (exit 1),
 * and `cdktf diff` and `deploy` find no stack to run. Anywhere else: stderr and the exit code itself.
 */
function deliver(raw: string, exitCode: number, environment: RunEnvironment, outdir: string): number {
  // Names and values from the registry, made inert for the terminal and the CI log (see inertText).
  const text = inertText(raw);
  if (exitCode === EXIT_OK) {
    process.stdout.write(text);
    return EXIT_OK;
  }
  if (environment.underCdktfCli && !fs.existsSync(path.join(outdir, "manifest.json"))) {
    process.stdout.write(`${text}(cdktf reports this next as a missing manifest.json: nothing was synthesized, on purpose.)\n`);
    return EXIT_OK;
  }
  process.stderr.write(text);
  return exitCode;
}
