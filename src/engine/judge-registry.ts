import type { ContactValue } from "./rule-contract";
import type { OrganizationAccount } from "../model/organization";
import type { Account, Registry } from "../model/types";
import { resolveEffectiveContacts, type EffectiveContacts } from "../registry/effective-contacts";
import { organizationAccountsPath } from "../registry/organization-accounts";
import { evaluationFor, type Finding, type PolicyEvaluation } from "./evaluate";
import { RegistryContacts } from "./registry-contacts";
import type { Rule } from "./rule-contract";

/** Where findings go as they are made: synth annotates the construct that carries them; review needs nothing. */
export interface FindingSink {
  contact?(contact: ContactValue, findings: Finding[]): void;
  account?(account: Account, findings: Finding[]): void;
  organization?(findings: Finding[]): void;
}

/**
 * Judges every account of the registry with the contacts it will have: each contact with the contact
 * rules, then the account with the account rules, then (with the organization's accounts) coverage.
 * Synth and review both judge through here, so they judge the same accounts the same way; they differ
 * only in where the contacts come from (`contactsOf`).
 */
export function judgeRegistryAccounts(
  evaluation: PolicyEvaluation,
  registry: Registry,
  {
    contactsOf,
    organization,
    sink = {},
  }: {
    /** The contacts each account will have: the registry's (review), or what the stacks hold (synth). */
    contactsOf: (account: Account) => readonly ContactValue[];
    organization?: readonly OrganizationAccount[];
    /** Where each account's findings go as they are made (the aspect annotates the construct that carries them). */
    sink?: FindingSink;
  },
): void {
  const expectsPrimary = registry.defaults.primary !== undefined;
  for (const account of registry.accounts) {
    const contacts = [...contactsOf(account)];
    for (const contact of contacts) {
      const findings = evaluation.judgeContact(contact);
      if (findings.length) sink.contact?.(contact, findings);
    }
    const findings = evaluation.judgeAccount({ accountId: account.id, accountName: account.name, contacts, expectsPrimary, position: account.position });
    if (findings.length) sink.account?.(account, findings);
  }
  if (organization) {
    const accountsFile = { file: organizationAccountsPath(registry) ?? registry.file, line: 1, column: 1 };
    const findings = evaluation.judgeOrganization(organization, registry.accounts, accountsFile);
    if (findings.length) sink.organization?.(findings);
  }
}

export interface JudgeRegistryOptions {
  /** The day the policy is judged on (YYYY-MM-DD). */
  today: string;
  /** The rule pack: the run context's. */
  rules: readonly Rule[];
  /** The organization's accounts, for the coverage rules. */
  organization?: readonly OrganizationAccount[];
  /** The registry's effective contacts, when the caller has them already. */
  effective?: readonly EffectiveContacts[];
}

/**
 * The policy's verdict on a registry without building stacks: the values the contacts stack writes,
 * judged as synth judges them. Review runs this on both sides of a change.
 */
export function judgeRegistry(
  registry: Registry,
  { today, rules, organization, effective = resolveEffectiveContacts(registry) }: JudgeRegistryOptions,
): PolicyEvaluation {
  const evaluation = evaluationFor(registry, today, rules);
  const contacts = new RegistryContacts(effective);
  judgeRegistryAccounts(evaluation, registry, { contactsOf: (account) => contacts.of(account.id), organization });
  evaluation.finish();
  return evaluation;
}
