import type { PolicySettings } from "../model/types";
import { UsageError } from "../model/usage-error";

/** Whether error findings fail the run (enforce) or are only reported (warn): the registry's policy.mode, spelled once there. */
export type PolicyMode = PolicySettings["mode"];

/** Every mode, exhaustive by its type: a new mode in the model fails to compile here until it is listed. */
const MODES: Record<PolicyMode, true> = { enforce: true, warn: true };

/** CONTACTS_POLICY_MODE's value, checked: undefined when unset, so the registry's policy.mode decides. */
export function parsePolicyMode(value: string | undefined): PolicyMode | undefined {
  if (!value) return undefined;
  if (Object.hasOwn(MODES, value)) return value as PolicyMode;
  throw new UsageError(`CONTACTS_POLICY_MODE="${value}" is not a mode. Fix: set it to warn or enforce, or unset it.`);
}
