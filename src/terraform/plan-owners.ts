import type { AccountContacts, FieldValue } from "../engine/rule-contract";
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
  /**
   * No account_id, and the plan does not say which account its provider works in: `source` says what sets
   * it. `provider` is the provider_config key, unset when the plan does not say which provider set the
   * contact (its resource block is gone); `name` names the owner: `provider <key>`, else the contact's address.
   */
  | { kind: "provider"; name: string; provider?: string; source: string };

const ORGANIZATIONS_ACCOUNT_RESOURCE = "aws_organizations_account";

/** Reference roots that are not resources of the module. */
const NOT_RESOURCES = new Set(["var", "local", "each", "count", "data", "module", "path", "terraform", "self"]);

/**
 * Whose contact an instance is: its account_id when known; when unset, the account the provider it is
 * planned with works in (plan-configuration.ts: allowed_account_ids, the role it assumes, else the
 * management account when it uses the credentials Terraform runs with); when known only at apply, the
 * account as the plan names it. Never the management account by default when the provider's account
 * cannot be read: that is what merged several accounts into one.
 */
export function planOwner(change: PlanContactChange, accountId: FieldValue | undefined, plan: TerraformPlan, managementAccountId: string): PlanOwner {
  if (accountId?.known) return { kind: "account", accountId: accountId.value };
  const resource = plan.configuration.resources.get(`${moduleCallPrefix(change.moduleAddress)}${change.resourceType}.${change.name}`);
  if (accountId) return afterApply(change, resource, plan.resources);
  const { providers } = plan.configuration;
  if (resource) return providerOwner(resource.providerConfigKey ?? DEFAULT_PROVIDER, providers, managementAccountId);
  return blocklessOwner(change.address, providers, managementAccountId);
}

/** The root module's default AWS provider: it exists even when no block configures it. */
const DEFAULT_PROVIDER = "aws";

function providerOwner(key: string, providers: PlanConfiguration["providers"], managementAccountId: string): PlanOwner {
  // A key without a configuration is a provider no block configures: the credentials Terraform runs with.
  const account = providers.get(key) ?? { kind: "ambient" };
  if (account.kind === "ambient") return { kind: "account", accountId: managementAccountId };
  if (account.kind === "account") return account;
  return { kind: "provider", name: `provider ${key}`, provider: key, source: account.source };
}

/**
 * A contact whose resource block the configuration lacks (a deletion along with its block or module): the
 * plan does not say which provider set it. Terraform deletes it with that provider's configuration, so it
 * is one of the configuration's AWS providers or the root module's default one: when they all work in the
 * same known account, the contact is that account's.
 */
function blocklessOwner(address: string, providers: PlanConfiguration["providers"], managementAccountId: string): PlanOwner {
  const keys = new Set([DEFAULT_PROVIDER, ...providers.keys()]);
  const owners = [...keys].map((key) => providerOwner(key, providers, managementAccountId));
  if (owners.length === 1) return owners[0];
  const accounts = new Set(owners.map((owner) => (owner.kind === "account" ? owner.accountId : undefined)));
  const [only] = accounts;
  if (accounts.size === 1 && only !== undefined) return { kind: "account", accountId: only };
  const source =
    "its resource block is not in the configuration, so the plan does not say which provider set it, and the providers there do not all work in one known account";
  return { kind: "provider", name: address, source };
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
  return owner.kind === "account" ? owner.accountId : owner.name;
}

/** What AccountContacts says of an owner the plan cannot give an id for. */
export function unresolvedOf(owner: PlanOwner): AccountContacts["unresolved"] {
  if (owner.kind === "account") return undefined;
  if (owner.kind === "after-apply") return { reason: owner.created ? "created" : "after-apply" };
  // An empty provider: the plan does not say which provider set the contact.
  return { reason: "provider", provider: owner.provider ?? "", expression: owner.source };
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
