import * as fs from "fs";
import * as path from "path";
import { App } from "./cdktf";
import packageJson from "../../package.json";
import { refuseExistingContactsOutsideRepository } from "../registry/existing-contacts-file";
import { evaluationOfProblems } from "../engine/evaluate";
import { RegistryError } from "../registry/errors";
import { loadRegistry } from "../registry/load-registry";
import { loadOrganizationAccounts } from "../registry/organization-accounts";
import { inertText } from "../reports/inert-text";
import { formatPolicyText } from "../reports/policy-text";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_POLICY_FAILED } from "../run/exit-codes";
import { readEnvironment, type RunEnvironment } from "../run/environment";
import { policyModeFor, readRunContext, type RunContext } from "../run/run-context";
import { synthInputErrorText } from "../run/synth-headline";
import { hasRemoteState } from "../run/settings";
import { localStateNotice, remoteStateRequired } from "../run/state-backend";
import { UsageError } from "../model/usage-error";
import { removeEvidence, writeRunEvidence } from "../evidence/write-evidence";
import { addContactsStacks } from "./build-app";
import { removeReports, synthesizeWithPolicy, withdrawStackOutput, writePolicyReports } from "./synthesize";

/** cdktf's own default when CDKTF_OUTDIR is unset. */
const DEFAULT_OUTDIR = "cdktf.out";

/** The app that `cdktf synth` runs: registry -> stacks -> policy -> cdk.tf.json and reports. Returns the exit code. */
export function runSynth(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): number {
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
    const registry = loadRegistry(context.registry.path, context.registry.origin, cwd, { today: context.today });
    const mode = policyModeFor(context, registry);
    // Every file the run reads, relative to the folder it runs in (cwd), as the registry is.
    const fromCwd = (file: string) => fs.readFileSync(path.resolve(cwd, file), "utf8");
    if (context.deployment.importExisting) refuseExistingContactsOutsideRepository(context.deployment.existingContactsFile, cwd);
    const contacts = addContactsStacks(
      app,
      registry,
      context.deployment,
      context.today,
      mode,
      loadOrganizationAccounts(registry, fromCwd, cwd),
      cwd,
      context.rules,
    );
    // This app prints every root cause itself, once and above the warn-mode banner; as annotations the cdktf CLI
    // would print them after the banner ("errors above"), and a cause shared by stacks once per stack.
    contacts.aspect.annotates = false;
    const outcome = synthesizeWithPolicy(app, contacts, { registryFile: registry.file, source: "cdktf synth", toolVersion: packageJson.version });
    // The evidence for auditors beside the reports (contact-evidence.html, .csv, .md), whatever the verdict.
    writeRunEvidence(outdir, {
      evaluation: contacts.evaluation,
      registry,
      // The stacks hold every account's effective contacts already: not resolved a second time.
      effective: contacts.stacks.flatMap((stack) => stack.accounts),
      mode,
      registryFile: registry.file,
      cwd,
      source: "cdktf synth",
      toolVersion: packageJson.version,
    });
    const text = formatPolicyText(contacts.evaluation, {
      mode,
      failed: outcome.failed,
      reports: outcome.reports,
      consequence: outcome.failed
        ? "Synthesis failed: no Terraform configuration was written. Fix the errors above, or add an exception with a reason and an expiry date."
        : undefined,
    });
    // Said once per run, on stderr: where the state of a local run is, and that CI would refuse it.
    if (localState && !outcome.failed) process.stderr.write(localStateNotice(contacts.stacks.map((stack) => stack.node.id)));
    return deliver(text, outcome.failed ? EXIT_POLICY_FAILED : EXIT_OK, environment, outdir);
  } catch (error) {
    if (error instanceof RegistryError || error instanceof UsageError) {
      let text = `${synthInputErrorText(error)}\n`;
      if (error instanceof RegistryError && context) {
        // The same mistakes as findings, at their lines: a pull request shows them as code scanning annotations.
        const problems = evaluationOfProblems(error.issues, context.today, context.rules);
        const reports = writePolicyReports(outdir, problems, {
          mode: "enforce",
          registryFile: error.file,
          source: "cdktf synth",
          toolVersion: packageJson.version,
        });
        writeRunEvidence(outdir, {
          evaluation: problems,
          mode: "enforce",
          registryFile: error.file,
          cwd,
          source: "cdktf synth",
          toolVersion: packageJson.version,
        });
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
