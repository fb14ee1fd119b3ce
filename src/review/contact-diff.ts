import type { PolicyEvaluation } from "../engine/evaluate";
import { formatPosition } from "../reports/format-finding";
import type { Verdict } from "../run/verdict";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { addDays } from "../model/calendar-days";
import type { ContactType } from "../model/contact-types";
import type { PolicyException, Registry } from "../model/types";
import { compareFindings, type FindingSummary, type RootCauseSummary } from "./finding-changes";
import { reviewPolicy, type PolicyReview } from "./policy-review";
import { directoryChanges, type MembershipChange } from "./directory-changes";
import { compare, type AccountState, type ContactSnapshot, type ContactState, type Recipient } from "./contact-snapshot";

const TYPE_ORDER: readonly ContactType[] = ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"];
export const EXPIRY_WARNING_DAYS = 30;

export interface AccountRef {
  id: string;
  name: string;
  ou?: string;
}

/** One contact of one account whose values or reach differ between the two sides. */
export interface ContactChange {
  account: AccountRef;
  type: ContactType;
  before?: ContactState;
  after?: ContactState;
  /** Per address, the people it reaches after and not before, and the reverse: a phone still ringing does not make up for a lost mailbox. */
  gained: PeopleByAddress;
  lost: PeopleByAddress;
}

export type PeopleByAddress = Partial<Record<"email" | "phone", Recipient[]>>;

export interface ExceptionSummary {
  rule: string;
  account: string;
  type: string;
  reason: string;
  expires: string;
  location: string;
}

/** Everything a reviewer needs about a change to the registry; rendered as Markdown or printed as JSON. */
export interface ContactReview {
  /** What the change does to the policy itself, first: every setting and exception changed, weakenings marked. */
  policy: PolicyReview;
  today: string;
  changes: ContactChange[];
  accountsAdded: AccountRef[];
  accountsRemoved: AccountRef[];
  findingsIntroduced: FindingSummary[];
  findingsFixed: FindingSummary[];
  /** Errors on both sides: not this change's doing, but the reason the policy still fails after it. */
  findingsUnchanged: FindingSummary[];
  /** The same three, one entry per root cause with the accounts it affects: what the comment shows. */
  rootCausesIntroduced: RootCauseSummary[];
  rootCausesFixed: RootCauseSummary[];
  rootCausesUnchanged: RootCauseSummary[];
  exceptionsAdded: ExceptionSummary[];
  /** Exceptions on the head side that lapse within EXPIRY_WARNING_DAYS (already expired ones are findings). */
  exceptionsExpiring: ExceptionSummary[];
  /** Whether the head side fails the policy: what synth will say after merge. */
  headFails: boolean;
  /** Stacks whose Terraform configuration changes: the ones a pipeline needs to plan. */
  stacksToPlan: string[];
  /** Who joined and left each sourced group between the two sides' directory snapshots; absent when neither names directories. */
  directoryChanges?: MembershipChange[];
}

/** One side of a change, resolved once: effective contacts, what they will be, and the policy's verdict. */
export interface ReviewSide {
  registry: Registry;
  effective: readonly EffectiveContacts[];
  snapshot: ContactSnapshot;
  evaluation: PolicyEvaluation;
  /** The base revision has no registry (--allow-new-registry): an empty one with the default policy stands in. */
  absent?: boolean;
}

/** Compares the two sides account by account, in account-id order: linear in the number of accounts. */
export function reviewChange(
  base: ReviewSide,
  head: ReviewSide,
  /** `headVerdict`: the head side's verdict in the run's mode, judged once by the caller. */
  { today, headVerdict, stacksToPlan }: { today: string; headVerdict: Verdict; stacksToPlan: string[] },
): ContactReview {
  const changes: ContactChange[] = [];
  const accountsAdded: AccountRef[] = [];
  const accountsRemoved: AccountRef[] = [];
  const ids = [...new Set([...base.snapshot.keys(), ...head.snapshot.keys()])].sort(compare);
  for (const id of ids) {
    const before = base.snapshot.get(id);
    const after = head.snapshot.get(id);
    if (!before) accountsAdded.push(accountRef(after!));
    else if (!after) accountsRemoved.push(accountRef(before));
    else changes.push(...contactChanges(before, after));
  }
  const expiringBy = addDays(today, EXPIRY_WARNING_DAYS);
  const baseExceptions = new Set(base.registry.exceptions.map(exceptionKey));
  const { policy, findings: weakenings } = reviewPolicy(base.registry, head.registry, { baseAbsent: base.absent === true });
  return {
    policy,
    today,
    changes,
    accountsAdded,
    accountsRemoved,
    ...compareFindings(base.evaluation.findings, [...head.evaluation.findings, ...weakenings]),
    exceptionsAdded: head.registry.exceptions.filter((e) => !baseExceptions.has(exceptionKey(e))).map(exceptionSummary),
    exceptionsExpiring: head.registry.exceptions.filter((e) => e.expires >= today && e.expires <= expiringBy).map(exceptionSummary),
    headFails: headVerdict.failed,
    stacksToPlan,
    ...(base.registry.directories?.size || head.registry.directories?.size ? { directoryChanges: directoryChanges(base.registry, head.registry) } : {}),
  };
}

export function hasContactChanges(review: ContactReview): boolean {
  return review.changes.length + review.accountsAdded.length + review.accountsRemoved.length > 0;
}

function contactChanges(before: AccountState, after: AccountState): ContactChange[] {
  const changes: ContactChange[] = [];
  for (const type of TYPE_ORDER) {
    const was = before.contacts[type];
    const is = after.contacts[type];
    if (!was && !is) continue;
    const gained = peopleDifference(is, was);
    const lost = peopleDifference(was, is);
    if (was && is && sameValues(was.values, is.values) && !gained.email && !gained.phone && !lost.email && !lost.phone) continue;
    changes.push({ account: accountRef(after), type, before: was, after: is, gained, lost });
  }
  return changes;
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Who each address of `a` reaches that the same address of `b` does not; addresses with nobody are left out. */
function peopleDifference(a: ContactState | undefined, b: ContactState | undefined): PeopleByAddress {
  const result: PeopleByAddress = {};
  for (const field of ["email", "phone"] as const) {
    const other = new Set((b?.reaches[field] ?? []).map((p) => p.id));
    const people = (a?.reaches[field] ?? []).filter((p) => !other.has(p.id));
    if (people.length) result[field] = people;
  }
  return result;
}

function accountRef(state: AccountState): AccountRef {
  return { id: state.account.id, name: state.account.name, ...(state.account.ou ? { ou: state.account.ou } : {}) };
}

function exceptionKey(e: PolicyException): string {
  return [e.rule, e.account, e.type, e.reason, e.expires].join("\u001f");
}

function exceptionSummary(e: PolicyException): ExceptionSummary {
  return { rule: e.rule, account: e.account, type: e.type, reason: e.reason, expires: e.expires, location: formatPosition(e.position) };
}
