import type { AccountContacts, FieldValue } from "../../policies/rule";
import { moduleCallPrefix, type PlanConfiguration, type ResourceConfiguration } from "./plan-configuration";
import type { PlanContactChange, PlanResource, TerraformPlan } from "./terraform-plan";

/** Whose contact a planned instance is. */
export type PlanOwner =
  /** Its account_id; without one, the account its provider works in. */
  | { kind: "account"; accountId: string }
  /**
   * An account_id known only at apply. `name` is the account as the plan can name it: the resource the id
   * comes from (an aws_organizations_account the plan creates, when `created`), else the module instance or
   * the contact itself; `accountName` the account's planned name.
   */
  | { kind: "after-apply"; name: string; created: boolean; accountName?: string }
  /** No account_id, and its provider assumes a role whose ARN the plan does not hold as a constant. */
  | { kind: "provider"; provider: string; expression: string };

export const ORGANIZATIONS_ACCOUNT_RESOURCE = "aws_organizations_account";

/** The account in an IAM role ARN: `arn:aws:iam::222222222222:role/ContactsAdmin` (any partition, any role path). */
const ROLE_ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

/** Reference roots that are not resources of the module. */
const NOT_RESOURCES = new Set(["var", "local", "each", "count", "data", "module", "path", "terraform", "self"]);

/**
 * Whose contact an instance is: its account_id when known; when unset, the account of the provider it is
 * planned with (the assume_role ARN's account; the credentials' own, the management account, without
 * assume_role); when known only at apply, the account as the plan names it. Never the management account
 * by default when the provider's role is an expression: that is what merged three accounts into one.
 */
export function planOwner(change: PlanContactChange, accountId: FieldValue | undefined, plan: TerraformPlan, managementAccountId: string): PlanOwner {
  if (accountId?.known) return { kind: "account", accountId: accountId.value };
  const resource = plan.configuration.resources.get(`${moduleCallPrefix(change.moduleAddress)}${change.resourceType}.${change.name}`);
  if (accountId) return afterApply(change, resource, plan.resources);
  // A deleted contact whose block is gone has no provider in the plan: only where no provider assumes a
  // role is it surely the calling account's.
  if (!resource && [...plan.configuration.providers.values()].some((role) => role.kind !== "none")) {
    return { kind: "provider", provider: "(not in the configuration)", expression: "unknown" };
  }
  return providerAccount(resource?.providerConfigKey, plan.configuration, managementAccountId);
}

function providerAccount(key: string | undefined, configuration: PlanConfiguration, managementAccountId: string): PlanOwner {
  const role = key === undefined ? undefined : configuration.providers.get(key);
  if (key === undefined || !role || role.kind === "none") return { kind: "account", accountId: managementAccountId };
  if (role.kind === "expression") return { kind: "provider", provider: key, expression: role.expression };
  const account = ROLE_ARN_ACCOUNT.exec(role.roleArn)?.[1];
  return account ? { kind: "account", accountId: account } : { kind: "provider", provider: key, expression: JSON.stringify(role.roleArn) };
}

/**
 * The account an unknown account_id stands for, found through what the expression refers to: a resource
 * of the same module instance (`aws_organizations_account.this.id`), or its instance with the contact's
 * own key (`aws_organizations_account.this[each.key].id`, `each.value.id` over that resource).
 */
function afterApply(change: PlanContactChange, resource: ResourceConfiguration | undefined, resources: TerraformPlan["resources"]): PlanOwner {
  const prefix = change.moduleAddress ? `${change.moduleAddress}.` : "";
  const instanceKey = change.address.slice(`${prefix}${change.resourceType}.${change.name}`.length);
  const references = resource?.accountIdReferences ?? [];
  const viaForEach = references.some((r) => r === "each.value" || r.startsWith("each.value."));
  for (const reference of viaForEach ? [...references, ...(resource?.forEachReferences ?? [])] : references) {
    const target = resourceIn(reference);
    if (!target) continue;
    for (const address of [`${prefix}${target}`, `${prefix}${target}${instanceKey}`]) {
      const source = resources.get(address);
      if (source) return { kind: "after-apply", name: address, created: isCreatedAccount(source), accountName: accountNameOf(source) };
    }
  }
  return { kind: "after-apply", name: change.moduleAddress ?? change.address, created: false };
}

/** `aws_organizations_account.this` of `aws_organizations_account.this.id`; `...flat["a1"]` keeps its constant key. */
function resourceIn(reference: string): string | undefined {
  const match = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/.exec(reference);
  return match && !NOT_RESOURCES.has(match[1]) ? match[0] : undefined;
}

function isCreatedAccount(resource: PlanResource): boolean {
  return resource.type === ORGANIZATIONS_ACCOUNT_RESOURCE && resource.actions.includes("create");
}

function accountNameOf(resource: PlanResource): string | undefined {
  const name = resource.type === ORGANIZATIONS_ACCOUNT_RESOURCE ? resource.after?.name : undefined;
  return typeof name === "string" ? name : undefined;
}

/** The account's key, and its name in findings: its id, else the name the plan gives it. */
export function ownerName(owner: PlanOwner): string {
  if (owner.kind === "account") return owner.accountId;
  return owner.kind === "after-apply" ? owner.name : `provider ${owner.provider}`;
}

/** What AccountContacts says of an owner the plan cannot give an id for. */
export function unresolvedOf(owner: PlanOwner): AccountContacts["unresolved"] {
  if (owner.kind === "account") return undefined;
  if (owner.kind === "after-apply") return { reason: owner.created ? "created" : "after-apply" };
  return { reason: "provider", provider: owner.provider, expression: owner.expression };
}

/** The ids of the accounts the plan removes from the organization: aws_organizations_account instances it deletes (or replaces). */
export function accountsLeavingOrganization(plan: TerraformPlan): Set<string> {
  const leaving = new Set<string>();
  for (const resource of plan.resources.values()) {
    const id = resource.before?.id;
    if (resource.type === ORGANIZATIONS_ACCOUNT_RESOURCE && resource.actions.includes("delete") && typeof id === "string") leaving.add(id);
  }
  return leaving;
}
