import type { Finding } from "../engine/evaluate";
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

/**
 * Findings matched by what they say, not where: the same problem on a line that moved is neither
 * introduced nor fixed. Excepted findings are left out; exceptions are reported on their own.
 */
export function compareFindings(base: Finding[], head: Finding[]) {
  const key = (f: Finding) => [f.ruleId, f.accountId, f.type, f.field, f.value, f.message].join("\u001f");
  const active = (list: Finding[]) => new Map(list.filter((f) => !f.excepted).map((f) => [key(f), f]));
  const before = active(base);
  const after = active(head);
  const order = (list: Finding[]) =>
    list
      .map(summarizeFinding)
      .sort((a, b) => compare(a.accountId ?? "", b.accountId ?? "") || compare(a.type ?? "", b.type ?? "") || compare(a.ruleId, b.ruleId));
  return {
    findingsIntroduced: order([...after.entries()].filter(([k]) => !before.has(k)).map(([, f]) => f)),
    findingsFixed: order([...before.entries()].filter(([k]) => !after.has(k)).map(([, f]) => f)),
    findingsUnchanged: order([...after.entries()].filter(([k, f]) => before.has(k) && f.severity === "error").map(([, f]) => f)),
  };
}

function summarizeFinding(f: Finding): FindingSummary {
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
