import type { SourcePosition } from "../model/types";
import type { Verdict } from "../run/verdict";
import { buildJsonReport, serializeJsonReport } from "./json-report";
import { formatPolicyText, type PolicyTextOptions } from "./policy-text";
import { buildSarifReport } from "./sarif-report";
import { renderVerdictMarkdown } from "./verdict-markdown";

/** The formats a verdict is rendered in: what the commands' --format and synth's report files offer. */
export type VerdictFormat = "text" | "json" | "sarif" | "markdown";

export interface RenderOptions {
  registryFile: string;
  /** What produced the contacts: "cdktf synth", "contacts validate", "terraform plan <file>". */
  source: string;
  toolVersion: string;
  /** The folder SARIF's URIs are resolved from (then made relative to the repository): the process's by default. */
  cwd?: string;
  /** The text's lines of the entry point's own (what a failure means, check-plan's removed contacts); mode and failure come from the verdict. */
  text?: Omit<PolicyTextOptions, "mode" | "failed">;
  /** More top-level fields of the JSON report (check-plan's removed contacts). */
  json?: Record<string, unknown>;
  /** Where every root cause is listed, named by Markdown past the ones it shows. */
  markdownAllIn?: string;
  /** Where a Terraform resource's block is written, for SARIF (check-plan in the plan's folder). */
  resourceBlock?: (resource: string) => SourcePosition | undefined;
}

/**
 * The one renderer: a verdict as the text a person reads, the JSON audit report (contact-policy.json), SARIF
 * (contact-policy.sarif) or Markdown (a pull request comment, a job summary), each ending with a newline. Every entry point renders through it, so the same verdict
 * reads the same from synth, validate and check-plan.
 */
export function renderVerdict(verdict: Verdict, format: VerdictFormat, options: RenderOptions): string {
  const report = { mode: verdict.mode, registryFile: options.registryFile, source: options.source, toolVersion: options.toolVersion };
  if (format === "json") return `${serializeJsonReport({ ...buildJsonReport(verdict, report), ...options.json })}\n`;
  if (format === "markdown") return renderVerdictMarkdown(verdict, options.markdownAllIn ?? "the JSON report");
  if (format === "sarif") return `${JSON.stringify(buildSarifReport(verdict, report, options.cwd, options.resourceBlock), null, 2)}\n`;
  return formatPolicyText(verdict, { ...options.text, mode: verdict.mode, failed: verdict.failed });
}
