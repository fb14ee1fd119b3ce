import { createHash } from "node:crypto";
import type { ContactType, PolicySettings, SourcePosition } from "../model/types";
import type { Severity } from "./rule-contract";
import type { Finding } from "./evaluate";

/**
 * The unit a person reads: findings of one rule with one cause (the same card value, the same group, the
 * same person who left), whatever the number of accounts and types they affect. The findings stay whole
 * underneath, for the audit report and for exceptions, which waive per account and type.
 */
export interface RootCause {
  ruleId: string;
  /** The cause within the rule (see FindingCause.key). */
  key: string;
  /** Stable across unrelated edits of the registry: the rule and the cause, no line numbers. */
  fingerprint: string;
  /** "error" when any finding stands as an error; "warning" when only warnings stand; "excepted" when exceptions waive them all. */
  level: Severity | "excepted";
  /** The severity the rule gave (before exceptions). */
  severity: Severity;
  /** An error no mode lets through (a Terraform expression in a value): fails in warn mode too. */
  blocking: boolean;
  field?: string;
  value?: string;
  message: string;
  fix: string;
  /** Where the fix goes. */
  location?: SourcePosition;
  /** Every other place involved: the cards that carry the value, the group of a person who left. */
  related: SourcePosition[];
  /** Terraform addresses, for values that did not come from the registry. */
  resources: string[];
  /** Every finding, one per account and type. */
  findings: Finding[];
  /** Accounts affected, in the order found, each once. */
  accounts: { id: string; name?: string }[];
  types: ContactType[];
  excepted: number;
}

/** Whether this cause fails synthesis in `mode`: an error fails in enforce mode, and a blocking one in warn mode too (as PolicyEvaluation.failsIn). */
export function causeFailsIn(cause: RootCause, mode: PolicySettings["mode"]): boolean {
  return cause.level === "error" && (mode === "enforce" || cause.blocking);
}

/** How many root causes stand as errors (in any mode), as warnings, or waived by exceptions. */
export interface RootCauseCounts {
  errors: number;
  warnings: number;
  excepted: number;
}

/** Root causes by how they stand: an error (in any mode), a warning, or waived by exceptions. */
export function countRootCauses(causes: readonly RootCause[]): RootCauseCounts {
  const counts = { errors: 0, warnings: 0, excepted: 0 };
  for (const cause of causes) {
    if (cause.level === "error") counts.errors++;
    else if (cause.level === "warning") counts.warnings++;
    else counts.excepted++;
  }
  return counts;
}

/** Groups findings by rule and cause, in the order their first finding was made. */
export function groupByRootCause(findings: readonly Finding[]): RootCause[] {
  const byKey = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.ruleId}\u001f${finding.cause.key}`;
    const list = byKey.get(key);
    if (list) list.push(finding);
    else byKey.set(key, [finding]);
  }
  return [...byKey.values()].map(rootCauseOf);
}

function rootCauseOf(findings: Finding[]): RootCause {
  const first = findings[0];
  const location = first.cause.location;
  const related = new Map<string, SourcePosition>();
  const accounts = new Map<string, { id: string; name?: string }>();
  const types = new Set<ContactType>();
  const resources = new Set<string>();
  const fixes = new Set<string>();
  let excepted = 0;
  let standingError = false;
  let standingWarning = false;
  const addRelated = (position: SourcePosition | undefined) => {
    if (!position || samePosition(position, location)) return;
    related.set(`${position.file}:${position.line}:${position.column}`, position);
  };
  for (const finding of findings) {
    for (const position of finding.cause.related) addRelated(position);
    addRelated(finding.location);
    if (finding.accountId && !accounts.has(finding.accountId)) accounts.set(finding.accountId, { id: finding.accountId, name: finding.accountName });
    if (finding.type) types.add(finding.type);
    if (finding.resource) resources.add(finding.resource);
    fixes.add(finding.fix);
    if (finding.excepted) excepted++;
    else if (finding.severity === "error") standingError = true;
    else standingWarning = true;
  }
  return {
    ruleId: first.ruleId,
    key: first.cause.key,
    fingerprint: createHash("sha256").update(`${first.ruleId}\u001f${first.cause.key}`).digest("hex").slice(0, 32),
    level: standingError ? "error" : standingWarning ? "warning" : "excepted",
    severity: findings.some((f) => f.severity === "error") ? "error" : "warning",
    blocking: findings.some((f) => f.blocking && !f.excepted),
    field: first.field,
    value: first.value,
    message: first.message,
    // Per-account fixes (uncovered-account names the account) read as one only when they agree.
    fix: fixes.size === 1 ? first.fix : genericFix(findings),
    location,
    related: [...related.values()],
    resources: [...resources],
    findings,
    accounts: [...accounts.values()],
    types: [...types],
    excepted,
  };
}

/** The rule's own fix, when each account was told something of its own. */
function genericFix(findings: Finding[]): string {
  return findings[0].ruleFix ?? findings[0].fix;
}

function samePosition(a: SourcePosition, b: SourcePosition | undefined): boolean {
  return b !== undefined && a.file === b.file && a.line === b.line && a.column === b.column;
}
