import type { Finding } from "../engine/evaluate";
import type { SourcePosition } from "../model/types";

export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}

/**
 * One finding on one line a person can act on:
 * `error single-recipient 222222222222 (payments-prod) SECURITY email jane.doe@example.com reaches 1 current
 * person (Jane Doe), 2 required. Fix: point the contact at a group alias with at least two members. contacts/registry.yaml:57:12`
 */
export function formatFinding(finding: Finding): string {
  const parts: string[] = [finding.excepted ? "excepted" : finding.severity, finding.ruleId];
  if (finding.accountId) parts.push(finding.accountName ? `${finding.accountId} (${finding.accountName})` : finding.accountId);
  if (finding.type) parts.push(finding.type);
  if (finding.field) parts.push(finding.field);
  if (finding.value !== undefined) parts.push(finding.value);
  let line = `${parts.join(" ")} ${finding.message}. Fix: ${finding.fix}.`;
  const where = [finding.location ? formatPosition(finding.location) : undefined, finding.resource].filter(Boolean).join(" ");
  if (where) line += ` ${where}`;
  if (finding.excepted) line += ` (excepted until ${finding.excepted.expires}: ${finding.excepted.reason})`;
  return line;
}

/** What every summary line counts: errors and warnings that stand, and findings an exception waives. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; excepted: number } {
  let errors = 0;
  let warnings = 0;
  let excepted = 0;
  for (const finding of findings) {
    if (finding.excepted) excepted++;
    else if (finding.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings, excepted };
}

/** Warn mode must be impossible to miss in a CI log: it lets through what enforce mode stops. */
export function warnModeBanner(errors: number, consequence: string): string {
  const rule = "!".repeat(78);
  return `${rule}\nWARNING: the contact policy is in warn mode: ${errors} error(s) above were NOT enforced:\n${consequence}. Set policy.mode: enforce once they are fixed.\n${rule}`;
}
