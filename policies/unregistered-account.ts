import { CIS_1_1, type AccountRule } from "../src/engine/rule-contract";

/**
 * Given a plan sets contacts of an account the registry does not list, Then WARN.
 * Given the registry names an organization snapshot, And it does not list the account either, Then FAIL:
 *   a mistyped account id, or an account of another organization.
 * Given the registry lists the account, Then PASS.
 */
export const unregisteredAccount: AccountRule<"unregistered-account"> = {
  id: "unregistered-account",
  scope: "account",
  title: "Plan sets contacts of an account outside the registry",
  severity: "warning",
  explanation:
    "The registry is the list of accounts whose contacts someone answers for. An account a plan writes contacts to without being in it gets no exceptions, no OU cards and no coverage check, and an id that not even the organization lists is most often a typo that sends the contacts to the wrong place.",
  fix: "add the account under accounts in the registry",
  controls: [CIS_1_1],
  // Concerns the account, not a contact type; the fix is one registry line.
  exceptable: false,
  securitySeverity: 3.0,
  check(account) {
    if (!account.listed || account.listed.registry) return [];
    const fix = `add "${account.accountId}": { name: ${JSON.stringify(account.accountName ?? account.accountId)} } under accounts in the registry`;
    if (account.listed.organization === false) {
      return [
        {
          severity: "error",
          message: "is in neither the registry nor the organization snapshot: a mistyped account id, or an account of another organization",
          fix: "correct the account id in the Terraform code, or refresh the organization snapshot and add the account to the registry",
          cause: { key: "unlisted" },
        },
      ];
    }
    const where = account.listed.organization ? "is in the organization but not in the registry" : "is not in the registry";
    return [{ message: `${where}; this plan sets its contacts`, fix, cause: { key: "unregistered" } }];
  },
};
