import { isJsonObject } from "../model/json-object";
import { isAccountId } from "../model/organization";

/**
 * The account a provider configuration works in, as far as the plan's `configuration` says (it records
 * provider settings as written, not evaluated):
 * - `ambient`: no role to assume and no credentials of its own: the credentials Terraform runs with, the management account's;
 * - `account`: an account the settings name as constants: the one account allowed_account_ids allows, else
 *   the account of the role it ends in (the last assume_role, else assume_role_with_web_identity);
 * - `unresolved`: anything else; `source` says what sets its account, e.g. `an assume_role role_arn built from
 *   var.account_id`, `credentials of its own (profile)`.
 */
export type ProviderAccount = { kind: "ambient" } | { kind: "account"; accountId: string } | { kind: "unresolved"; source: string };

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
  /** The AWS provider configurations, by provider_config key. */
  providers: ReadonlyMap<string, ProviderAccount>;
  /** By configuration address: the module calls without instance keys, then type.name (`module.vend.aws_account_alternate_contact.this`). */
  resources: ReadonlyMap<string, ResourceConfiguration>;
  /** Local module calls' sources, by call address without instance keys (`module.vend.module.contacts`): `./modules/contacts`. */
  moduleSources?: ReadonlyMap<string, string>;
}

/** A plan without a configuration section (hand-written, or trimmed): every contact without account_id is the calling (management) account's. */
const NO_CONFIGURATION: PlanConfiguration = { providers: new Map(), resources: new Map() };

/**
 * Reads the parts of `configuration` that say whose contact an instance is. Lenient: a shape it does not
 * know reads as "nothing said", as the format asks of readers of later minor versions.
 * Checked against Terraform 1.11: `resource_changes` carry no provider_config_key; the configuration's
 * resources do, already resolved through the module calls' `providers` maps to a key of `provider_config`,
 * which lists every provider block (used or not) with its settings as written, *_override.tf files merged
 * in: `{ constant_value }` for a literal, `{ references }` for an expression, nested blocks as lists.
 */
export function readConfiguration(configuration: unknown): PlanConfiguration {
  if (!isJsonObject(configuration)) return NO_CONFIGURATION;
  const providers = new Map<string, ProviderAccount>();
  if (isJsonObject(configuration.provider_config)) {
    for (const [key, provider] of Object.entries(configuration.provider_config)) {
      if (isJsonObject(provider) && isAws(provider)) providers.set(key, providerAccount(provider));
    }
  }
  const resources = new Map<string, ResourceConfiguration>();
  const moduleSources = new Map<string, string>();
  readModule(configuration.root_module, "", resources, moduleSources);
  return { providers, resources, moduleSources };
}

function readModule(module: unknown, prefix: string, into: Map<string, ResourceConfiguration>, sources: Map<string, string>): void {
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
    if (!isJsonObject(call)) continue;
    // Only a folder of this configuration's (./ or ../) has .tf files at hand; a registry module's are elsewhere.
    if (typeof call.source === "string" && /^\.\.?\//.test(call.source)) sources.set(`${prefix}module.${name}`, call.source);
    readModule(call.module, `${prefix}module.${name}.`, into, sources);
  }
}

/** By source address (`registry.terraform.io/hashicorp/aws`, or OpenTofu's registry); a provider_config entry without one is kept. */
function isAws(provider: Record<string, unknown>): boolean {
  return typeof provider.full_name !== "string" || provider.full_name.endsWith("/hashicorp/aws");
}

/** Settings that give a provider credentials other than the ones Terraform runs with, possibly another account's. */
const CREDENTIAL_SETTINGS = ["profile", "access_key", "secret_key", "token", "shared_credentials_files", "shared_config_files"];
/** The account in an IAM role ARN: `arn:aws:iam::222222222222:role/ContactsAdmin` (any partition, any role path). */
const ROLE_ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

/**
 * allowed_account_ids first: the provider refuses to work in any other account (it fails even when it cannot
 * look its account up), so one id there is the answer whatever else it sets. Then the role it ends in: with
 * several assume_role blocks the provider chains them and ends in the last one's account; an empty role_arn
 * skips the step. Without a role, credentials of its own may be any account's: never taken for the management account.
 */
function providerAccount(provider: Record<string, unknown>): ProviderAccount {
  const expressions = isJsonObject(provider.expressions) ? provider.expressions : {};
  const allowed = constantOf(expressions.allowed_account_ids);
  if (Array.isArray(allowed) && allowed.length === 1 && isAccountId(allowed[0])) {
    return { kind: "account", accountId: allowed[0] };
  }
  const role = roleAccount(expressions.assume_role, "assume_role") ?? roleAccount(expressions.assume_role_with_web_identity, "assume_role_with_web_identity");
  if (role) return role;
  const own = CREDENTIAL_SETTINGS.filter((setting) => isSet(expressions[setting]));
  return own.length ? { kind: "unresolved", source: `credentials of its own (${own.join(", ")})` } : { kind: "ambient" };
}

/** The account of the role the last block of this kind assumes; undefined when it assumes none. */
function roleAccount(blocks: unknown, block: "assume_role" | "assume_role_with_web_identity"): ProviderAccount | undefined {
  const last = Array.isArray(blocks) ? blocks.filter(isJsonObject).at(-1) : undefined;
  if (!last) return undefined;
  const roleArn = last.role_arn;
  // assume_role without a role ARN does nothing; assume_role_with_web_identity then takes it from AWS_ROLE_ARN.
  if (!isSet(roleArn)) return block === "assume_role" ? undefined : { kind: "unresolved", source: `an ${block} without role_arn (AWS_ROLE_ARN)` };
  const value = constantOf(roleArn);
  if (typeof value === "string") {
    const account = ROLE_ARN_ACCOUNT.exec(value)?.[1];
    return account ? { kind: "account", accountId: account } : { kind: "unresolved", source: `an ${block} role_arn of ${JSON.stringify(value)}` };
  }
  const refs = references(roleArn);
  return { kind: "unresolved", source: `an ${block} role_arn built from ${refs.length ? refs[0] : "an expression"}` };
}

/** A setting's value when written as a constant. */
function constantOf(expression: unknown): unknown {
  return isJsonObject(expression) ? expression.constant_value : undefined;
}

/** Whether a setting is given: an expression, or a constant other than null, "" and []. */
function isSet(expression: unknown): boolean {
  if (!isJsonObject(expression)) return false;
  if (!("constant_value" in expression)) return true;
  const value = expression.constant_value;
  return value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
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
