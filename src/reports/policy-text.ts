import type { PolicyEvaluation } from "../engine/evaluate";
import { countRootCauses, type RootCause } from "../engine/root-causes";
import { verdictOf, type Verdict } from "../run/verdict";
import type { PolicyMode } from "../run/policy-mode";
import { formatRootCause, warnModeBanner } from "./format-finding";

/**
 * Root causes printed before the rest is left to the JSON report: past a screenful a person stops reading,
 * and a failing synth at any scale stays short enough for a CI log.
 */
export const ROOT_CAUSES_SHOWN = 20;

export interface PolicyTextOptions {
  mode: PolicyMode;
  failed: boolean;
  /** Lines of the entry point's own, after the root causes (check-plan's removed contacts). */
  afterFindings?: string[];
  reports?: { json: string; sarif: string };
  /** More for the summary line, e.g. ", 3 removed, in terraform plan plan.json". */
  summarySuffix?: string;
  /** What the failure means for this entry point, printed last when the run fails. */
  consequence?: string;
  /** What the warn-mode banner says passes anyway. */
  warnConsequence?: string;
}

/**
 * What synth, check-plan and validate print: one line per root cause (at most ROOT_CAUSES_SHOWN), the
 * warn-mode banner when errors were let through, a summary line, and what a failure means.
 */
export function formatPolicyText(judged: Verdict | PolicyEvaluation, options: PolicyTextOptions): string {
  const verdict = verdictOf(judged, options.mode);
  const { evaluation, rootCauses: causes, counts } = verdict;
  const lines: string[] = [];
  lines.push(...causes.slice(0, ROOT_CAUSES_SHOWN).map(formatRootCause));
  const more = causes.length - ROOT_CAUSES_SHOWN;
  if (more > 0) lines.push(`... and ${more} more root causes${options.reports ? `, all of them in ${options.reports.json}` : ""}.`);
  lines.push(...(options.afterFindings ?? []));
  if (options.mode === "warn" && counts.errors > 0)
    lines.push(warnModeBanner(counts.errors, options.warnConsequence ?? "the contacts that caused them WILL be deployed"));
  lines.push(summaryLine(evaluation, causes, counts, options));
  if (options.failed && options.consequence) lines.push(options.consequence);
  return `${lines.join("\n")}\n`;
}

function summaryLine(evaluation: PolicyEvaluation, causes: readonly RootCause[], counts: ReturnType<typeof countRootCauses>, options: PolicyTextOptions) {
  const findings = evaluation.findings.length;
  const accounts = new Set(evaluation.findings.map((f) => f.accountId).filter(Boolean)).size;
  const spread = findings > causes.length ? ` (${findings} findings on ${accounts} account${accounts === 1 ? "" : "s"})` : "";
  const reports = options.reports ? `. Reports: ${options.reports.json}, ${options.reports.sarif}` : "";
  return (
    `contact policy: ${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.excepted} excepted${spread}, ` +
    `${evaluation.contacts.length} contacts judged${options.summarySuffix ?? ""}${reports}`
  );
}
