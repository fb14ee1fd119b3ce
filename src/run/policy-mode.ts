import { readEnvironment } from "./environment";
import { UsageError } from "./usage-error";

/** Whether error findings fail the run (enforce) or are only reported (warn). */
export type PolicyMode = "enforce" | "warn";

export const POLICY_MODES: readonly PolicyMode[] = ["enforce", "warn"];

/** CONTACTS_POLICY_MODE's value, checked: undefined when unset, so the registry's policy.mode decides. */
export function parsePolicyMode(value: string | undefined): PolicyMode | undefined {
  if (!value) return undefined;
  if ((POLICY_MODES as readonly string[]).includes(value)) return value as PolicyMode;
  throw new UsageError(`CONTACTS_POLICY_MODE="${value}" is not a mode. Fix: set it to warn or enforce, or unset it.`);
}

/** @deprecated decide the mode with policyModeFor(runContext, registry). */
export function policyMode(env: NodeJS.ProcessEnv, fromRegistry: PolicyMode): PolicyMode {
  return parsePolicyMode(readEnvironment(env).policyMode) ?? fromRegistry;
}
