import * as fs from "fs";
import * as path from "path";
import type { App } from "./cdktf";
import type { Finding } from "../engine/evaluate";
import { renderVerdict, type RenderOptions } from "../reports/render-verdict";
import type { Verdict } from "../run/verdict";
import type { ContactsApp } from "./build-app";
import { writeAtomically } from "../run/write-atomically";
import { JSON_REPORT, SARIF_REPORT } from "./report-files";

export interface SynthOutcome {
  /** The app's verdict, made once: what the reports, the text, the evidence and the exit status read. */
  verdict: Verdict;
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
export function synthesizeWithPolicy(app: App, contacts: ContactsApp, report: ReportFileOptions): SynthOutcome {
  withdrawStackOutput(app.outdir);
  contacts.aspect.judgeApp(app);
  contacts.evaluation.finish();
  // The aspect's verdict: the stacks' validation reads the same one while app.synth() runs.
  const { verdict } = contacts.aspect;
  if (!verdict.failed) app.synth();
  const reports = writePolicyReports(app.outdir, verdict, report);
  return { verdict, failed: verdict.failed, findings: contacts.evaluation.findings, reports };
}

/** What the report files say produced them. */
export type ReportFileOptions = Pick<RenderOptions, "registryFile" | "source" | "toolVersion">;

/** contact-policy.json and contact-policy.sarif in `outdir`, each written whole or not at all. */
export function writePolicyReports(outdir: string, verdict: Verdict, options: ReportFileOptions): SynthOutcome["reports"] {
  const reports = { json: path.join(outdir, JSON_REPORT), sarif: path.join(outdir, SARIF_REPORT) };
  fs.mkdirSync(outdir, { recursive: true });
  // contact-policy.json has always ended without a newline (the commands print it with one): kept byte for byte.
  writeAtomically([
    { file: reports.json, text: renderVerdict(verdict, "json", options).slice(0, -1) },
    { file: reports.sarif, text: renderVerdict(verdict, "sarif", options) },
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
