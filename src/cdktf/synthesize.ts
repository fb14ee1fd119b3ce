import * as fs from "fs";
import * as path from "path";
import type { App } from "./cdktf";
import type { Finding, PolicyEvaluation } from "../engine/evaluate";
import { buildJsonReport, serializeJsonReport, type ReportOptions } from "../reports/json-report";
import { buildSarifReport } from "../reports/sarif-report";
import type { ContactsApp } from "./build-app";
import { writeAtomically } from "../run/write-atomically";
import { JSON_REPORT, SARIF_REPORT } from "./report-files";

export interface SynthOutcome {
  failed: boolean;
  findings: Finding[];
  reports: { json: string; sarif: string };
}

/**
 * Judges the app, then synthesizes it only when the policy lets it through, and writes the policy
 * reports whatever the outcome. The verdict comes before any Terraform configuration is written, so a
 * failing run (even one killed half-way) never leaves the violating contact where `terraform apply`
 * would find it; an earlier run's configuration is withdrawn first, so it never looks current.
 */
export function synthesizeWithPolicy(app: App, contacts: ContactsApp, report: Omit<ReportOptions, "mode">): SynthOutcome {
  withdrawStackOutput(app.outdir);
  contacts.aspect.judgeApp(app);
  contacts.evaluation.finish();
  const failed = contacts.evaluation.failsIn(contacts.mode);
  if (!failed) app.synth();
  const reports = writePolicyReports(app.outdir, contacts.evaluation, { ...report, mode: contacts.mode });
  return { failed, findings: contacts.evaluation.findings, reports };
}

/** contact-policy.json and contact-policy.sarif in `outdir`, each written whole or not at all. */
export function writePolicyReports(outdir: string, evaluation: PolicyEvaluation, options: ReportOptions): SynthOutcome["reports"] {
  const reports = { json: path.join(outdir, JSON_REPORT), sarif: path.join(outdir, SARIF_REPORT) };
  fs.mkdirSync(outdir, { recursive: true });
  writeAtomically([
    { file: reports.json, text: serializeJsonReport(buildJsonReport(evaluation, options)) },
    { file: reports.sarif, text: `${JSON.stringify(buildSarifReport(evaluation, options), null, 2)}\n` },
  ]);
  return reports;
}

/** Removes every stack's Terraform configuration and the manifest: nothing deployable is left. */
export function withdrawStackOutput(outdir: string) {
  // The manifest first: without it the cdktf CLI deploys nothing, even while stack files remain.
  fs.rmSync(path.join(outdir, "manifest.json"), { force: true });
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
}

/** Removes reports of an earlier run, so a failed run never leaves them looking current. */
export function removeReports(outdir: string) {
  for (const name of [JSON_REPORT, SARIF_REPORT]) fs.rmSync(path.join(outdir, name), { force: true });
}
