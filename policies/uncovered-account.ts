import { CIS_1_1, SECURITY_HUB_ACCOUNT_1, type OrganizationResult, type OrganizationRule } from "../src/engine/rule-contract";

/**
 * Given the organization lists an ACTIVE account, And the registry does not, Then FAIL (naming the account).
 * Given the organization lists a PENDING_ACTIVATION account the registry does not, Then WARN.
 * Given an account SUSPENDED, PENDING_CLOSURE or CLOSED is missing from the registry, Then PASS.
 * Given every ACTIVE account of the organization is in the registry, Then PASS.
 */
export const uncoveredAccount: OrganizationRule<"uncovered-account"> = {
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
  securitySeverity: 7.5,
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
