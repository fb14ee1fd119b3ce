import type { Finding, JudgedContact, PolicyEvaluation } from "../engine/evaluate";
import { slotOf, type ContactType } from "../model/contact-types";
import type { Directory } from "../model/directory";
import type { Registry } from "../model/types";
import type { EffectiveContacts, Origin } from "../registry/effective-contacts";
import { worse, type ContactEvidence, type EvidenceAccount, type EvidenceRow, type LiveContact, type RowResult } from "./evidence";
import { SharedContacts, type ChosenCard } from "./shared-contacts";

/** What AWS holds, per account and type, for the rows: see live-view.ts. */
export interface LiveView {
  readAt: string;
  /** Where it was read: "AWS Account Management" or the drift file. */
  source: string;
  /** The types compared: an account's every type read lets the account rules judge what it holds. */
  types: readonly ContactType[];
  /** By rowKey(account, type). */
  contacts: ReadonlyMap<string, LiveContact>;
  /** For a row the map does not name. */
  otherwise: LiveContact;
}

export const rowKey = (accountId: string, type: ContactType | undefined) => `${accountId}|${type ?? ""}`;

/**
 * One row per account and contact type: each judged contact joined with the card and level that chose it,
 * the groups behind its addresses and its findings; then a row for every account and type a finding names
 * without a contact (a required type missing, an account the registry does not list), and for every contact
 * AWS holds that the registry does not set. Linear in the contacts; rows without findings share their
 * ContactEvidence with every other account that has the same card from the same level.
 */
export function buildRows(
  evaluation: PolicyEvaluation,
  registry: Registry | undefined,
  effective: readonly EffectiveContacts[],
  live?: LiveView,
): EvidenceRow[] {
  const accounts = new Map<string, EvidenceAccount>();
  for (const account of registry?.accounts ?? [])
    accounts.set(account.id, { id: account.id, name: account.name, ou: account.ou, management: account.management });
  const accountOf = (id: string, name: string | undefined) => {
    let account = accounts.get(id);
    if (!account) accounts.set(id, (account = { id, name, management: false }));
    return account;
  };
  const effectiveById = new Map(effective.map((e) => [e.account.id, e]));
  const { byRow, byAccount } = indexFindings(evaluation.findings);
  const shared = new SharedContacts();
  const directory = evaluation.context.directory;
  const rows: EvidenceRow[] = [];
  // Row keys are needed only to join findings and live values: a passing run without AWS builds none.
  const keyed = byRow.size > 0 || byAccount.size > 0 || live !== undefined;
  const covered = new Set<string>();
  const accountsWithRows = new Set<string>();
  const liveOf = (key: string) => (live ? (live.contacts.get(key) ?? live.otherwise) : undefined);

  // Contacts come account by account: the account's entries are looked up once for its four contacts.
  let current: { id: string; account: EvidenceAccount; effective?: EffectiveContacts; findings?: Finding[] } | undefined;
  for (const judged of evaluation.contacts) {
    if (current?.id !== judged.accountId) {
      const id = judged.accountId;
      current = { id, account: accountOf(id, judged.accountName), effective: effectiveById.get(id), findings: byAccount.get(id) };
      if (keyed) accountsWithRows.add(id);
    }
    const key = keyed ? rowKey(judged.accountId, judged.type) : "";
    if (keyed) covered.add(key);
    const chosen = current.effective?.[slotOf(judged.type)];
    // A value from a hand-written resource is judged too, but no card of the registry chose it.
    const card = chosen && sameAddresses(chosen.card, judged) ? chosen : undefined;
    const own = keyed ? byRow.get(key) : undefined;
    let contact: ContactEvidence | undefined;
    if (own || current.findings) contact = contactEvidence({ judged, card, findings: [...(own ?? []), ...(current.findings ?? [])], directory });
    else {
      // Without findings every rule passed: the same card from the same level reads the same on every account.
      contact = shared.get(judged, card);
      if (!contact) contact = shared.set(judged, card, contactEvidence({ judged, card, findings: [], directory }));
    }
    rows.push({ account: current.account, contact, live: liveOf(key) });
  }
  // A finding about an account and type that has no contact: the contact is missing, or the account is not the registry's.
  for (const [key, own] of byRow) {
    if (covered.has(key)) continue;
    const { accountId, accountName, type } = own[0] as Finding & { accountId: string };
    covered.add(key);
    accountsWithRows.add(accountId);
    const findings = [...own, ...(byAccount.get(accountId) ?? [])];
    rows.push({ account: accountOf(accountId, accountName), contact: contactEvidence({ findings, directory, type }), live: liveOf(key) });
  }
  for (const [accountId, findings] of byAccount) {
    if (accountsWithRows.has(accountId)) continue;
    const account = accountOf(accountId, findings[0].accountName);
    rows.push({ account, contact: contactEvidence({ findings, directory }), live: liveOf(rowKey(accountId, undefined)) });
  }
  for (const [key, contact] of live?.contacts ?? []) {
    if (covered.has(key) || contact.status !== "unmanaged") continue;
    const [accountId, type] = key.split("|") as [string, ContactType];
    rows.push({ account: accountOf(accountId, undefined), contact: { ...unjudged(type), source: "not in the registry" }, live: contact });
  }
  if (rows.length > evaluation.contacts.length) {
    // Rows added for findings and for AWS go beside the account's other rows: an account's rows stay together.
    const order = new Map([...accounts.values()].map((account, i) => [account, i]));
    rows.sort((a, b) => order.get(a.account)! - order.get(b.account)!);
  }
  return rows;
}

function indexFindings(findings: readonly Finding[]) {
  const byRow = new Map<string, Finding[]>();
  const byAccount = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.accountId === undefined) continue;
    const map = finding.type ? byRow : byAccount;
    const key = finding.type ? rowKey(finding.accountId, finding.type) : finding.accountId;
    const list = map.get(key);
    if (list) list.push(finding);
    else map.set(key, [finding]);
  }
  return { byRow, byAccount };
}

/** A row's contact: what the policy judged (none for a finding without a contact), the card that chose it, its findings and who it reaches. */
function contactEvidence({
  judged,
  card,
  findings,
  directory,
  type = judged?.type,
}: {
  judged?: JudgedContact;
  card?: ChosenCard;
  findings: readonly Finding[];
  directory: Directory;
  type?: ContactType;
}): ContactEvidence {
  const contact = unjudged(type);
  if (card) {
    contact.card = card.card.id;
    contact.cardName = card.card.name ?? card.card.fullName;
    contact.source = originLabel(card.origin);
  }
  if (judged) {
    contact.email = judged.email;
    contact.phone = judged.phone;
    contact.reaches = judged.reaches;
    contact.groups = groupsBehind(directory, judged.email, judged.phone);
  }
  const byRule = new Map<string, Exclude<RowResult, "pass">>();
  for (const [rule, result] of Object.entries(judged?.results ?? {})) if (result !== "pass") byRule.set(rule, result);
  for (const finding of findings) {
    const result = finding.excepted ? "excepted" : finding.severity === "error" ? "fail" : "warn";
    byRule.set(finding.ruleId, worse(result, byRule.get(finding.ruleId) ?? "excepted") as Exclude<RowResult, "pass">);
    if (finding.excepted && !contact.exceptions.some((e) => e.rule === finding.ruleId))
      contact.exceptions.push({ rule: finding.ruleId, reason: finding.excepted.reason, expires: finding.excepted.expires });
  }
  contact.rules = [...byRule].map(([rule, result]) => ({ rule, result }));
  contact.result = contact.rules.reduce<RowResult>((worst, r) => worse(worst, r.result), "pass");
  return contact;
}

function sameAddresses(card: object, judged: JudgedContact): boolean {
  const { email, phone } = card as { email?: string; phone?: string };
  return email === judged.email && phone === judged.phone;
}

function unjudged(type: ContactType | undefined): ContactEvidence {
  return { type, reaches: {}, groups: [], result: "pass", rules: [], exceptions: [] };
}

/** The groups whose address a contact carries, each once. */
function groupsBehind(directory: Directory, email: string | undefined, phone: string | undefined): ContactEvidence["groups"] {
  const groups: ContactEvidence["groups"] = [];
  for (const { entry } of directory.lookupAddresses({ email, phone })) {
    if (entry?.kind === "group" && !groups.some((g) => g.id === entry.group.id)) groups.push({ id: entry.group.id, reviewed: entry.group.reviewed });
  }
  return groups;
}

export function originLabel(origin: Origin): string {
  return origin.level === "ou" ? `OU ${origin.path}` : origin.level;
}
