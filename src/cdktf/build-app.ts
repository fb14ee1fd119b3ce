import { Aspects, type App } from "cdktf";
import { evaluationFor, type PolicyEvaluation } from "../engine/evaluate";
import type { OrganizationAccount } from "../model/organization";
import { ContactPolicyAspect } from "./contact-policy-aspect";
import { resolveEffectiveContacts } from "../registry/effective-contacts";
import { loadOrganizationAccounts, organizationAccountsPath } from "../registry/organization-accounts";
import type { Registry } from "../model/types";
import type { Settings } from "../run/settings";
import { ContactsStack } from "./contacts-stack";
import { planShards } from "../terraform/shards";

export interface ContactsApp {
  stacks: ContactsStack[];
  evaluation: PolicyEvaluation;
  mode: "enforce" | "warn";
  /** The policy aspect; add it to any other stack that holds contact resources. */
  aspect: ContactPolicyAspect;
}

/**
 * Adds the contacts stacks for a registry to an app, each with the policy aspect (aspects on the App
 * itself never run in cdktf). Call `evaluation.finish()` after `app.synth()` for exception bookkeeping.
 * When the registry names an organization accounts file, it is read first (a bad one throws before
 * anything is built) and the whole organization is judged against the whole registry, once.
 * @param organization the organization's accounts; read from the registry's accounts file by default
 */
export function addContactsStacks(
  app: App,
  registry: Registry,
  settings: Settings,
  today: string,
  mode: "enforce" | "warn" = registry.policy.mode,
  organization: readonly OrganizationAccount[] | undefined = loadOrganizationAccounts(registry),
): ContactsApp {
  const effective = resolveEffectiveContacts(registry);
  const evaluation = evaluationFor(registry, today);
  const aspect = new ContactPolicyAspect(evaluation, registry, effective, mode);
  const stacks = planShards(effective, settings).map(
    (shard) => new ContactsStack(app, shard.name, { accounts: shard.accounts, settings, stateKey: shard.stateKey }),
  );
  for (const stack of stacks) Aspects.of(stack).add(aspect);
  if (organization) {
    const accountsFile = { file: organizationAccountsPath(registry) ?? registry.file, line: 1, column: 1 };
    const findings = evaluation.judgeOrganization(organization, registry.accounts, accountsFile);
    // On the first stack, as the aspect annotates its own findings: app.synth() fails on them outside the CLI too.
    if (stacks.length) aspect.annotate(stacks[0], findings);
  }
  return { stacks, evaluation, mode, aspect };
}
