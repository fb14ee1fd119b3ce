import type { SourcePosition } from "./types";

/**
 * An account's lifecycle state in AWS Organizations (the `State` field of ListAccounts). The older
 * `Status` field (ACTIVE, SUSPENDED, PENDING_CLOSURE), retired by AWS on 2026-09-09, maps onto it.
 */
export const ORGANIZATION_ACCOUNT_STATES = ["PENDING_ACTIVATION", "ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"] as const;
export type OrganizationAccountState = (typeof ORGANIZATION_ACCOUNT_STATES)[number];

/** An AWS account id as AWS writes it: 12 digits, as a string (leading zeros are part of it). */
export function isAccountId(value: unknown): value is string {
  return typeof value === "string" && /^\d{12}$/.test(value);
}

/** One account as AWS Organizations lists it. */
export interface OrganizationAccount {
  id: string;
  name?: string;
  state: OrganizationAccountState;
  /**
   * The names of the OUs from the root down to the account, "/"-joined as the registry's `ou` is
   * ("Workloads/Payments"); "" directly under the root. Only an organization snapshot (`contacts
   * org-snapshot`) has it; a plain `list-accounts` output leaves it undefined, and then nothing checks OUs.
   */
  ouPath?: string;
  /** Where the account stands in the accounts file. */
  position?: SourcePosition;
}

/** An account the registry lists. */
export interface ListedAccount {
  id: string;
  name?: string;
  /** The registry's `ou`; undefined when the account sits directly under the root. */
  ou?: string;
  position?: SourcePosition;
}

/** What the organization rules judge: the whole organization against the whole registry. */
export interface OrganizationCoverage {
  organization: readonly OrganizationAccount[];
  accounts: readonly ListedAccount[];
  /** The accounts file, for findings about an organization account that has no position of its own. */
  accountsFile?: SourcePosition;
}

/** The organization as one read found it: what `contacts org-snapshot` writes and `contacts import` builds on. */
export interface OrganizationSnapshot {
  organizationId: string;
  managementAccountId: string;
  /** Every account, with its state and OU path ("" directly under the root), ordered by id. */
  accounts: OrganizationAccount[];
  /** ISO time of the read. */
  readAt: string;
  /** OUs whose name holds "/", which an OU path reads as a separator: see ouNameWarnings. */
  ousNamedWithSlash?: { id: string; name: string; path: string }[];
}
