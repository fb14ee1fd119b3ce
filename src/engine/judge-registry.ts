import { evaluationFor, type PolicyEvaluation } from "./evaluate";
import type { ContactValue, FieldValue } from "../../policies/rule";
import type { OrganizationAccount } from "../model/organization";
import { resolveEffectiveContacts, type EffectiveContacts } from "../registry/effective-contacts";
import { organizationAccountsPath } from "../registry/organization-accounts";
import { CONTACT_SLOTS, type Registry } from "../model/types";
import { cardValues } from "../review/contact-snapshot";

/**
 * Runs the policy over a registry's effective contacts without building stacks: the contacts stack
 * writes each card's values verbatim, so these are the values synth judges, at a fraction of the cost.
 * Review runs this on both sides of a change to tell findings introduced from findings fixed; with the
 * organization's accounts it also judges coverage, as synth does.
 */
export function judgeRegistry(
  registry: Registry,
  today: string,
  organization?: readonly OrganizationAccount[],
  accounts: readonly EffectiveContacts[] = resolveEffectiveContacts(registry),
): PolicyEvaluation {
  const evaluation = evaluationFor(registry, today);
  for (const effective of accounts) {
    const { account } = effective;
    const contacts: ContactValue[] = [];
    for (const slot of CONTACT_SLOTS) {
      const chosen = effective[slot];
      if (!chosen) continue;
      const { card } = chosen;
      const fields: Record<string, FieldValue | undefined> = {};
      for (const [field, value] of Object.entries(cardValues(card, slot))) fields[field] = { known: true, value };
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
