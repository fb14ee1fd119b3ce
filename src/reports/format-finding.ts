import type { Finding } from "../engine/evaluate";
import type { RootCause } from "../engine/root-causes";
import type { SourcePosition } from "../model/types";

/** Accounts named on a root cause's line; the JSON report lists them all. */
const ACCOUNTS_SHOWN = 3;
/** Other places named on a root cause's line. */
const RELATED_SHOWN = 2;

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

/**
 * One root cause on one line, whatever the number of accounts it affects:
 * `error single-recipient email finance@example.com reaches 1 current person (Ann Lee; Pat Novak left 2026-10-01), 2 required;
 * affects BILLING of 40 accounts: 111111111111 (shared-services), 222222222222 (payments-prod), 333333333333 (payments-dev) and 37 more.
 * Fix: add current members to group finance, or .... contacts/registry.yaml:41:11 (also contacts/registry.yaml:30:5)`.
 * A cause that affects one account reads exactly as its finding, located where the fix goes.
 */
export function formatRootCause(cause: RootCause): string {
  if (cause.findings.length === 1) {
    const [finding] = cause.findings;
    return withRelated(formatFinding({ ...finding, location: cause.location }), cause);
  }
  const parts: string[] = [cause.level, cause.ruleId];
  if (cause.field) parts.push(cause.field);
  if (cause.value !== undefined) parts.push(cause.value);
  let line = `${parts.join(" ")} ${cause.message}; ${affects(cause)}. Fix: ${cause.fix}.`;
  const where = [cause.location ? formatPosition(cause.location) : undefined, ...cause.resources.slice(0, 1)].filter(Boolean).join(" ");
  if (where) line += ` ${where}`;
  return withRelated(line, cause);
}

/** "affects SECURITY of 1000 accounts: a, b, c and 997 more", with how many of them an exception waives. */
function affects(cause: RootCause): string {
  const shown = cause.accounts.slice(0, ACCOUNTS_SHOWN).map((a) => (a.name ? `${a.id} (${a.name})` : a.id));
  const more = cause.accounts.length - shown.length;
  const types = cause.types.length ? `${cause.types.join(", ")} of ` : "";
  const count = cause.accounts.length === 1 ? "1 account" : `${cause.accounts.length} accounts`;
  let text = cause.accounts.length
    ? `affects ${types}${count}: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`
    : `in ${cause.findings.length} places`;
  if (cause.resources.length > 1) text += ` (${cause.resources.length} resources)`;
  if (cause.excepted > 0 && cause.level !== "excepted") text += `; ${cause.excepted} of them excepted`;
  return text;
}

function withRelated(line: string, cause: RootCause): string {
  if (cause.related.length === 0) return line;
  const shown = cause.related.slice(0, RELATED_SHOWN).map(formatPosition);
  const more = cause.related.length - shown.length;
  return `${line} (also ${shown.join(", ")}${more > 0 ? ` and ${more} more places` : ""})`;
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
