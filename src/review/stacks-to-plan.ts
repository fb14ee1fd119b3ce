import type { EffectiveContacts } from "../registry/effective-contacts";
import type { DeploymentSettings } from "../run/settings";
import { planShards } from "../terraform/shards";
import { compare, type AccountState, type ContactSnapshot } from "./contact-snapshot";

export interface StackSide {
  effective: readonly EffectiveContacts[];
  snapshot: ContactSnapshot;
  deployment: DeploymentSettings;
}

/**
 * The stacks whose Terraform configuration the change alters, so a pipeline plans those and not all of
 * them (a plan reads every contact: about half a second per account at AWS's documented rate). Reach-only
 * changes (a group's members) alter no resource and plan nothing. A change to the deployment settings
 * (region, provider, backend, sharding) alters every stack.
 */
export function stacksToPlan(base: StackSide, head: StackSide): string[] {
  const baseStacks = stackOfAccount(base);
  const headStacks = stackOfAccount(head);
  if (JSON.stringify(base.deployment) !== JSON.stringify(head.deployment)) return sorted([...baseStacks.values(), ...headStacks.values()]);
  const stacks = new Set<string>();
  for (const id of new Set([...baseStacks.keys(), ...headStacks.keys()])) {
    const was = baseStacks.get(id);
    const is = headStacks.get(id);
    const changed = was !== is || terraformValues(base.snapshot.get(id)) !== terraformValues(head.snapshot.get(id));
    if (!changed) continue;
    if (was) stacks.add(was);
    if (is) stacks.add(is);
  }
  return sorted(stacks);
}

function stackOfAccount(side: StackSide): Map<string, string> {
  const byAccount = new Map<string, string>();
  for (const shard of planShards(side.effective, side.deployment)) {
    for (const { account } of shard.accounts) byAccount.set(account.id, shard.name);
  }
  return byAccount;
}

/** What the stack writes for an account: whether it is the management account, and each contact's values. */
function terraformValues(state: AccountState | undefined): string {
  if (!state) return "";
  return JSON.stringify([state.account.management, Object.entries(state.contacts).map(([type, c]) => [type, c!.values])]);
}

function sorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort(compare);
}
