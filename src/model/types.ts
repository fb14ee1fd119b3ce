/** Where a value stands in the registry file: what every error and finding points a person at. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export const ALTERNATE_CONTACT_TYPES = ["BILLING", "OPERATIONS", "SECURITY"] as const;
export type AlternateContactType = (typeof ALTERNATE_CONTACT_TYPES)[number];
export type ContactType = AlternateContactType | "PRIMARY";
/** The registry's lower-case keys for the contact types, as they are written in `defaults` and overrides. */
export type ContactSlot = "billing" | "operations" | "security" | "primary";
export const CONTACT_SLOTS: readonly ContactSlot[] = ["billing", "operations", "security", "primary"];

export interface Person {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  /** YYYY-MM-DD: on or after this day the person no longer receives anything. */
  left?: string;
  position: SourcePosition;
}

export interface Group {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Ids of people or other groups. */
  members: string[];
  /** YYYY-MM-DD of the last review of the membership. */
  reviewed?: string;
  position: SourcePosition;
}

export interface AlternateContactCard {
  id: string;
  name: string;
  title: string;
  email: string;
  phone: string;
  position: SourcePosition;
  fieldPositions: Partial<Record<"name" | "title" | "email" | "phone", SourcePosition>>;
}

export interface PrimaryContactCard {
  id: string;
  fullName: string;
  companyName?: string;
  phone: string;
  addressLine1: string;
  addressLine2?: string;
  addressLine3?: string;
  city: string;
  stateOrRegion?: string;
  districtOrCounty?: string;
  postalCode: string;
  countryCode: string;
  websiteUrl?: string;
  position: SourcePosition;
  fieldPositions: Partial<Record<string, SourcePosition>>;
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
  emailDomains?: string[];
  distinctTypes: boolean;
  requiredTypes: AlternateContactType[];
  mode: "enforce" | "warn";
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
  /** Path of the `aws organizations list-accounts` output, relative to the registry file, when coverage is wanted. */
  organizationAccountsFile?: string;
}
