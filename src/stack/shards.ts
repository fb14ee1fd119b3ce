import type { EffectiveContacts } from "../registry/effective-contacts";
import type { Settings } from "../settings";

export interface Shard {
  name: string;
  accounts: EffectiveContacts[];
  /** The S3 key of this shard's state. */
  stateKey?: string;
}

/** Splits the accounts into stacks (one unless `sharding` is set), each with its own state. */
export function planShards(accounts: readonly EffectiveContacts[], settings: Settings): Shard[] {
  return [{ name: settings.stackName, accounts: [...accounts], stateKey: settings.s3Backend?.key }];
}
