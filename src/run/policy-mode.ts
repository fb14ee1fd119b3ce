import { UsageError } from "./usage-error";

export type PolicyMode = "enforce" | "warn";

/** CONTACTS_POLICY_MODE wins over the registry's policy.mode: a pipeline can report without failing. */
export function policyMode(env: NodeJS.ProcessEnv, fromRegistry: PolicyMode): PolicyMode {
  const value = env.CONTACTS_POLICY_MODE?.trim();
  if (!value) return fromRegistry;
  if (value === "enforce" || value === "warn") return value;
  throw new UsageError(`CONTACTS_POLICY_MODE="${value}" is not a mode. Fix: set it to warn or enforce, or unset it.`);
}
