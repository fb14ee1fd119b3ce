import { CIS_1_1, type AccountRule } from "../src/engine/rule-contract";

/**
 * Given a plan sets contacts of an account it creates (an aws_organizations_account), whose id is known only after apply, Then WARN:
 *   the contacts' values are judged now, the account itself (required types, registry, exceptions) on the next plan.
 * Given a plan sets contacts with any other account_id known only after apply, Then WARN the same way.
 * Given the account's id is known, Then PASS.
 */
export const unknownAccount: AccountRule<"unknown-account"> = {
  id: "unknown-account",
  scope: "account",
  title: "Account id known only after apply",
  severity: "warning",
  explanation:
    "Code that creates accounts and sets their contacts in one run (account vending) only learns each account's id at apply. Its contacts' emails and phones are known and judged like any others, but which account they land on, and whether that account is in the registry and has every required type, can only be judged once the account exists.",
  fix: "nothing to change now: plan again after the apply, and the account is judged by its id",
  controls: [CIS_1_1],
  // Not a finding about a contact type, and it resolves itself on the next plan.
  exceptable: false,
  securitySeverity: 2.0,
  check(account) {
    const reason = account.unresolved?.reason;
    if (reason !== "created" && reason !== "after-apply") return [];
    const what = reason === "created" ? "is created by this plan, so its id is" : "has an account_id";
    return [
      {
        message: `${what} known only after apply: its contacts' values were judged; the account itself is judged on the next plan, once it exists`,
        // One line for every account of the kind, however many the plan vends.
        cause: { key: reason },
      },
    ];
  },
};
