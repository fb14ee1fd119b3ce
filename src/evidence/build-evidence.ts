import type { Registry } from "../model/types";
import { addDays, daysBetween, REVIEW_WARNING_DAYS } from "../model/calendar-days";
import { resolveEffectiveContacts, type EffectiveContacts } from "../registry/effective-contacts";
import { countFindings } from "../reports/format-finding";
import type { PolicyEvaluation } from "../engine/evaluate";
import type { PolicyMode } from "../run/policy-mode";
import { judgeVerdict, type Verdict } from "../run/verdict";
import type { Evidence, EvidenceRow, EvidenceSummary, LiveStatus, Provenance } from "./evidence";
import { buildRows, type LiveView } from "./evidence-rows";
import { directoriesEvidence } from "./group-membership";
import { judgeLiveView } from "./live-verdict";
import { whoIsReached } from "./who-is-reached";

/** The run's verdict (its root causes grouped once, by the pipeline), or an evaluation and mode to judge here. */
export type EvidenceInputs = EvidenceJudgement & EvidenceSources;
export type EvidenceJudgement = { verdict: Verdict } | { evaluation: PolicyEvaluation; mode: PolicyMode };

export interface EvidenceSources {
  provenance: Provenance;
  /** Absent when the registry did not load: the evidence then holds its errors. */
  registry?: Registry;
  /** The registry's effective contacts, when the caller has them already. */
  effective?: readonly EffectiveContacts[];
  live?: LiveView;
}

/**
 * The evidence of one run: the policy's verdict and findings as the JSON report has them (the same
 * counts), every account's contacts with the card and level that chose them and who they reach, the
 * groups and people behind them, and, when given, what AWS holds.
 */
export function buildEvidence(inputs: EvidenceInputs): Evidence {
  const { provenance, registry, effective, live: read } = inputs;
  const verdict = "verdict" in inputs ? inputs.verdict : judgeVerdict(inputs.evaluation, inputs.mode);
  const { evaluation, mode, rootCauses } = verdict;
  const { today, directory, policy } = evaluation.context;
  const contacts = effective ?? (registry ? resolveEffectiveContacts(registry) : []);
  // What AWS holds is judged apart from the registry: a registry that passes says nothing about what AWS holds.
  const judged = read && registry ? judgeLiveView({ registry, registryVerdict: verdict, effective: contacts, live: read }) : undefined;
  const live = judged?.live ?? read;
  const rows = buildRows(evaluation, registry, contacts, live);
  const reached = registry ? whoIsReached(registry, directory, rows) : { groups: [], people: [] };
  const management = rows.find((row) => row.account.management)?.account ?? registry?.accounts.find((a) => a.management);
  const summary: EvidenceSummary = {
    ...countFindings(evaluation.findings),
    // As the JSON report counts them, so the two agree.
    contacts: evaluation.contacts.length,
    accounts: new Set(evaluation.contacts.map((c) => c.accountId)).size,
    rows: rows.length,
    rootCauses: verdict.counts,
    exceptions: (registry?.exceptions ?? []).map((e) => ({
      rule: e.rule,
      account: e.account,
      type: e.type,
      reason: e.reason,
      expires: e.expires,
      daysLeft: daysBetween(today, e.expires),
      used: evaluation.findings.some((f) => f.excepted && f.ruleId === e.rule && f.accountId === e.account && f.type === e.type),
    })),
    reviewsDue: reviewsDue(registry, today),
    live: live ? countLive(rows) : undefined,
  };
  return {
    provenance,
    organization: { management: management && { id: management.id, name: management.name, management: true }, accounts: registry?.accounts.length ?? 0 },
    verdict: { success: !evaluation.failed, mode, today },
    policy: { minRecipients: policy.minRecipients, maxReviewAgeDays: policy.maxReviewAgeDays },
    summary,
    rows,
    ...reached,
    rootCauses,
    live: live && { readAt: live.readAt, source: live.source },
    directories: registry && directoriesEvidence(registry),
    liveVerdict: judged?.verdict,
    registryDidNotLoad: registry ? undefined : true,
  };
}

/** Groups whose membership review expires within the warning window (or has), soonest first. */
function reviewsDue(registry: Registry | undefined, today: string): EvidenceSummary["reviewsDue"] {
  const due: EvidenceSummary["reviewsDue"] = [];
  for (const group of registry?.groups.values() ?? []) {
    if (!group.reviewed) {
      due.push({ group: group.id, daysLeft: 0 });
      continue;
    }
    const until = addDays(group.reviewed, registry!.policy.maxReviewAgeDays);
    const daysLeft = daysBetween(today, until);
    if (daysLeft <= REVIEW_WARNING_DAYS) due.push({ group: group.id, reviewed: group.reviewed, due: until, daysLeft });
  }
  return due.sort((a, b) => a.daysLeft - b.daysLeft);
}

function countLive(rows: readonly EvidenceRow[]): Record<LiveStatus, number> {
  const counts: Record<LiveStatus, number> = { matches: 0, differs: 0, missing: 0, unmanaged: 0, "not-read": 0, unknown: 0 };
  for (const row of rows) if (row.live) counts[row.live.status]++;
  return counts;
}
