import type { Account } from "./types";

/**
 * The management account is the one Terraform runs as, and AWS refuses it naming itself in account_id:
 * its contacts carry no account_id, and a contact without one is the management account's. Every
 * mapping between the two views goes through here.
 */

/** Who a contact without account_id belongs to when the registry marks no management account. */
const UNMARKED_MANAGEMENT_ACCOUNT = "management";

export function managementAccountId(accounts: readonly Pick<Account, "id" | "management">[]): string {
  return accounts.find((account) => account.management)?.id ?? UNMARKED_MANAGEMENT_ACCOUNT;
}

/** The account_id Terraform is given for an account's contacts: none for the management account. */
export function terraformAccountId(account: Pick<Account, "id" | "management">): string | null {
  return account.management ? null : account.id;
}

/** The provider's import id of an account's alternate contact: `TYPE` for the management account, `ACCOUNTID/TYPE` for a member. */
export function alternateContactImportId(account: Pick<Account, "id" | "management">, type: string): string {
  return account.management ? type : `${account.id}/${type}`;
}
