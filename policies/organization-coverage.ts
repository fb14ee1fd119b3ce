import type { SourcePosition } from "../src/registry/types";
import { CIS_1_1, SECURITY_HUB_ACCOUNT_1, type OrganizationResult, type OrganizationRule } from "./rule";

/**
 * An account's lifecycle state in AWS Organizations (the `State` field of ListAccounts). The older
 * `Status` field (ACTIVE, SUSPENDED, PENDING_CLOSURE), retired by AWS on 2026-09-09, maps onto it.
 */
export const ORGANIZATION_ACCOUNT_STATES = ["PENDING_ACTIVATION", "ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"] as const;
export type OrganizationAccountState = (typeof ORGANIZATION_ACCOUNT_STATES)[number];

/** One account as AWS Organizations lists it. */
export interface OrganizationAccount {
  id: string;
  name?: string;
  state: OrganizationAccountState;
  /** Where the account stands in the accounts file. */
  position?: SourcePosition;
}

/** An account the registry lists. */
export interface ListedAccount {
  id: string;
  name?: string;
  position?: SourcePosition;
}

/** What the organization rules judge: the whole organization against the whole registry. */
export interface OrganizationCoverage {
  organization: readonly OrganizationAccount[];
  accounts: readonly ListedAccount[];
  /** The accounts file, for findings about an organization account that has no position of its own. */
  accountsFile?: SourcePosition;
}

/**
 * Given the organization lists an ACTIVE account, And the registry does not, Then FAIL (naming the account).
 * Given the organization lists a PENDING_ACTIVATION account the registry does not, Then WARN.
 * Given an account SUSPENDED, PENDING_CLOSURE or CLOSED is missing from the registry, Then PASS.
 * Given every ACTIVE account of the organization is in the registry, Then PASS.
 */
export const uncoveredAccount: OrganizationRule = {
  id: "uncovered-account",
  scope: "organization",
  title: "Organization account missing from the registry",
  severity: "error",
  explanation:
    "An account nobody added to the registry never gets alternate contacts: AWS sends its billing, operations and security notices to the root user's email alone, often an address nobody reads. Scanners judge the accounts they are pointed at, so only a comparison with the organization finds this gap.",
  fix: "add the account under accounts in the registry",
  controls: [CIS_1_1, SECURITY_HUB_ACCOUNT_1],
  // An exception is per contact type, and a missing account has none; the fix is one line in the registry.
  exceptable: false,
  check({ organization, accounts, accountsFile }) {
    const listed = new Set(accounts.map((a) => a.id));
    const results: OrganizationResult[] = [];
    for (const account of organization) {
      if (listed.has(account.id) || (account.state !== "ACTIVE" && account.state !== "PENDING_ACTIVATION")) continue;
      const pending = account.state === "PENDING_ACTIVATION";
      results.push({
        accountId: account.id,
        accountName: account.name,
        severity: pending ? "warning" : undefined,
        message: pending
          ? "is PENDING_ACTIVATION in the organization and not in the registry; it fails coverage once its sign-up completes"
          : "is ACTIVE in the organization but not in the registry, so nothing sets its contacts",
        fix: `add "${account.id}": { name: ${JSON.stringify(account.name ?? account.id)} } under accounts in the registry`,
        location: account.position ?? accountsFile,
      });
    }
    return results;
  },
};

/**
 * Given a registry account the organization lists as SUSPENDED, PENDING_CLOSURE or CLOSED, Then WARN.
 * Given a registry account the organization does not list, Then WARN.
 * Given a registry account ACTIVE or PENDING_ACTIVATION in the organization, Then PASS.
 */
export const staleAccount: OrganizationRule = {
  id: "stale-account",
  scope: "organization",
  title: "Registry account not active in the organization",
  severity: "warning",
  explanation:
    "Contacts matter on running accounts: a closing, closed or departed account keeps an entry that manages nothing (and Terraform may fail to read or change its contacts), and an id the organization does not list is often a typo that leaves the real account uncovered.",
  fix: "correct the account id, or remove the account from the registry",
  controls: [CIS_1_1],
  exceptable: false,
  check({ organization, accounts }) {
    const states = new Map(organization.map((a) => [a.id, a.state]));
    const results: OrganizationResult[] = [];
    for (const account of accounts) {
      const state = states.get(account.id);
      if (state === "ACTIVE" || state === "PENDING_ACTIVATION") continue;
      results.push({
        accountId: account.id,
        accountName: account.name,
        message: state ? `is ${state} in the organization, not ACTIVE` : "is not in the organization's account list",
        fix: state ? "remove the account from the registry once it is closed for good" : undefined,
        location: account.position,
      });
    }
    return results;
  },
};
