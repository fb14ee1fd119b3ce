import type { EffectiveContacts } from "../registry/effective-contacts";
import { ALTERNATE_CONTACT_TYPES, slotOf, type ContactType } from "../model/contact-types";
import { alternateContactImportId } from "../model/management-account";

/**
 * Terraform `import` blocks for the contacts the stack manages that AWS already holds (`exists`, from the
 * record `contacts import` or `contacts drift --existing` wrote), so the first apply in an organization
 * adopts them (import, then update in place) and creates only the others: an import block for a contact
 * that was never set fails the whole plan ("Cannot import non-existent remote object"). Import ids are the
 * provider's: `ACCOUNTID/TYPE` for a member account's alternate contact, `TYPE` for the management
 * account's, `default` for the management account's primary contact.
 * Member accounts' primary contacts get no import block: hashicorp/aws (5.100.0 and earlier, issue #41154)
 * imports them with an empty account_id, reading the management account's contact, and then plans a
 * replacement. Their "create" is a plain PutContactInformation, so applying without import is the same write.
 * Once a contact is in state, Terraform ignores its import block, so the setting can stay on.
 */
export function importBlocks(accounts: readonly EffectiveContacts[], exists: (accountId: string, type: ContactType) => boolean): { to: string; id: string }[] {
  const imports: { to: string; id: string }[] = [];
  for (const effective of accounts) {
    const { account } = effective;
    for (const type of ALTERNATE_CONTACT_TYPES) {
      if (!effective[slotOf(type)] || !exists(account.id, type)) continue;
      imports.push({ to: `aws_account_alternate_contact.${slotOf(type)}["${account.id}"]`, id: alternateContactImportId(account, type) });
    }
    if (effective.primary && account.management && exists(account.id, "PRIMARY")) {
      imports.push({ to: `aws_account_primary_contact.primary["${account.id}"]`, id: "default" });
    }
  }
  return imports;
}
