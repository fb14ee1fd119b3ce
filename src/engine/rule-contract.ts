import type { ContactType } from "../model/contact-types";
import type { PolicyException, PolicySettings, SourcePosition } from "../model/types";
import type { AddressLookup, Directory } from "../model/directory";
import type { OrganizationCoverage } from "../model/organization";
import type { RegistryIssue } from "../registry/errors";

/**
 * The rule contract: what a rule is and what it reports. The engine owns it and runs whatever rules it is
 * given; policies/ is the built-in pack written to it, and a team's own rules (cdktf.json's contactsRules) are too.
 */

export type Severity = "error" | "warning";

/** A value Terraform will receive: known text, or an expression only known at apply time. */
/** `sensitive`: a plan marks the value sensitive (after_sensitive); the rules judge it, no report shows it (src/engine/sensitive-values.ts). */
export type FieldValue = { known: true; value: string; sensitive?: true } | { known: false; expression: string };

/**
 * One contact as Terraform will set it, whatever produced it: the registry, a hand-written resource,
 * or a Terraform plan. Rules judge this and nothing else, so they run the same under cdktf or on a plan.
 */
export interface ContactValue {
  accountId: string;
  accountName?: string;
  type: ContactType;
  /** Every field Terraform will send, by registry field name (email, phone, name, title, fullName, ...). */
  fields: Record<string, FieldValue | undefined>;
  /** Where a person fixes it: the registry line, or the Terraform resource that wrote it. */
  location: ContactLocation;
}

export interface ContactLocation {
  /** Registry position of each field that came from the registry unchanged. */
  fields?: Partial<Record<string, SourcePosition>>;
  /** The card or account the contact came from. */
  registry?: SourcePosition;
  /** Terraform address (and construct path under cdktf) when the value did not come from the registry. */
  resource?: string;
}

/** All contacts of one account, for rules that judge an account as a whole. */
export interface AccountContacts {
  accountId: string;
  accountName?: string;
  contacts: ContactValue[];
  /** The registry sets a primary contact by default, so every account is expected to have one. */
  expectsPrimary: boolean;
  position?: SourcePosition;
  /** Where the contacts come from, so a fix points there: the registry (synth, review; the default) or a Terraform plan (check-plan). */
  source?: "registry" | "plan";
  /** From a plan: the types whose contact it deletes, and those it stops managing that AWS keeps (a forget; a primary contact's delete). */
  removed?: { deleted: readonly ContactType[]; keptInAws: readonly ContactType[] };
  /** From a plan: whether the registry lists the account, and (undefined without an organization snapshot) whether the organization does. */
  listed?: { registry: boolean; organization?: boolean };
  /**
   * From a plan that cannot give the account's id, which then names it as the plan does (accountId holds that name):
   * `created`, an aws_organizations_account the plan creates; `after-apply`, an account_id computed at apply;
   * `provider`, contacts without account_id planned with a provider whose account the plan does not say (a role
   * ARN built from an expression, credentials of its own); an empty `provider` when the plan does not say which
   * provider (a deleted contact whose block is gone).
   */
  unresolved?: { reason: "created" | "after-apply" } | { reason: "provider"; provider: string; expression: string };
}

export interface PolicyContext {
  directory: Directory;
  policy: PolicySettings;
  today: string;
}

/** What a rule reports; the engine adds the account, type, rule metadata and exceptions. */
export interface RuleResult {
  message: string;
  field?: string;
  value?: string;
  type?: ContactType;
  severity?: Severity;
  /**
   * Fails in every policy mode: warn mode may let a contact through, never a value Terraform would
   * evaluate as an expression (`${file(...)}` runs on the machine that plans).
   */
  blocking?: boolean;
  fix?: string;
  location?: SourcePosition;
  /** People the value reaches, for the report. */
  reaches?: string[];
  /** What made it fail, when that is more than the value itself (a person who left, a group's members). */
  cause?: RuleCause;
}

/**
 * The root cause of a result: results of one rule with the same cause are one finding, however many
 * accounts and types share it, located where the fix goes. Without one, the cause is the value itself
 * (the same address, the same card field): see src/engine/root-causes.ts.
 */
export interface RuleCause {
  /** Identifies the cause within the rule, stable across unrelated edits: no line numbers, e.g. `left:pat`, `group:finance`. */
  key: string;
  /** Where the fix goes: the `left` line of the person who left, the group's `members` line. */
  location?: SourcePosition;
  /** Other places involved, e.g. the group a departed person belonged to. */
  related?: SourcePosition[];
}

interface RuleMetadata<Id extends string> {
  /** Unique in the pack: the built-ins' ids are plain kebab-case; a team's own rule's is `<namespace>/<name>`. */
  id: Id;
  title: string;
  severity: Severity;
  /** Why it matters. */
  explanation: string;
  /** One sentence a person can act on. */
  fix: string;
  /** Controls the rule evidences. */
  controls: string[];
  /** Off unless the registry's policy turns it on. */
  enabled?: (policy: PolicySettings) => boolean;
  /** Whether a registry exception may waive it. */
  exceptable: boolean;
  /**
   * GitHub code scanning's severity, 0.1 to 10 (over 9 critical, 7 to 8.9 high, 4 to 6.9 medium, below 4 low):
   * how much a contact that fails this rule weakens the account's security notifications.
   */
  securitySeverity: number;
}

export interface ContactRule<Id extends string = string> extends RuleMetadata<Id> {
  scope: "contact";
  /** Must depend only on the contact's type and fields, not its account: each distinct contact is judged once. */
  check(contact: ContactValue, context: PolicyContext): RuleResult[];
  /**
   * For a contact resource whose instances (for_each, count) are only known at apply time, so there is no
   * contact to hand to check(): what the rule reports once for the resource, if anything.
   */
  checkUnknownInstances?(expression: string): RuleResult[];
}

export interface AccountRule<Id extends string = string> extends RuleMetadata<Id> {
  scope: "account";
  check(account: AccountContacts, context: PolicyContext): RuleResult[];
}

/** A result about one account of the organization or the registry: the rule names the account itself. */
export interface OrganizationResult extends RuleResult {
  accountId: string;
  accountName?: string;
}

export interface OrganizationRule<Id extends string = string> extends RuleMetadata<Id> {
  scope: "organization";
  /** Judges the whole organization against the whole registry, once per run. */
  check(coverage: OrganizationCoverage, context: PolicyContext): OrganizationResult[];
}

/** How the run used a registry exception, once every contact and account was judged. */
export interface ExceptionUsage {
  /** Whether it waived at least one finding. */
  waived: boolean;
}

export interface ExceptionRule<Id extends string = string> extends RuleMetadata<Id> {
  scope: "exception";
  /** Judges one registry exception after the run: the finding is about the exception, at its registry line. */
  check(exception: PolicyException, usage: ExceptionUsage, context: PolicyContext): RuleResult[];
}

/** A problem the registry loader found: the registry (or a file it names) cannot be read as written. */
export type { RegistryIssue };

export interface RegistryRule<Id extends string = string> extends RuleMetadata<Id> {
  scope: "registry";
  /** Turns one of the loader's problems into a result at its line, so it reaches the same reports as a finding. */
  check(problem: RegistryIssue): RuleResult[];
}

/** One side of a change to the policy itself: its settings, its exceptions, and where each setting stands. */
export interface PolicySide {
  policy: PolicySettings;
  exceptions: readonly PolicyException[];
  positions?: Partial<Record<keyof PolicySettings, SourcePosition>>;
  /** Each group's `source` (the directory its members are read from; undefined: typed members), and where it stands. */
  groupSources?: ReadonlyMap<string, { source?: string; position: SourcePosition }>;
  /** The `directories` ids, and where each stands. */
  directories?: ReadonlyMap<string, SourcePosition>;
  /** Each directory's connection and judgment settings (url, baseDN, disabledAttribute, tenantId, ...), by directory id. */
  directorySettings?: ReadonlyMap<string, Readonly<Record<string, string | undefined>>>;
  /** Each directory's outage exception (a stale snapshot of it still judged until `expires`), by directory id. */
  directoryOutages?: ReadonlyMap<string, { expires: string; position: SourcePosition }>;
}

export interface PolicyRule<Id extends string = string> extends RuleMetadata<Id> {
  scope: "policy";
  /** Judges a change to the policy, the base revision's against the change's: once per review, never in synth. */
  check(base: PolicySide, head: PolicySide): RuleResult[];
}

export type Rule<Id extends string = string> = ContactRule<Id> | AccountRule<Id> | OrganizationRule<Id> | ExceptionRule<Id> | RegistryRule<Id> | PolicyRule<Id>;

export const CIS_1_1 = "CIS AWS Foundations 1.1";
export const CIS_1_2 = "CIS AWS Foundations 1.2";
export const SECURITY_HUB_ACCOUNT_1 = "Security Hub Account.1";

export function known(field: FieldValue | undefined): string | undefined {
  return field && field.known ? field.value : undefined;
}

export { ADDRESS_FIELDS } from "../model/directory";

/** The contact's known addresses (email first) and what each reaches in the directory: a rule's one address lookup. */
export function addressesOf(contact: ContactValue, directory: Directory): AddressLookup[] {
  return directory.lookupAddresses({ email: known(contact.fields.email), phone: known(contact.fields.phone) });
}
