import { CIS_1_1, type OrganizationResult, type OrganizationRule } from "../src/engine/rule-contract";

const where = (path: string) => (path === "" ? "directly under the root" : `in "${path}"`);

/**
 * Given a registry account whose `ou` differs from the OU path the organization snapshot gives it, Then FAIL (naming both paths).
 * Given a registry account without `ou`, And the snapshot has it in an OU, Then FAIL.
 * Given a registry account with an `ou`, And the snapshot has it directly under the root, Then FAIL.
 * Given a registry account whose `ou` is the snapshot's path, Then PASS.
 * Given an accounts file without OU paths (plain `list-accounts` output), Then PASS: there is nothing to compare with.
 * Given a registry account the organization lists as SUSPENDED, PENDING_CLOSURE or CLOSED, or does not list, Then PASS (stale-account's concern).
 */
export const ouMismatch: OrganizationRule<"ou-mismatch"> = {
  id: "ou-mismatch",
  scope: "organization",
  title: "Registry OU differs from the organization",
  severity: "error",
  explanation:
    "An account's `ou` decides which OU overrides give it its contacts. A typo or an account moved since leaves it with the defaults or another OU's cards, silently, while the registry reads as if it were right.",
  fix: "set the account's ou to the path the organization gives it",
  controls: [CIS_1_1],
  // About an account, not a contact type; the fix is one registry line.
  exceptable: false,
  securitySeverity: 5.0,
  check({ organization, accounts }) {
    const live = new Map(organization.map((a) => [a.id, a]));
    const results: OrganizationResult[] = [];
    for (const account of accounts) {
      const found = live.get(account.id);
      if (found?.ouPath === undefined || (found.state !== "ACTIVE" && found.state !== "PENDING_ACTIVATION")) continue;
      const registered = account.ou ?? "";
      if (registered === found.ouPath) continue;
      results.push({
        accountId: account.id,
        accountName: account.name,
        message: `is ${where(registered)} in the registry but ${where(found.ouPath)} in the organization`,
        fix:
          found.ouPath === ""
            ? `remove ou from "${account.id}" in the registry`
            : `set ou: ${found.ouPath} for "${account.id}" in the registry (or move the account in AWS Organizations)`,
        location: account.position,
      });
    }
    return results;
  },
};
