import type { TerraformStack } from "cdktf";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { ALTERNATE_CONTACT_TYPES } from "../registry/types";

/**
 * Terraform `import` blocks for every contact the stack manages, so the first apply in an organization
 * whose contacts already exist adopts them (import, then update in place) instead of failing or
 * overwriting blindly. Import ids are the provider's: `ACCOUNTID/TYPE` for a member account's alternate
 * contact, `TYPE` for the management account's; a primary contact's id is its account id.
 * Once a contact is in state, Terraform ignores its import block, so the setting can stay on.
 */
export function addImportBlocks(stack: TerraformStack, accounts: readonly EffectiveContacts[]) {
  const imports: { to: string; id: string }[] = [];
  for (const effective of accounts) {
    const { account } = effective;
    for (const type of ALTERNATE_CONTACT_TYPES) {
      if (!effective[type.toLowerCase() as "billing"]) continue;
      imports.push({
        to: `aws_account_alternate_contact.${type.toLowerCase()}["${account.id}"]`,
        id: account.management ? type : `${account.id}/${type}`,
      });
    }
    if (effective.primary) {
      imports.push({ to: `aws_account_primary_contact.primary["${account.id}"]`, id: account.id });
    }
  }
  if (imports.length) stack.addOverride("import", imports);
}
