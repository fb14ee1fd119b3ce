import { Aspects, type App } from "./cdktf";
import { RULES } from "../../policies/index";
import type { Rule } from "../engine/rule-contract";
import { evaluationFor, type PolicyEvaluation } from "../engine/evaluate";
import { RegistryContacts } from "../engine/registry-contacts";
import type { Registry } from "../model/types";
import { resolveEffectiveContacts } from "../registry/effective-contacts";
import { loadBeside, withCompanyDirectory, type LoadedInputs } from "../run/load-inputs";
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
  /** The policy aspect; add it to any other stack that holds contact resources. */
  aspect: ContactPolicyAspect;
}

export interface ContactsStacksOptions {
  registry: Registry;
  settings: DeploymentSettings;
  today: string;
  /** The run's mode (the run context's policyModeFor); the registry's policy.mode by default. */
  mode?: PolicyMode;
  /**
   * What lies beside the registry, as loadInputs read it (the organization's accounts, the existing-contacts
   * record). Without it, it is read here the same way (loadBeside), relative to `cwd`.
   */
  inputs?: Omit<LoadedInputs, "registry">;
  /** The folder settings.existingContactsFile is relative to, and local state lives in: the one synth runs in. */
  cwd?: string;
  /** The rules to judge with: the run context's (the built-ins and cdktf.json's contactsRules). */
  rules?: readonly Rule[];
}

/**
 * Adds the contacts stacks for a registry to an app, each with the policy aspect (aspects on the App
 * itself never run in cdktf). The aspect judges the whole app once, when the first stack is visited or
 * when `aspect.judgeApp(app)` is called; call `evaluation.finish()` after it for exception bookkeeping.
 * When the registry names an organization accounts file, it is read first (a bad one throws before
 * anything is built), and the whole organization is judged against the whole registry, once. With
 * `importExisting`, the record of existing contacts is read too (a missing one throws).
 */
export function addContactsStacks(app: App, options: ContactsStacksOptions): ContactsApp {
  const { settings, today, mode = options.registry.policy.mode, cwd = process.cwd(), rules = RULES } = options;
  // An app that hands over only a registry gets what lies beside it read here, as synth's loader reads it.
  const { registry, organization, existingContacts } = options.inputs
    ? { registry: options.registry, ...options.inputs }
    : withCompanyDirectory(
        options.registry,
        loadBeside(options.registry, {
          cwd,
          want: { organization: true, existingContacts: true, importSet: true, directorySnapshot: true },
          deployment: settings,
          today,
        }),
      );
  const effective = resolveEffectiveContacts(registry);
  const evaluation = evaluationFor(registry, today, rules);
  const aspect = new ContactPolicyAspect({ evaluation, registry, expected: new RegistryContacts(effective), mode, organization, reportFile: JSON_REPORT });
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
  return { stacks, evaluation, aspect };
}
