import type { PolicyMode } from "../run/policy-mode";
import type { Finding, PolicyEvaluation } from "../engine/evaluate";
import { verdictOf, type Verdict } from "../run/verdict";
import { countFindings, formatPosition } from "./format-finding";

export interface ReportOptions {
  mode: PolicyMode;
  registryFile: string;
  /** What produced the contacts: "cdktf synth" or "terraform plan <file>". */
  source: string;
  toolVersion: string;
}

/**
 * The audit report: every finding, grouped by rule as AWS CDK's policy-validation report does
 * (ruleName, description, fix, severity, violatingResources), and for every account and contact type what
 * it reaches and which controls that evidences: what an auditor asks for instead of console screenshots.
 * `rootCauses` is what a person reads: one entry per cause, where its fix goes, with every account it affects.
 */
export function buildJsonReport(judged: Verdict | PolicyEvaluation, options: ReportOptions) {
  const verdict = verdictOf(judged, options.mode);
  const { evaluation } = verdict;
  const byRule = new Map<string, Finding[]>();
  for (const finding of evaluation.findings) {
    const list = byRule.get(finding.ruleId) ?? [];
    list.push(finding);
    byRule.set(finding.ruleId, list);
  }
  const meta = (id: string) => evaluation.ruleById.get(id);
  return {
    title: "AWS account contacts policy (CIS AWS Foundations 1.1)",
    pluginVersion: options.toolVersion,
    success: !evaluation.failed,
    mode: options.mode,
    today: evaluation.context.today,
    registry: options.registryFile,
    source: options.source,
    summary: {
      ...countFindings(evaluation.findings),
      contacts: evaluation.contacts.length,
      accounts: new Set(evaluation.contacts.map((c) => c.accountId)).size,
    },
    rootCauses: verdict.rootCauses.map((cause) => ({
      ruleName: cause.ruleId,
      level: cause.level,
      severity: cause.severity,
      field: cause.field,
      value: cause.value,
      message: cause.message,
      fix: cause.fix,
      location: cause.location ? formatPosition(cause.location) : undefined,
      relatedLocations: cause.related.map(formatPosition),
      resources: cause.resources.length ? cause.resources : undefined,
      fingerprint: cause.fingerprint,
      types: cause.types,
      accounts: cause.accounts.map((account) => account.id),
      findings: cause.findings.length,
      excepted: cause.excepted,
    })),
    violations: [...byRule.entries()].map(([ruleId, findings]) => ({
      ruleName: ruleId,
      description: meta(ruleId)?.title ?? ruleId,
      explanation: meta(ruleId)?.explanation,
      fix: meta(ruleId)?.fix ?? findings[0].fix,
      severity: meta(ruleId)?.severity ?? findings[0].severity,
      controls: meta(ruleId)?.controls ?? [],
      violatingResources: findings.map((f) => ({
        accountId: f.accountId,
        accountName: f.accountName,
        type: f.type,
        field: f.field,
        value: f.value,
        severity: f.severity,
        message: f.message,
        fix: f.fix,
        reaches: f.reaches,
        locations: [f.location ? formatPosition(f.location) : undefined, f.resource].filter((l): l is string => Boolean(l)),
        excepted: f.excepted,
      })),
    })),
    contacts: evaluation.contacts,
  };
}

/**
 * Pretty JSON, except the contact inventory: one contact per line. Forty thousand contacts
 * pretty-printed take 27 MB and a pager to read; one per line, 11 MB and `grep 222222222222`.
 */
export function serializeJsonReport(report: ReturnType<typeof buildJsonReport>): string {
  const { contacts, ...rest } = report;
  const head = JSON.stringify({ ...rest, contacts: [] }, null, 2);
  if (contacts.length === 0) return head;
  const lines = contacts.map((contact) => `    ${JSON.stringify(contact)}`).join(",\n");
  return `${head.slice(0, head.lastIndexOf('"contacts": []'))}"contacts": [\n${lines}\n  ]\n}`;
}
