import type { EffectiveContacts } from "../registry/effective-contacts";
import type { DeploymentSettings } from "../run/settings";
import { STATE_KEY_FIELD, type BackendType } from "../run/state-backend";
import { UsageError } from "../model/usage-error";

export interface Shard {
  name: string;
  accounts: EffectiveContacts[];
  /** Where this shard's state is in the remote backend (s3's key, gcs's prefix...): each shard has its own. */
  stateKey?: string;
}

/**
 * Splits the accounts into stacks, each with its own state, so a change to one account plans one shard
 * and shards can be planned side by side. An account's shard depends only on the account itself (its
 * top-level OU, or a hash of its id), never on the other accounts: adding or removing accounts moves
 * nobody, because moving means destroying the contacts in one state and creating them in another.
 */
export function planShards(accounts: readonly EffectiveContacts[], settings: DeploymentSettings): Shard[] {
  const sharding = settings.sharding;
  if (!sharding) return [{ name: settings.stackName, accounts: [...accounts], stateKey: settings.s3Backend?.key }];
  const stateKeyOf = shardStateKeys(settings);
  const byName = new Map<string, EffectiveContacts[]>();
  for (const effective of accounts) {
    const name = `${settings.stackName}-${sharding.by === "ou" ? ouShard(effective.account.ou) : hashShard(effective.account.id, sharding.shards)}`;
    const list = byName.get(name) ?? [];
    list.push(effective);
    byName.set(name, list);
  }
  const shards = [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, members]) => ({ name, accounts: members, stateKey: stateKeyOf(name) }));
  const limit = sharding.maxAccountsPerStack;
  const over = limit ? shards.filter((s) => s.accounts.length > limit) : [];
  if (over.length) {
    throw new UsageError(
      `${over.map((s) => `stack ${s.name} has ${s.accounts.length} accounts`).join(", ")}, over sharding.maxAccountsPerStack (${limit}). ` +
        `Fix: ${sharding.by === "hash" ? "raise sharding.shards" : "split the largest OUs, or shard by hash"}; this moves accounts between states, see "Sharding" in docs/pipeline-and-state.md for the migration.`,
    );
  }
  return shards;
}

/** The top-level OU, as a stack-name-safe slug; accounts outside any OU share the "root" shard. */
function ouShard(ou: string | undefined): string {
  const top = ou?.split("/")[0];
  return top
    ? top
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "ou"
    : "root";
}

/** FNV-1a of the account id: spread evenly, and the same on every machine and Node version. */
function hashShard(accountId: string, shards: number): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) {
    hash ^= accountId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const width = String(shards - 1).length;
  return String(hash % shards).padStart(width, "0");
}

/**
 * How a shard's state key is made from the configured one, per backend type (STATE_KEY_FIELD names the
 * setting). Two shards must never share a state: the second apply would destroy the first shard's contacts.
 */
const FOR_SHARD: Partial<Record<BackendType, (value: string, stack: string) => string>> = {
  s3: shardKey,
  azurerm: shardKey,
  cos: shardKey,
  oss: shardKey,
  gcs: (prefix, stack) => `${prefix.replace(/\/+$/, "")}/${stack}`,
  consul: (statePath, stack) => `${statePath.replace(/\/+$/, "")}/${stack}`,
};

/** Each shard's state key in the configured backend; a backend whose states this tool cannot tell apart is refused. */
function shardStateKeys(settings: DeploymentSettings): (stack: string) => string | undefined {
  const s3 = settings.s3Backend;
  if (s3) return (stack) => shardKey(s3.key, stack);
  const backend = settings.backend;
  if (!backend) return () => undefined;
  const field = STATE_KEY_FIELD[backend.type];
  const forShard = FOR_SHARD[backend.type];
  const value = field && backend.config[field];
  if (!field || !forShard || typeof value !== "string" || !value) {
    const supported = Object.entries(STATE_KEY_FIELD).map(([type, setting]) => `${type} with "${setting}"`);
    throw new UsageError(
      `cdktf.json context key "sharding" needs a state per stack, and backend "${backend.type}" ${field ? `has no "${field}"` : "has no setting this tool can vary per stack"}: the shards would share one state. ` +
        `Fix: use ${supported.join(", ")}; or drop "sharding".`,
    );
  }
  return (stack) => forShard(value, stack);
}

/** `contacts/terraform.tfstate` -> `contacts/<stack>/terraform.tfstate`: one state per shard. */
function shardKey(key: string, stack: string): string {
  const slash = key.lastIndexOf("/");
  return slash < 0 ? `${stack}/${key}` : `${key.slice(0, slash)}/${stack}/${key.slice(slash + 1)}`;
}
