import { managementAccountId } from "../model/management-account";
import { isAccountId, type OrganizationAccount } from "../model/organization";
import type { Account, ContactType } from "../model/types";
import type { PolicyEvaluation } from "../engine/evaluate";
import type { AccountContacts, ContactValue } from "../engine/rule-contract";
import { accountsLeavingOrganization, ownerName, planOwner, unresolvedOf, type PlanOwner } from "./plan-owners";
import { judgedContact, PRIMARY_CONTACT_RESOURCE, readContactAttributes } from "./terraform-contacts";
import type { PlanContactChange, TerraformPlan } from "./terraform-plan";

/** A contact the plan deletes (or forgets): listed, and judged for what its deletion leaves. */
export interface RemovedContact {
  address: string;
  removal: "delete" | "forget";
  accountId?: string;
  accountName?: string;
  type?: ContactType;
  /** The plan also removes the account from the organization (deletes its aws_organizations_account). */
  withAccount?: boolean;
}

export interface PlanJudgement {
  /** Contact instances judged: everything the plan keeps, whether it creates, updates, replaces or leaves it. */
  judged: number;
  removed: RemovedContact[];
  /** The accounts the plan touches (keeps, deletes or forgets a contact of, or removes from the organization): exceptions apply to these alone. */
  accounts: ReadonlySet<string>;
}

export interface PlanRegistry {
  accounts: readonly Account[];
  /** The organization snapshot the registry names: tells an account of the organization from an id nobody knows. */
  organization?: readonly OrganizationAccount[];
}

/** One account as the plan leaves it. */
interface PlannedAccount {
  accountId: string;
  accountName?: string;
  contacts: ContactValue[];
  deleted: Set<ContactType>;
  keptInAws: Set<ContactType>;
  /** The plan changes what AWS holds for it: it keeps or deletes a contact (forgetting one changes nothing there). */
  changed: boolean;
  unresolved?: AccountContacts["unresolved"];
}

/**
 * Judges a Terraform plan's contacts with the registry's rules: the second adapter beside the cdktf aspect.
 *
 * - Each instance the plan keeps is judged on its planned values (a plan is the desired state, so no-op
 *   instances count too); a replacement is judged on what it creates. Unknown values are `unverifiable`;
 *   an account_id known only at apply is not a value but an account the next plan judges (`unknown-account`).
 * - Whose contact it is: plan-owners.ts (account_id, else the account the provider works in). A deleted
 *   contact whose account cannot be named is judged by its address: unresolved-provider when the type is required.
 * - Account rules run for every account the plan keeps or deletes a contact of, and only those: a plan need
 *   not cover the whole organization. A deleted contact of a required type is missing unless the plan sets
 *   one in its place or removes the account from the organization. A primary contact is expected only when
 *   the plan manages primary contacts at all; AWS keeps one on every account whether Terraform manages it or not.
 */
export function judgePlan(evaluation: PolicyEvaluation, plan: TerraformPlan, registry: PlanRegistry): PlanJudgement {
  const names = accountNames(registry);
  const management = managementAccountId(registry.accounts);
  const planned = new Map<string, PlannedAccount>();
  const accountOf = (owner: PlanOwner, key = ownerName(owner)): PlannedAccount => {
    let account = planned.get(key);
    if (!account) {
      const accountName = owner.kind === "account" ? names.get(owner.accountId) : owner.kind === "after-apply" ? owner.accountName : undefined;
      account = { accountId: key, accountName, contacts: [], deleted: new Set(), keptInAws: new Set(), changed: false, unresolved: unresolvedOf(owner) };
      planned.set(key, account);
    }
    return account;
  };
  const removed: RemovedContact[] = [];
  let managesPrimary = false;
  let judged = 0;
  for (const change of plan.contactChanges) {
    if (change.removal) removed.push(recordRemoval(change, change.removal, { plan, management, accountOf }));
    if (change.removal || !change.after) continue;
    const attributes = readContactAttributes(change.resourceType, change.after);
    const account = accountOf(planOwner(change, attributes.accountId, plan, management));
    const contact: ContactValue = {
      accountId: account.accountId,
      accountName: account.accountName,
      ...judgedContact(attributes),
      location: { resource: change.address },
    };
    evaluation.judgeContact(contact);
    judged += 1;
    account.contacts.push(contact);
    account.changed = true;
    if (change.resourceType === PRIMARY_CONTACT_RESOURCE) managesPrimary = true;
  }
  const leaving = accountsLeavingOrganization(plan);
  for (const contact of removed) if (contact.accountId && leaving.has(contact.accountId)) contact.withAccount = true;
  const organization = registry.organization && new Set(registry.organization.map((a) => a.id));
  const registered = new Map(registry.accounts.map((a) => [a.id, a]));
  for (const account of planned.values()) {
    // An account leaving the organization needs no contacts.
    if (!account.changed || leaving.has(account.accountId)) continue;
    // Only an account id can be looked up: not a name the plan gives, nor the placeholder of an unmarked management account.
    const listed = isAccountId(account.accountId)
      ? { registry: registered.has(account.accountId), organization: organization?.has(account.accountId) }
      : undefined;
    evaluation.judgeAccount({
      accountId: account.accountId,
      accountName: account.accountName,
      contacts: account.contacts,
      expectsPrimary: managesPrimary,
      position: registered.get(account.accountId)?.position,
      source: "plan",
      removed: { deleted: [...account.deleted], keptInAws: [...account.keptInAws] },
      listed,
      unresolved: account.unresolved,
    });
  }
  const touched = [...planned.values()].filter((a) => !a.unresolved).map((a) => a.accountId);
  return { judged, removed, accounts: new Set([...touched, ...leaving]) };
}

/**
 * A removed contact, attributed as a kept one would be (from its values before the change). A delete
 * leaves the account without that type, except a primary contact's, which AWS keeps; a forget leaves it in AWS.
 * A delete whose account the plan cannot name is judged on its own, named by its address: unresolved-provider
 * fails it when the type is required, since the account it leaves may have no other.
 */
function recordRemoval(
  change: PlanContactChange,
  removal: "delete" | "forget",
  {
    plan,
    management,
    accountOf,
  }: {
    plan: TerraformPlan;
    /** The management account's id: whose contact one without account_id is. */
    management: string;
    accountOf: (owner: PlanOwner, key?: string) => PlannedAccount;
  },
): RemovedContact {
  const record: RemovedContact = { address: change.address, removal };
  if (!change.before) return record;
  const attributes = readContactAttributes(change.resourceType, change.before);
  const type = attributes.type.known ? attributes.type.value : undefined;
  const owner = planOwner(change, attributes.accountId, plan, management);
  const leavesAccountWithout = type !== undefined && removal === "delete" && type !== "PRIMARY";
  if (owner.kind !== "account") {
    if (owner.kind === "provider" && leavesAccountWithout) {
      const deletion = accountOf(owner, change.address);
      deletion.deleted.add(type);
      deletion.changed = true;
    }
    return { ...record, type };
  }
  const account = accountOf(owner);
  if (leavesAccountWithout) {
    account.deleted.add(type);
    account.changed = true;
  } else if (type) account.keptInAws.add(type);
  return { ...record, accountId: account.accountId, accountName: account.accountName, type };
}

/** Registry names first; an account the registry lacks may still have its name in the organization snapshot. */
function accountNames(registry: PlanRegistry): Map<string, string | undefined> {
  const names = new Map<string, string | undefined>();
  for (const account of registry.organization ?? []) names.set(account.id, account.name);
  for (const account of registry.accounts) names.set(account.id, account.name);
  return names;
}
