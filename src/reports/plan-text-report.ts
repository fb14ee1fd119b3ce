import type { PolicyMode } from "../run/policy-mode";
import type { PolicyEvaluation } from "../engine/evaluate";
import type { PlanJudgement, RemovedContact } from "../terraform/judge-plan";
import { formatPolicyText } from "./policy-text";

/**
 * What `contacts check-plan` prints: one line per root cause (as synth prints them), one per contact the
 * plan removes, then a summary line and, when the plan fails, what to do about it.
 */
export function formatPlanTextReport(evaluation: PolicyEvaluation, judgement: PlanJudgement, options: { mode: PolicyMode; source: string }): string {
  const removed = judgement.removed.map(formatRemoved);
  return formatPolicyText(evaluation, {
    mode: options.mode,
    failed: options.mode === "enforce" && evaluation.failed,
    afterFindings: removed,
    summarySuffix: `, ${judgement.removed.length} removed, in ${options.source}.`,
    warnConsequence: "this plan passes anyway",
    consequence:
      "The plan fails the contact policy: do not apply it. Fix the errors above, or add an exception with a reason and an expiry date to the registry.",
  });
}

/** `removed 444444444444 (data-platform) SECURITY module.m["444444444444"].aws_account_alternate_contact.this["SECURITY"]: deleted by this plan, not judged.` */
export function formatRemoved(removed: RemovedContact): string {
  const parts = ["removed"];
  if (removed.accountId) parts.push(removed.accountName ? `${removed.accountId} (${removed.accountName})` : removed.accountId);
  if (removed.type) parts.push(removed.type);
  parts.push(`${removed.address}:`);
  if (removed.removal === "forget") parts.push("leaves Terraform's management and stays in AWS as it is, not judged.");
  else if (removed.type === "PRIMARY")
    parts.push("deleted by this plan, not judged (AWS keeps every account's primary contact: the provider only drops it from state).");
  else parts.push("deleted by this plan, not judged.");
  return parts.join(" ");
}
