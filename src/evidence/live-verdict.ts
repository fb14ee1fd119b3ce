import type { Finding, PolicyEvaluation } from "../engine/evaluate";
import { judgeHeldContacts, type HeldAccount } from "../engine/judge-held";
import type { ContactType } from "../model/contact-types";
import type { Registry } from "../model/types";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { countFindings } from "../reports/format-finding";
import { judgeVerdict, type Verdict } from "../run/verdict";
import { worse, type LiveContact, type LiveVerdict, type RowResult } from "./evidence";
import { rowKey, type LiveView } from "./evidence-rows";

/** A row whose contact AWS was found to hold, or found not to hold: what the policy can judge. */
const JUDGED_STATUSES = new Set<LiveContact["status"]>(["matches", "differs", "unmanaged", "missing"]);

/**
 * What AWS holds (read with --live, or as a drift file says), judged as the registry is: the same rules with the
 * registry's people, groups, policy and exceptions (judgeHeldContacts), on the day and with the rules (a team's own
 * included) the registry's verdict was judged with. Returns the live view with each judged
 * row's result and rules, and the verdict. A row not read, or unknown, is not judged: the verdict says what was.
 */
export function judgeLiveView({
  registry,
  registryVerdict: { evaluation: registryEvaluation, mode },
  effective,
  live,
}: {
  registry: Registry;
  /** The registry's verdict: its day, its rule pack and the run's mode. */
  registryVerdict: Verdict;
  effective: readonly EffectiveContacts[];
  live: LiveView;
}): { live: LiveView; verdict: LiveVerdict; evaluation: PolicyEvaluation } {
  const held: HeldAccount[] = [];
  for (const { account } of effective) {
    const read: ContactType[] = [];
    const values: HeldAccount["held"] = {};
    for (const type of live.types) {
      const contact = live.contacts.get(rowKey(account.id, type));
      if (!contact || !JUDGED_STATUSES.has(contact.status)) continue;
      read.push(type);
      if (contact.status !== "missing" && contact.held) values[type] = contact.held;
    }
    if (read.length) held.push({ accountId: account.id, accountName: account.name, position: account.position, read, held: values });
  }
  const evaluation = judgeHeldContacts(registry, {
    today: registryEvaluation.context.today,
    rules: registryEvaluation.pack,
    accounts: held,
    types: live.types,
  });

  const { byRow, byAccount } = findingsByRow(evaluation.findings);
  const contacts = new Map<string, LiveContact>();
  let failing = 0;
  let lacking = 0;
  for (const [key, contact] of live.contacts) {
    if (!JUDGED_STATUSES.has(contact.status)) {
      contacts.set(key, contact);
      continue;
    }
    const findings = [...(byRow.get(key) ?? []), ...(byAccount.get(key.split("|")[0]) ?? [])];
    // A type AWS does not hold and no rule requires: nothing to judge.
    if (findings.length === 0 && contact.status === "missing") {
      contacts.set(key, contact);
      continue;
    }
    const rules = rulesNotPassing(findings);
    const result = rules.reduce<RowResult>((worst, r) => worse(worst, r.result), "pass");
    if (result === "fail") failing++;
    if (result === "fail" && contact.status === "missing") lacking++;
    contacts.set(key, { ...contact, result, rules });
  }
  // What AWS holds gets a verdict of its own, in the run's mode: a registry that passes says nothing about it.
  const judged = judgeVerdict(evaluation, mode);
  const verdict: LiveVerdict = {
    success: !evaluation.failed,
    mode,
    failsInMode: judged.failed,
    contacts: evaluation.contacts.length,
    failing,
    lacking,
    ...countFindings(evaluation.findings),
    rootCauses: judged.counts,
  };
  return { live: { ...live, contacts }, verdict, evaluation };
}

function findingsByRow(findings: readonly Finding[]) {
  const byRow = new Map<string, Finding[]>();
  const byAccount = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.accountId === undefined) continue;
    const [map, key] = finding.type ? [byRow, rowKey(finding.accountId, finding.type)] : [byAccount, finding.accountId];
    map.set(key, [...(map.get(key) ?? []), finding]);
  }
  return { byRow, byAccount };
}

function rulesNotPassing(findings: readonly Finding[]): NonNullable<LiveContact["rules"]> {
  const byRule = new Map<string, Exclude<RowResult, "pass">>();
  for (const finding of findings) {
    const result = finding.excepted ? "excepted" : finding.severity === "error" ? "fail" : "warn";
    byRule.set(finding.ruleId, worse(result, byRule.get(finding.ruleId) ?? "excepted") as Exclude<RowResult, "pass">);
  }
  return [...byRule].map(([rule, result]) => ({ rule, result }));
}
