import { CIS_1_1, type OrganizationResult, type OrganizationRule } from "../src/engine/rule-contract";

/**
 * Given a registry account the organization lists as SUSPENDED, PENDING_CLOSURE or CLOSED, Then WARN.
 * Given a registry account the organization does not list, Then WARN.
 * Given a registry account ACTIVE or PENDING_ACTIVATION in the organization, Then PASS.
 */
export const staleAccount: OrganizationRule<"stale-account"> = {
  id: "stale-account",
  scope: "organization",
  title: "Registry account not active in the organization",
  severity: "warning",
  explanation:
    "Contacts matter on running accounts: a closing, closed or departed account keeps an entry that manages nothing (and Terraform may fail to read or change its contacts), and an id the organization does not list is often a typo that leaves the real account uncovered.",
  fix: "correct the account id, or remove the account from the registry",
  controls: [CIS_1_1],
  exceptable: false,
  securitySeverity: 2.0,
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
