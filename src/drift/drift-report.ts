import type { ContactType } from "../model/contact-types";
import type { ContactDrift, FieldDrift } from "./drift";
import type { ReadFailure } from "../model/live-contacts";

/** Accounts named on a line before "and N more": the JSON report has them all. */
const NAMED = 3;

/** Drift that many accounts share: one cause (type, kind, and the same values on both sides), and every account it applies to. */
export interface DriftCause {
  type: ContactDrift["type"];
  kind: ContactDrift["kind"];
  card?: string;
  fields: FieldDrift[];
  accounts: { id: string; name: string }[];
}

/** Groups drift by cause, largest first: a default card changed in the console on 4,000 accounts is one cause, not 4,000 lines. */
export function driftCauses(drift: readonly ContactDrift[]): DriftCause[] {
  const causes = new Map<string, DriftCause>();
  for (const d of drift) {
    const key = JSON.stringify([d.type, d.kind, d.card, d.fields]);
    const cause = causes.get(key) ?? { type: d.type, kind: d.kind, ...(d.card ? { card: d.card } : {}), fields: d.fields, accounts: [] };
    cause.accounts.push({ id: d.accountId, name: d.accountName });
    causes.set(key, cause);
  }
  return [...causes.values()].sort((a, b) => b.accounts.length - a.accounts.length);
}

/** Reads that failed for one reason: the accounts, and each account and type that could not be read. */
export interface FailureCause {
  code: string;
  message: string;
  accounts: string[];
  contacts: { accountId: string; type: ContactType }[];
}

/** Failed reads grouped by error code: which accounts and types, and why. */
export function failureCauses(failures: readonly ReadFailure[]): FailureCause[] {
  const byCode = new Map<string, { code: string; message: string; accounts: Set<string>; contacts: FailureCause["contacts"] }>();
  for (const f of failures) {
    const cause = byCode.get(f.code) ?? { code: f.code, message: f.message, accounts: new Set<string>(), contacts: [] };
    cause.accounts.add(f.accountId);
    cause.contacts.push({ accountId: f.accountId, type: f.type });
    byCode.set(f.code, cause);
  }
  return [...byCode.values()].map((cause) => ({ ...cause, accounts: [...cause.accounts] }));
}

/**
 * The line every command that reads contacts prints per cause of failed reads: how many accounts, the
 * first of them, why, and what that means for the command's output (`consequence`).
 */
export function unreadAccountsLine(cause: FailureCause, consequence: string): string {
  return `could not read ${cause.accounts.length} account(s), ${listed(cause.accounts)} (${cause.code}: ${cause.message}); ${consequence}`;
}

/** The text report: a summary line, then one line per cause and per kind of failed read. */
export function formatDriftText(drift: readonly ContactDrift[], failures: readonly ReadFailure[], accountsRead: number): string {
  const causes = driftCauses(drift);
  const failed = failureCauses(failures);
  const lines: string[] = [];
  // "In sync" only when everything was read: a failed read leaves contacts nobody compared.
  if (drift.length === 0 && failures.length > 0)
    lines.push(`no drift in what was read: the contacts read of ${accountsRead} account(s) are as the registry says; the rest could not be read (below).`);
  else if (drift.length === 0) lines.push(`in sync: the contacts of ${accountsRead} account(s) are as the registry says.`);
  else {
    const accounts = new Set(drift.map((d) => d.accountId)).size;
    lines.push(`drift: ${drift.length} contact(s) on ${accounts} of ${accountsRead} account(s) read differ from the registry, from ${causes.length} cause(s).`);
  }
  for (const cause of causes) lines.push(`  ${causeLine(cause)}`);
  for (const f of failed) lines.push(`error: ${unreadAccountsLine(f, "what could not be read was not compared.")}`);
  return `${lines.join("\n")}\n`;
}

function causeLine(cause: DriftCause): string {
  const on = `on ${cause.accounts.length} account(s), ${listed(cause.accounts.map((a) => `${a.id} (${a.name})`))}`;
  switch (cause.kind) {
    case "missing":
      return `${cause.type} missing in AWS ${on}: the registry sets card ${cause.card}. Fix: apply the stack.`;
    case "unmanaged":
      return `${cause.type} present in AWS but not managed by the registry ${on} (${values(cause.fields, "actual")}). Fix: give the accounts a ${cause.type.toLowerCase()} card, or leave it.`;
    case "different":
      return `${cause.type} differs ${on}: ${cause.fields.map(fieldLine).join("; ")} (card ${cause.card}). Fix: apply the stack, or change the card if AWS is right.`;
  }
}

function fieldLine(f: FieldDrift): string {
  return `${f.field} is ${f.actual === undefined ? "unset" : JSON.stringify(f.actual)} in AWS, ${f.expected === undefined ? "unset" : JSON.stringify(f.expected)} in the registry`;
}

function values(fields: readonly FieldDrift[], side: "actual" | "expected"): string {
  return fields.map((f) => `${f.field} ${JSON.stringify(f[side])}`).join(", ");
}

/** The first items and how many more: "a, b, c and 7 more". */
export function listed(items: readonly string[]): string {
  return items.length <= NAMED ? items.join(", ") : `${items.slice(0, NAMED).join(", ")} and ${items.length - NAMED} more`;
}
