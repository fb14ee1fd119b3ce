import { Aspects, type App } from "cdktf";
import { Directory } from "../policies/directory";
import { PolicyEvaluation } from "../policies/evaluate";
import { ContactPolicyAspect } from "./policy-aspect/contact-policy-aspect";
import { resolveEffectiveContacts } from "./registry/effective-contacts";
import type { Registry } from "./registry/types";
import type { Settings } from "./settings";
import { ContactsStack } from "./stack/contacts-stack";
import { planShards } from "./stack/shards";

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
 */
export function addContactsStacks(app: App, registry: Registry, settings: Settings, today: string, mode: "enforce" | "warn" = registry.policy.mode): ContactsApp {
  const effective = resolveEffectiveContacts(registry);
  const evaluation = new PolicyEvaluation({ directory: new Directory(registry.people, registry.groups, today), policy: registry.policy, today }, registry.exceptions);
  const aspect = new ContactPolicyAspect(evaluation, registry, effective, mode);
  const stacks = planShards(effective, settings).map(
    (shard) => new ContactsStack(app, shard.name, { accounts: shard.accounts, settings, stateKey: shard.stateKey }),
  );
  for (const stack of stacks) Aspects.of(stack).add(aspect);
  return { stacks, evaluation, mode, aspect };
}
