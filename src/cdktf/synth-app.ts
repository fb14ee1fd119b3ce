import { performance } from "perf_hooks";
import { App } from "cdktf";
import { countFindings, formatFinding, warnModeBanner } from "../reports/format-finding";
import { addContactsStacks } from "./build-app";
import { loadRegistry } from "../registry/load-registry";
import { RegistryError } from "../registry/errors";
import { readSettings } from "../run/settings";
import { removeReports, synthesizeWithPolicy, withdrawStackOutput } from "./synthesize";
import { policyMode } from "../run/policy-mode";
import { policyToday } from "../run/today";
import { UsageError } from "../run/usage-error";
import packageJson from "../../package.json";
import { EXIT_BAD_INPUT, EXIT_POLICY_FAILED } from "../run/exit-codes";


/** The app that `cdktf synth` runs: registry -> stacks -> policy -> cdk.tf.json and reports. Returns the exit code. */
export function runSynth(env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const app = new App({ stackTraces: false });
  try {
    const settings = readSettings(env.CDKTF_CONTEXT_JSON ? JSON.parse(env.CDKTF_CONTEXT_JSON) : undefined, env);
    const today = policyToday(env);
    const registry = loadRegistry(settings.registryPath, settings.registryOrigin);
    const mode = policyMode(env, registry.policy.mode);
    const contacts = addContactsStacks(app, registry, settings, today, mode);
    const outcome = synthesizeWithPolicy(app, contacts, { registryFile: registry.file, source: "cdktf synth", toolVersion: packageJson.version });
    printOutcome(outcome, mode, contacts.evaluation.contacts.length);
    if (env.CONTACTS_TIMINGS === "1") {
      // One JSON line for scripts/bench.ts: wall time inside the process, the policy's part, peak memory.
      const timings = { totalMs: performance.now() - started, policyMs: contacts.aspect.elapsedMs, maxRssKb: process.resourceUsage().maxRSS };
      process.stderr.write(`CONTACTS_TIMINGS ${JSON.stringify(timings)}\n`);
    }
    return outcome.failed ? EXIT_POLICY_FAILED : 0;
  } catch (error) {
    if (error instanceof RegistryError || error instanceof UsageError) {
      withdrawStackOutput(app.outdir);
      removeReports(app.outdir);
      process.stderr.write(`${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

function printOutcome(outcome: ReturnType<typeof synthesizeWithPolicy>, mode: "enforce" | "warn", contactCount: number) {
  const { errors, warnings, excepted } = countFindings(outcome.findings);
  const lines = outcome.findings.map(formatFinding);
  const summary = `contact policy: ${errors} error(s), ${warnings} warning(s), ${excepted} excepted, ${contactCount} contacts judged. Reports: ${outcome.reports.json}, ${outcome.reports.sarif}`;
  if (outcome.failed) {
    process.stderr.write(`${lines.join("\n")}\n${summary}\nSynthesis failed: no Terraform configuration was written. Fix the errors above, or add an exception with a reason and an expiry date.\n`);
    return;
  }
  if (lines.length) process.stdout.write(`${lines.join("\n")}\n`);
  if (mode === "warn" && errors > 0) process.stdout.write(`${warnModeBanner(errors, "the contacts that caused them WILL be deployed")}\n`);
  process.stdout.write(`${summary}\n`);
}
