import { ALTERNATE_FIELDS, PRIMARY_FIELDS } from "../../policies/terraform-contacts";
import { evaluationFor, type PolicyEvaluation } from "../../policies/evaluate";
import type { ContactValue, FieldValue } from "../../policies/rule";
import type { OrganizationAccount } from "../../policies/organization-coverage";
import { resolveEffectiveContacts } from "../registry/effective-contacts";
import { organizationAccountsPath } from "../registry/organization-accounts";
import { CONTACT_SLOTS, type AlternateContactCard, type PrimaryContactCard, type Registry } from "../registry/types";

/**
 * Runs the policy over a registry's effective contacts without building stacks: the contacts stack
 * writes each card's values verbatim, so these are the values synth judges, at a fraction of the cost.
 * Review runs this on both sides of a change to tell findings introduced from findings fixed; with the
 * organization's accounts it also judges coverage, as synth does.
 */
export function judgeRegistry(registry: Registry, today: string, organization?: readonly OrganizationAccount[]): PolicyEvaluation {
  const evaluation = evaluationFor(registry, today);
  for (const effective of resolveEffectiveContacts(registry)) {
    const { account } = effective;
    const contacts: ContactValue[] = [];
    for (const slot of CONTACT_SLOTS) {
      const chosen = effective[slot];
      if (!chosen) continue;
      const card = chosen.card as (AlternateContactCard | PrimaryContactCard) & Record<string, unknown>;
      const fields: Record<string, FieldValue | undefined> = {};
      for (const field of slot === "primary" ? PRIMARY_FIELDS : ALTERNATE_FIELDS) {
        const value = card[field];
        fields[field] = typeof value === "string" ? { known: true, value } : undefined;
      }
      const contact: ContactValue = {
        accountId: account.id,
        accountName: account.name,
        type: slot === "primary" ? "PRIMARY" : (slot.toUpperCase() as ContactValue["type"]),
        fields,
        location: { fields: card.fieldPositions, registry: card.position },
      };
      evaluation.judgeContact(contact);
      contacts.push(contact);
    }
    evaluation.judgeAccount({ accountId: account.id, accountName: account.name, contacts, expectsPrimary: registry.defaults.primary !== undefined, position: account.position });
  }
  if (organization) {
    evaluation.judgeOrganization(organization, registry.accounts, { file: organizationAccountsPath(registry) ?? registry.file, line: 1, column: 1 });
  }
  evaluation.finish();
  return evaluation;
}
