import type { AlternateContactFields, PrimaryContactFields } from "./contact-fields";
import type { CompanyDirectory } from "./company-directory";
import type { DirectorySourceConfig, MemberState } from "./directory-reading";
import { ALTERNATE_CONTACT_TYPES, type AlternateContactType, type ContactSlot, type ContactType } from "./contact-types";

export type { SourcePosition } from "./source-position";
import type { SourcePosition } from "./source-position";

// Declared in contact-types and contact-fields; re-exported for the modules that import the model from here.
export { ALTERNATE_CONTACT_TYPES, CONTACT_SLOTS, type AlternateContactType, type ContactSlot, type ContactType } from "./contact-types";

export interface Person {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  /** YYYY-MM-DD: on or after this day the person no longer receives anything. */
  left?: string;
  position: SourcePosition;
  /** Where each field's value stands (`left`, `email`, ...): a finding caused by a departure points at its `left` line. */
  fieldPositions?: Partial<Record<"name" | "email" | "phone" | "left", SourcePosition>>;
  /** A member the company directory lists, not the registry: its source, and its state there. */
  directory?: { source: string; state: MemberState; reason?: string };
}

export interface Group {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Ids of people or other groups; with `source`, the expected membership (empty when not typed). */
  members: string[];
  /** The `directories` id the membership is read from, the group found there by its email. */
  source?: string;
  /** YYYY-MM-DD of the last review of the membership. */
  reviewed?: string;
  position: SourcePosition;
  /** Where each field's value stands: findings about the membership point at `members`, about its age at `reviewed`. */
  fieldPositions?: Partial<Record<"name" | "email" | "phone" | "members" | "reviewed" | "source", SourcePosition>>;
}

/** An alternate contact card: its fields are the contact-field table's (name, title, email, phone). */
export interface AlternateContactCard extends AlternateContactFields {
  id: string;
  position: SourcePosition;
  fieldPositions: Partial<Record<keyof AlternateContactFields, SourcePosition>>;
}

/** A primary contact card: its fields are the contact-field table's (fullName, phone, address, ...). */
export interface PrimaryContactCard extends PrimaryContactFields {
  id: string;
  position: SourcePosition;
  fieldPositions: Partial<Record<keyof PrimaryContactFields, SourcePosition>>;
}

export type ContactRefs = Partial<Record<ContactSlot, string>>;

export interface Account {
  id: string;
  name: string;
  ou?: string;
  management: boolean;
  contacts: ContactRefs;
  position: SourcePosition;
}

export interface OrganizationalUnitOverride {
  path: string;
  contacts: ContactRefs;
  position: SourcePosition;
}

export interface PolicyException {
  rule: string;
  account: string;
  type: ContactType;
  reason: string;
  expires: string;
  position: SourcePosition;
}

export interface PolicySettings {
  minRecipients: number;
  maxReviewAgeDays: number;
  /** An exception may expire at most this many days after today (the loader checks it when given today). */
  maxExceptionDays: number;
  emailDomains?: string[];
  distinctTypes: boolean;
  requiredTypes: AlternateContactType[];
  mode: "enforce" | "warn";
  /** The severity of policy-weakened in `contacts review`; the base revision's setting applies, so a change cannot lower its own. */
  weakeningSeverity: "error" | "warning";
  /** The `directories` id every contact email no registry entry holds is resolved in. */
  resolveAddressesIn?: string;
  /** A directory reading older than this many days is an error. */
  maxDirectoryAgeDays: number;
}

/** The policy a registry gets for what it leaves out (and the reports of one that does not load): a fresh copy each call. */
export function defaultPolicySettings(): PolicySettings {
  return {
    minRecipients: 2,
    maxReviewAgeDays: 365,
    maxExceptionDays: 365,
    distinctTypes: false,
    requiredTypes: [...ALTERNATE_CONTACT_TYPES],
    mode: "enforce",
    weakeningSeverity: "warning",
    maxDirectoryAgeDays: 7,
  };
}

export interface Registry {
  file: string;
  version: 1;
  policy: PolicySettings;
  people: Map<string, Person>;
  groups: Map<string, Group>;
  contacts: Map<string, AlternateContactCard>;
  primaryContacts: Map<string, PrimaryContactCard>;
  defaults: ContactRefs;
  organizationalUnits: Map<string, OrganizationalUnitOverride>;
  /** In file order. */
  accounts: Account[];
  exceptions: PolicyException[];
  /** Where each policy setting stands (the policy block, or the file, for one left out): where a weakening is pointed at. */
  policyPositions?: Partial<Record<keyof PolicySettings, SourcePosition>>;
  /** Path of the `aws organizations list-accounts` output, relative to the registry file, when coverage is wanted. */
  organizationAccountsFile?: string;
  /** The company directories groups and the policy name, by id. */
  directories?: Map<string, DirectorySource>;
  /** Path of the directory snapshot, relative to the registry file; set when `directories` is. */
  directorySnapshotFile?: string;
  /** The snapshot's readings, as the loader read them beside the registry: who each sourced group reaches. */
  companyDirectory?: CompanyDirectory;
}

/** A `directories` entry: a source's settings (never a secret) and where it stands. */
export type DirectorySource = DirectorySourceConfig & { position: SourcePosition; outage?: DirectoryOutage };

/** An explicit, expiring exception for a directory outage: until `expires`, a stale snapshot of it is still judged. */
export interface DirectoryOutage {
  reason: string;
  expires: string;
}
