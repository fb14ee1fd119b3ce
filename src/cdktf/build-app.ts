import { Aspects, type App } from "./cdktf";
import { RULES } from "../../policies/index";
import type { Rule } from "../engine/rule-contract";
import { loadExistingContacts } from "../registry/existing-contacts-file";
import { checkImportSet } from "../import/import-set";
import { evaluationFor, type PolicyEvaluation } from "../engine/evaluate";
import { RegistryContacts } from "../engine/registry-contacts";
import type { OrganizationAccount } from "../model/organization";
import type { Registry } from "../model/types";
import { resolveEffectiveContacts } from "../registry/effective-contacts";
import { loadOrganizationAccounts, organizationAccountsPath } from "../registry/organization-accounts";
import type { PolicyMode } from "../run/policy-mode";
import type { DeploymentSettings } from "../run/settings";
import { planShards } from "../terraform/shards";
import { ContactPolicyAspect } from "./contact-policy-aspect";
import { ContactsStack } from "./contacts-stack";
import { localStatePath } from "./state-backend";
import { JSON_REPORT } from "./report-files";

export interface ContactsApp {
  stacks: ContactsStack[];
  evaluation: PolicyEvaluation;
  mode: PolicyMode;
  /** The policy aspect; add it to any other stack that holds contact resources. */
  aspect: ContactPolicyAspect;
}

/**
 * Adds the contacts stacks for a registry to an app, each with the policy aspect (aspects on the App
 * itself never run in cdktf). The aspect judges the whole app once, when the first stack is visited or
 * when `aspect.judgeApp(app)` is called; call `evaluation.finish()` after it for exception bookkeeping.
 * When the registry names an organization accounts file, it is read first (a bad one throws before
 * anything is built), and the whole organization is judged against the whole registry, once. With
 * `importExisting`, the record of existing contacts is read too (a missing one throws).
 * @param organization the organization's accounts; read from the registry's accounts file by default
 */
export function addContactsStacks(
  app: App,
  registry: Registry,
  settings: DeploymentSettings,
  today: string,
  mode: PolicyMode = registry.policy.mode,
  organization: readonly OrganizationAccount[] | undefined = loadOrganizationAccounts(registry),
  /** The folder settings.existingContactsFile is relative to, and local state lives in: the one synth runs in. */
  cwd = process.cwd(),
  /** The rules to judge with: the run context's (the built-ins and cdktf.json's contactsRules). */
  rules: readonly Rule[] = RULES,
): ContactsApp {
  const existingContacts = settings.importExisting ? loadExistingContacts(settings.existingContactsFile, cwd) : undefined;
  const record = settings.importExisting ? settings.existingContactsFile : undefined;
  checkImportSet({ registry: registry.file, snapshot: organizationAccountsPath(registry), record }, cwd);
  const effective = resolveEffectiveContacts(registry);
  const evaluation = evaluationFor(registry, today, rules);
  const aspect = new ContactPolicyAspect(evaluation, registry, new RegistryContacts(effective), mode, organization, false, JSON_REPORT);
  const stacks = planShards(effective, settings).map(
    (shard) =>
      new ContactsStack(app, shard.name, {
        accounts: shard.accounts,
        settings,
        stateKey: shard.stateKey,
        localStatePath: localStatePath(app.outdir, cwd, shard.name),
        existingContacts,
      }),
  );
  for (const stack of stacks) Aspects.of(stack).add(aspect);
  return { stacks, evaluation, mode, aspect };
}
