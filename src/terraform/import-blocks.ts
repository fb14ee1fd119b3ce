import type { EffectiveContacts } from "../registry/effective-contacts";
import { ALTERNATE_CONTACT_TYPES, slotOf } from "../model/contact-types";
import { alternateContactImportId } from "../model/management-account";

/**
 * Terraform `import` blocks for every contact the stack manages, so the first apply in an organization
 * whose contacts already exist adopts them (import, then update in place) instead of failing or
 * overwriting blindly. Import ids are the provider's: `ACCOUNTID/TYPE` for a member account's alternate
 * contact, `TYPE` for the management account's, `default` for the management account's primary contact.
 * Member accounts' primary contacts get no import block: hashicorp/aws (5.100.0 and earlier, issue #41154)
 * imports them with an empty account_id, reading the management account's contact, and then plans a
 * replacement. Their "create" is a plain PutContactInformation, so applying without import is the same write.
 * Once a contact is in state, Terraform ignores its import block, so the setting can stay on.
 */
export function importBlocks(accounts: readonly EffectiveContacts[]): { to: string; id: string }[] {
  const imports: { to: string; id: string }[] = [];
  for (const effective of accounts) {
    const { account } = effective;
    for (const type of ALTERNATE_CONTACT_TYPES) {
      if (!effective[slotOf(type)]) continue;
      imports.push({ to: `aws_account_alternate_contact.${slotOf(type)}["${account.id}"]`, id: alternateContactImportId(account, type) });
    }
    if (effective.primary && account.management) {
      imports.push({ to: `aws_account_primary_contact.primary["${account.id}"]`, id: "default" });
    }
  }
  return imports;
}
