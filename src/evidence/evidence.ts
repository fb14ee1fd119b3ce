import type { RootCause } from "../engine/root-causes";
import type { ContactType } from "../model/contact-types";
import type { DirectoryKind, MemberState } from "../model/directory-reading";
import type { PolicyMode } from "../run/policy-mode";

/** How a row stands, worst first: an error that stands, a warning, a finding an exception waives, or nothing found. */
export type RowResult = "fail" | "warn" | "excepted" | "pass";

export interface EvidenceAccount {
  id: string;
  name?: string;
  ou?: string;
  management: boolean;
}

/**
 * What one contact of one account is, as an auditor reads it. Thousands of accounts share a card, an
 * origin and a verdict, so rows share these objects: the page and the CSV render each one once.
 */
export interface ContactEvidence {
  /** Absent on a row about the account as a whole (an account the registry does not list). */
  type?: ContactType;
  card?: string;
  /** The card's `name` (an alternate contact) or `fullName` (the primary contact). */
  cardName?: string;
  /** Which level of the registry chose the card: "account", "OU Workloads/Payments" or "defaults". */
  source?: string;
  email?: string;
  phone?: string;
  /** The current people each address reaches, by name. */
  reaches: { email?: string[]; phone?: string[] };
  /** The groups behind the email and the phone (not the nested ones), with the day each was last reviewed. */
  groups: { id: string; reviewed?: string }[];
  /** Every group it depends on, nested ones included: set by whoIsReached. */
  dependsOn?: string[];
  result: RowResult;
  /** Every rule that did not pass, and how it stands. */
  rules: { rule: string; result: Exclude<RowResult, "pass"> }[];
  exceptions: { rule: string; reason: string; expires: string }[];
}

/** What AWS holds for a row, as `--live` read it or a `contacts drift --format json` file said. */
export type LiveStatus = "matches" | "differs" | "missing" | "unmanaged" | "not-read" | "unknown";

/** Contacts AWS holds otherwise than the registry says: differing, missing or unmanaged (not read and unknown are neither). */
export function notAsRegistered(live: Record<LiveStatus, number>): number {
  return live.differs + live.missing + live.unmanaged;
}

export interface LiveContact {
  status: LiveStatus;
  /** The values AWS holds, by registry field name (email, phone, name, fullName, ...). */
  held?: Record<string, string>;
  /** For `differs`: the fields whose values differ. */
  fields: string[];
  /** Why the status is not-read or unknown. */
  note?: string;
  /**
   * How what AWS holds stands with the policy, judged by the registry's rules, people, groups and exceptions
   * (see live-verdict.ts); absent when nothing was judged (not read, unknown, or a type AWS need not hold).
   */
  result?: RowResult;
  /** Every rule what AWS holds does not pass, and how it stands. */
  rules?: { rule: string; result: Exclude<RowResult, "pass"> }[];
}

/** The policy's verdict on what AWS holds now, apart from the registry's: what is, not what was intended. */
export interface LiveVerdict {
  /** No error stands against a contact AWS holds (or lacks), whatever the mode. */
  success: boolean;
  mode: PolicyMode;
  /** Whether it fails in this mode (PolicyEvaluation.failsIn): what the exit status follows, as it does for the registry. */
  failsInMode: boolean;
  /** Contacts AWS holds that were judged. */
  contacts: number;
  /** Rows (account and type) whose contact in AWS fails: a value that fails a rule, or a required contact AWS does not hold. */
  failing: number;
  /** Of the failing rows, those of a required contact AWS does not hold. */
  lacking: number;
  errors: number;
  warnings: number;
  excepted: number;
  /** As the registry's verdict counts them in its sentence: findings of one rule with one cause are one. */
  rootCauses: { errors: number; warnings: number; excepted: number };
}

export interface EvidenceRow {
  account: EvidenceAccount;
  contact: ContactEvidence;
  live?: LiveContact;
}

/** A group and who depends on it: who it reaches (nested groups expanded) and the accounts whose contacts go to it. */
export interface GroupEvidence {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  reviewed?: string;
  /** The day its review expires (reviewed + policy.maxReviewAgeDays); absent when never reviewed. */
  reviewDue?: string;
  /** Direct members: ids of people and of nested groups. */
  members: string[];
  /** Everyone it reaches today, nested groups expanded: ids of current people. */
  current: string[];
  /** Members (nested ones too) who left: ids. */
  departed: string[];
  /** How many accounts have a contact that reaches this group, directly or through a group that nests it. */
  accounts: number;
  /**
   * Where its membership comes from: a `directories` id, or "registry" for typed members. Set, with `people`,
   * only when the registry names directories: a registry-only evidence reads as it always did.
   */
  source?: string;
  /** When the directory snapshot read that source; absent for "registry". */
  readAt?: string;
  /** Everyone it reaches or reached, nested groups expanded, each once, with their state and why. */
  people?: MemberEvidence[];
}

/** A group's member as the company directory (or, for typed members, the registry) says they stand. */
export interface MemberEvidence {
  name: string;
  email?: string;
  state: MemberState;
  /** Why not current, in the directory's own terms ("userAccountControl has ACCOUNTDISABLE"), or the registry's `left` day. */
  reason?: string;
}

/** A company directory the registry names, and when the snapshot read it. */
export interface DirectoryEvidence {
  id: string;
  kind: DirectoryKind;
  where: string;
  /** Absent when the snapshot holds no reading of it. */
  readAt?: string;
}

/** A person, and the blast radius of their leaving. */
export interface PersonEvidence {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  left?: string;
  /** Whether they have left as of today (a `left` day in the future is announced, not yet gone). */
  gone: boolean;
  /** Groups that list them directly. */
  groups: string[];
  /** Contacts (account and type) whose email or phone reaches them. */
  contacts: number;
  /** Contacts that would reach fewer than policy.minRecipients current people if they left, and on how many accounts. */
  atRisk: { contacts: number; accounts: number };
}

export interface Provenance {
  registryFile: string;
  /** sha256 of the registry file's bytes; absent when it could not be read. */
  registrySha256?: string;
  /** The git commit HEAD of the repository holding the registry, or "unknown". */
  gitCommit: string;
  /** Whether the registry file differs from that commit: what the hash then evidences is the working copy. */
  gitState: "committed" | "modified" | "untracked" | "unknown";
  generatedAt: string;
  /** What produced the evidence: "cdktf synth" or "contacts evidence". */
  source: string;
  toolVersion: string;
}

export interface ExceptionEvidence {
  rule: string;
  account: string;
  type: ContactType;
  reason: string;
  expires: string;
  /** Days from today to the expiry (negative once expired). */
  daysLeft: number;
  /** Whether it waived a finding in this run. */
  used: boolean;
}

export interface ReviewDue {
  group: string;
  reviewed?: string;
  /** Absent when the group was never reviewed: due now. */
  due?: string;
  daysLeft: number;
}

export interface EvidenceSummary {
  /** As the JSON report counts them: accounts and contacts judged, findings that stand and findings excepted. */
  accounts: number;
  contacts: number;
  errors: number;
  warnings: number;
  excepted: number;
  rows: number;
  rootCauses: { errors: number; warnings: number; excepted: number };
  exceptions: ExceptionEvidence[];
  /** Groups whose review expires within the next 30 days, or has expired. */
  reviewsDue: ReviewDue[];
  live?: Record<LiveStatus, number>;
}

export interface Evidence {
  provenance: Provenance;
  /** The registry's management account: the organization the evidence is about. */
  organization: { management?: EvidenceAccount; accounts: number };
  verdict: { success: boolean; mode: PolicyMode; today: string };
  policy: { minRecipients: number; maxReviewAgeDays: number };
  summary: EvidenceSummary;
  rows: EvidenceRow[];
  groups: GroupEvidence[];
  people: PersonEvidence[];
  rootCauses: readonly RootCause[];
  live?: { readAt: string; source: string };
  /** The registry's `directories`, when it names any: where each sourced group's members were read, and when. */
  directories?: DirectoryEvidence[];
  /** With AWS's values: the policy's verdict on them. */
  liveVerdict?: LiveVerdict;
  /** Set when the registry did not load: the evidence then holds its errors and no contacts. */
  registryDidNotLoad?: boolean;
}

/** Worst first, for a row's result and for sorting. */
export const RESULT_ORDER: readonly RowResult[] = ["fail", "warn", "excepted", "pass"];

export function worse(a: RowResult, b: RowResult): RowResult {
  return RESULT_ORDER.indexOf(a) <= RESULT_ORDER.indexOf(b) ? a : b;
}
