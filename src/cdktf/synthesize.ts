import * as fs from "fs";
import * as path from "path";
import type { App } from "cdktf";
import type { Finding } from "../engine/evaluate";
import { buildJsonReport, serializeJsonReport, type ReportOptions } from "../reports/json-report";
import { buildSarifReport } from "../reports/sarif-report";
import type { ContactsApp } from "./build-app";
import { writeAtomically } from "../run/write-atomically";

export const JSON_REPORT = "contact-policy.json";
export const SARIF_REPORT = "contact-policy.sarif";

export interface SynthOutcome {
  failed: boolean;
  findings: Finding[];
  reports: { json: string; sarif: string };
}

/**
 * Synthesizes the app, then writes the policy reports, whatever the outcome. When the policy fails in
 * enforce mode, every stack's Terraform configuration is withdrawn: cdktf writes cdk.tf.json even when
 * error annotations exist (the CLI sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS), and a later
 * `terraform apply` must not find the violating contact, nor an earlier run's output looking current.
 */
export function synthesizeWithPolicy(app: App, contacts: ContactsApp, report: Omit<ReportOptions, "mode">): SynthOutcome {
  app.synth();
  contacts.evaluation.finish();
  const failed = contacts.mode === "enforce" && contacts.evaluation.failed;
  if (failed) withdrawStackOutput(app.outdir);
  const options = { ...report, mode: contacts.mode };
  const reports = { json: path.join(app.outdir, JSON_REPORT), sarif: path.join(app.outdir, SARIF_REPORT) };
  writeAtomically(reports.json, serializeJsonReport(buildJsonReport(contacts.evaluation, options)));
  writeAtomically(reports.sarif, JSON.stringify(buildSarifReport(contacts.evaluation, options), null, 2));
  return { failed, findings: contacts.evaluation.findings, reports };
}

/** Removes every stack's Terraform configuration and the manifest: nothing deployable is left. */
export function withdrawStackOutput(outdir: string) {
  const stacks = path.join(outdir, "stacks");
  if (fs.existsSync(stacks)) {
    for (const stack of fs.readdirSync(stacks)) {
      const dir = path.join(stacks, stack);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir)) {
        if (file.endsWith(".tf.json") || file.endsWith(".tf")) fs.rmSync(path.join(dir, file), { force: true });
      }
    }
  }
  fs.rmSync(path.join(outdir, "manifest.json"), { force: true });
}

/** Removes reports of an earlier run, so a failed run never leaves them looking current. */
export function removeReports(outdir: string) {
  for (const name of [JSON_REPORT, SARIF_REPORT]) fs.rmSync(path.join(outdir, name), { force: true });
}
