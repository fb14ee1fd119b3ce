import { isJsonObject } from "../model/json-object";

/**
 * What a provider configuration says about the account it works in, as the plan's `configuration` shows
 * it: no assume_role (the credentials' own account), a role ARN written as a constant, or an expression
 * whose value the plan does not record (a variable, a local, another resource's attribute).
 */
export type ProviderRole = { kind: "none" } | { kind: "constant"; roleArn: string } | { kind: "expression"; expression: string };

/** One resource block of the configuration (not an instance): which provider plans it, and what its account_id refers to. */
export interface ResourceConfiguration {
  /** The provider_config key: `aws`, `aws.payments_prod` (passed down through module calls) or `module.legacy:aws`. */
  providerConfigKey?: string;
  /** What `account_id` refers to, as Terraform lists it: `aws_organizations_account.this.id`, `aws_organizations_account.this`, `each.key`. */
  accountIdReferences: string[];
  /** What `for_each` refers to, for an account_id of `each.value.id`. */
  forEachReferences: string[];
}

export interface PlanConfiguration {
  providers: ReadonlyMap<string, ProviderRole>;
  /** By configuration address: the module calls without instance keys, then type.name (`module.vend.aws_account_alternate_contact.this`). */
  resources: ReadonlyMap<string, ResourceConfiguration>;
}

/** A plan without a configuration section (hand-written, or trimmed): every contact without account_id is the calling account's. */
export const NO_CONFIGURATION: PlanConfiguration = { providers: new Map(), resources: new Map() };

/**
 * Reads the parts of `configuration` that say whose contact an instance is. Lenient: a shape it does not
 * know reads as "nothing said", as the format asks of readers of later minor versions.
 * Checked against Terraform 1.11: `resource_changes` carry no provider_config_key; the configuration's
 * resources do, already resolved through the module calls' `providers` maps to a key of `provider_config`.
 */
export function readConfiguration(configuration: unknown): PlanConfiguration {
  if (!isJsonObject(configuration)) return NO_CONFIGURATION;
  const providers = new Map<string, ProviderRole>();
  if (isJsonObject(configuration.provider_config)) {
    for (const [key, provider] of Object.entries(configuration.provider_config)) providers.set(key, providerRole(provider));
  }
  const resources = new Map<string, ResourceConfiguration>();
  readModule(configuration.root_module, "", resources);
  return { providers, resources };
}

function readModule(module: unknown, prefix: string, into: Map<string, ResourceConfiguration>): void {
  if (!isJsonObject(module)) return;
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (!isJsonObject(resource) || resource.mode !== "managed" || typeof resource.address !== "string") continue;
    const expressions = isJsonObject(resource.expressions) ? resource.expressions : {};
    into.set(`${prefix}${resource.address}`, {
      providerConfigKey: typeof resource.provider_config_key === "string" ? resource.provider_config_key : undefined,
      accountIdReferences: references(expressions.account_id),
      forEachReferences: references(resource.for_each_expression),
    });
  }
  if (!isJsonObject(module.module_calls)) return;
  for (const [name, call] of Object.entries(module.module_calls)) {
    if (isJsonObject(call)) readModule(call.module, `${prefix}module.${name}.`, into);
  }
}

/** The last assume_role block's role_arn: with several, the provider chains them and ends in the last one's account. */
function providerRole(provider: unknown): ProviderRole {
  const expressions = isJsonObject(provider) && isJsonObject(provider.expressions) ? provider.expressions : {};
  const blocks = Array.isArray(expressions.assume_role) ? expressions.assume_role.filter(isJsonObject) : [];
  const last = blocks.at(-1);
  if (!last || !("role_arn" in last)) return { kind: "none" };
  const roleArn = last.role_arn;
  if (isJsonObject(roleArn) && "constant_value" in roleArn) {
    const value = roleArn.constant_value;
    // An empty role_arn makes the provider skip the assume step: the credentials' own account.
    if (value === "" || value === null) return { kind: "none" };
    if (typeof value === "string") return { kind: "constant", roleArn: value };
  }
  const refs = references(roleArn);
  return { kind: "expression", expression: refs.length ? refs[0] : "an expression" };
}

function references(expression: unknown): string[] {
  if (!isJsonObject(expression) || !Array.isArray(expression.references)) return [];
  return expression.references.filter((reference): reference is string => typeof reference === "string");
}

/** `module.a["x"].module.b[0]` to `module.a.module.b.`: the module calls, without instance keys, as a prefix. */
export function moduleCallPrefix(moduleAddress: string | undefined): string {
  if (!moduleAddress) return "";
  let path = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < moduleAddress.length; i++) {
    const c = moduleAddress[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (depth === 0) path += c;
  }
  return `${path}.`;
}
