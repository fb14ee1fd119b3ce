import type { Finding } from "../engine/evaluate";
import { groupByRootCause } from "../engine/root-causes";
import { formatPosition } from "../reports/format-finding";
import { compare } from "./contact-snapshot";

export interface FindingSummary {
  ruleId: string;
  severity: string;
  accountId?: string;
  accountName?: string;
  type?: string;
  field?: string;
  value?: string;
  message: string;
  fix: string;
  location?: string;
}

/** Findings of one rule with one cause, as the comment shows them: once, with the accounts they affect. */
export interface RootCauseSummary {
  ruleId: string;
  severity: string;
  field?: string;
  value?: string;
  message: string;
  fix: string;
  /** Where the fix goes. */
  location?: string;
  related: string[];
  types: string[];
  accounts: { id: string; name?: string }[];
  /** One per account and type. */
  findings: number;
}

/**
 * Findings matched by what they say, not where: the same problem on a line that moved is neither
 * introduced nor fixed. Excepted findings are left out; exceptions are reported on their own. Each list
 * comes twice: per account and type (JSON, for machines) and by root cause (what the comment shows).
 */
export function compareFindings(base: Finding[], head: Finding[]) {
  const key = (f: Finding) => [f.ruleId, f.accountId, f.type, f.field, f.value, f.message].join("\u001f");
  const active = (list: Finding[]) => new Map(list.filter((f) => !f.excepted).map((f) => [key(f), f]));
  const before = active(base);
  const after = active(head);
  const introduced = [...after.entries()].filter(([k]) => !before.has(k)).map(([, f]) => f);
  const fixed = [...before.entries()].filter(([k]) => !after.has(k)).map(([, f]) => f);
  const unchanged = [...after.entries()].filter(([k, f]) => before.has(k) && f.severity === "error").map(([, f]) => f);
  return {
    findingsIntroduced: order(introduced),
    findingsFixed: order(fixed),
    findingsUnchanged: order(unchanged),
    rootCausesIntroduced: byRootCause(introduced),
    rootCausesFixed: byRootCause(fixed),
    rootCausesUnchanged: byRootCause(unchanged),
  };
}

function order(list: Finding[]): FindingSummary[] {
  return list
    .map(summarizeFinding)
    .sort((a, b) => compare(a.accountId ?? "", b.accountId ?? "") || compare(a.type ?? "", b.type ?? "") || compare(a.ruleId, b.ruleId));
}

function byRootCause(findings: Finding[]): RootCauseSummary[] {
  return groupByRootCause(findings).map((cause) => ({
    ruleId: cause.ruleId,
    severity: cause.severity,
    field: cause.field,
    value: cause.value,
    message: cause.message,
    fix: cause.fix,
    location: cause.location ? formatPosition(cause.location) : cause.resources[0],
    related: cause.related.map(formatPosition),
    types: cause.types,
    accounts: cause.accounts,
    findings: cause.findings.length,
  }));
}

/** A finding as the JSON reports list it: its rule, severity, account and type, value, message, fix and place. */
export function summarizeFinding(f: Finding): FindingSummary {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    accountId: f.accountId,
    accountName: f.accountName,
    type: f.type,
    field: f.field,
    value: f.value,
    message: f.message,
    fix: f.fix,
    location: f.location ? formatPosition(f.location) : f.resource,
  };
}
