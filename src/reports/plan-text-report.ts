import type { PolicyMode } from "../run/policy-mode";
import type { PolicyEvaluation } from "../engine/evaluate";
import { verdictOf, type Verdict } from "../run/verdict";
import type { PlanJudgement, RemovedContact } from "../terraform/judge-plan";
import { formatPolicyText, type PolicyTextOptions } from "./policy-text";

/** Accounts named on a line of removed contacts; the JSON report lists every contact. */
const ACCOUNTS_SHOWN = 3;

/**
 * What `contacts check-plan` prints: one line per root cause (as synth prints them), one per kind of
 * removal (the same type removed the same way on any number of accounts), then a summary line and, when
 * the plan fails, what to do about it.
 */
export function formatPlanTextReport(judged: Verdict | PolicyEvaluation, judgement: PlanJudgement, options: { mode: PolicyMode; source: string }): string {
  const verdict = verdictOf(judged, options.mode);
  return formatPolicyText(verdict, { ...planTextOptions(judgement, options.source), mode: verdict.mode, failed: verdict.failed });
}

/** What check-plan's text adds to the verdict's: the removed contacts, the summary's count of them, and what a failure means. */
export function planTextOptions(judgement: PlanJudgement, source: string): Omit<PolicyTextOptions, "mode" | "failed"> {
  return {
    afterFindings: foldRemoved(judgement.removed).map(formatRemovedGroup),
    summarySuffix: `, ${judgement.removed.length} removed, in ${source}.`,
    warnConsequence: "this plan passes anyway",
    consequence:
      "The plan fails the contact policy: do not apply it. Fix the errors above, or add an exception with a reason and an expiry date to the registry.",
  };
}

/** Removed contacts by what happens to them, in the order first removed. */
function foldRemoved(removed: readonly RemovedContact[]): RemovedContact[][] {
  const groups = new Map<string, RemovedContact[]>();
  for (const contact of removed) {
    const key = `${contact.removal}|${contact.type ?? ""}|${contact.withAccount === true}|${contact.accountId === undefined}`;
    const group = groups.get(key);
    if (group) group.push(contact);
    else groups.set(key, [contact]);
  }
  return [...groups.values()];
}

/**
 * `removed 444444444444 (data-platform) SECURITY module.m["444444444444"].aws_account_alternate_contact.this["SECURITY"]: deleted by this plan.`,
 * or for several: `removed SECURITY of 40 accounts, 222222222222 (payments-prod), ... and 37 more: deleted by this plan (<first address> and 39 more).`
 */
function formatRemovedGroup(group: readonly RemovedContact[]): string {
  const [first] = group;
  if (group.length === 1) {
    const parts = ["removed"];
    if (first.accountId) parts.push(accountLabel(first));
    if (first.type) parts.push(first.type);
    return `${[...parts, `${first.address}:`].join(" ")} ${outcome(first)}.`;
  }
  const accounts = [...new Map(group.filter((c) => c.accountId).map((c) => [c.accountId, accountLabel(c)])).values()];
  const shown = accounts.slice(0, ACCOUNTS_SHOWN).join(", ");
  const more = accounts.length > ACCOUNTS_SHOWN ? ` and ${accounts.length - ACCOUNTS_SHOWN} more` : "";
  const what = accounts.length ? `of ${accounts.length} accounts, ${shown}${more}` : `${group.length} contacts`;
  return `removed ${first.type ? `${first.type} ` : ""}${what}: ${outcome(first)} (${first.address} and ${group.length - 1} more).`;
}

function accountLabel(contact: RemovedContact): string {
  return contact.accountName ? `${contact.accountId} (${contact.accountName})` : `${contact.accountId}`;
}

function outcome(contact: RemovedContact): string {
  if (contact.removal === "forget") return "leaves Terraform's management and stays in AWS as it is, not judged";
  if (contact.type === "PRIMARY")
    return "deleted by this plan, which leaves it in AWS (AWS keeps every account's primary contact: the provider only drops it from state)";
  if (contact.withAccount) return "deleted with the account, which this plan removes from the organization";
  return "deleted by this plan";
}
