import type { Rule } from "../engine/rule-contract";
import type { Registry } from "../model/types";
import { leavesRepository } from "../registry/repository-files";
import { readEnvironment, type RunEnvironment } from "./environment";
import { parsePolicyMode, type PolicyMode } from "./policy-mode";
import { loadRulePack, RULES_SETTING } from "./rule-pack";
import {
  readCdktfJsonContext,
  readDeploymentSettings,
  readRegistryLocation,
  type CdktfContext,
  type DeploymentSettings,
  type RegistryLocation,
} from "./settings";
import { todayFor } from "./today";
import { UsageError } from "../model/usage-error";

/**
 * Everything a run takes from outside the registry, decided once at the entry point (synth, review,
 * check-plan) from the environment, the flags and cdktf.json: nothing downstream reads `process.env`.
 */
export interface RunContext {
  /** The registry file: --registry, else CONTACTS_REGISTRY, else cdktf.json's contactsRegistry, else the default. */
  registry: RegistryLocation;
  deployment: DeploymentSettings;
  /** "Today" for the policy (CONTACTS_TODAY, else the system date in UTC). */
  today: string;
  /** CONTACTS_POLICY_MODE when set: wins over the registry's policy.mode (see policyModeFor). */
  modeOverride?: PolicyMode;
  /** The variables as read, to read another cdktf.json (review's base revision) the same way: see deploymentFor. */
  environment: RunEnvironment;
  /**
   * The rules to judge with: the built-ins and the team's own that this checkout's cdktf.json names
   * (contactsRules). Never a revision's: review judges both sides with these, and runs no code a change brings.
   */
  rules: readonly Rule[];
}

export interface RunInputs {
  env: NodeJS.ProcessEnv;
  /** Where cdktf.json is looked for when neither `context` nor CDKTF_CONTEXT_JSON gives the context. */
  cwd: string;
  /** cdktf.json's `context` when the caller already has it. */
  context?: CdktfContext;
  /** The --registry flag: wins over CONTACTS_REGISTRY and cdktf.json. */
  registryFlag?: string;
  now?: Date;
}

/**
 * The cdktf context is `context` when given, else CDKTF_CONTEXT_JSON (what `cdktf synth` hands its app),
 * else cdktf.json in `cwd`, so `cdktf synth`, `node main.ts` and the `contacts` commands see the same settings.
 */
export function readRunContext({ env, cwd, context, registryFlag, now }: RunInputs): RunContext {
  const environment = readEnvironment(env);
  const cdktf = context ?? cdktfContextFromEnvironment(environment) ?? readCdktfJsonContext(cwd);
  const location = readRegistryLocation(cdktf, environment);
  const deployment = readDeploymentSettings(cdktf, environment);
  if (registryFlag === undefined && environment.registry === undefined) registryInRepository(location, cwd);
  return {
    registry: registryFlag === undefined ? location : { path: registryFlag, origin: "--registry" },
    deployment,
    ...policyDecisions(environment, now),
    environment,
    rules: loadRulePack(cdktf[RULES_SETTING], cwd),
  };
}

/**
 * "Today" and the mode override, decided from the environment once: readRunContext's for synth and the
 * commands, and addContactPolicy's for another app (which has no cdktf.json of ours to read).
 */
export function policyDecisions(environment: RunEnvironment, now?: Date): Pick<RunContext, "today" | "modeOverride"> {
  return { today: todayFor(environment.today, now), modeOverride: parsePolicyMode(environment.policyMode) };
}

/** The mode of this run, once the registry is loaded: CONTACTS_POLICY_MODE, else the registry's policy.mode. */
export function policyModeFor(context: Pick<RunContext, "modeOverride">, registry: Pick<Registry, "policy">): PolicyMode {
  return context.modeOverride ?? registry.policy.mode;
}

/** The deployment settings another cdktf.json context gives this run (the environment's overrides still apply). */
export function deploymentFor(context: Pick<RunContext, "environment">, cdktf: CdktfContext): DeploymentSettings {
  return readDeploymentSettings(cdktf, context.environment);
}

function cdktfContextFromEnvironment(environment: RunEnvironment): CdktfContext | undefined {
  if (environment.cdktfContextJson === undefined) return undefined;
  try {
    return (JSON.parse(environment.cdktfContextJson) ?? {}) as CdktfContext;
  } catch (error) {
    throw new UsageError(
      `CDKTF_CONTEXT_JSON is not valid JSON (${(error as Error).message}). Fix: run the app through \`cdktf synth\`, which sets it, or unset it to read cdktf.json.`,
    );
  }
}

/**
 * A registry path the repository chose (cdktf.json's contactsRegistry, or the default path, which may be a
 * committed symbolic link) must stay in the repository: a pull request could otherwise have review or synth
 * read any file of the machine that runs them, and show it in its errors. A path the person running the
 * command gave (--registry, CONTACTS_REGISTRY) is theirs to choose.
 */
function registryInRepository(location: RegistryLocation, cwd: string): void {
  const leaves = leavesRepository(cwd, location.path);
  if (!leaves) return;
  throw new UsageError(
    `the registry ${location.path}, from ${location.origin}, is refused unread: ${leaves}, and a change to the repository must not make the tool read a file of the machine that runs it. Fix: keep the registry inside the repository, or name a registry kept elsewhere with CONTACTS_REGISTRY or --registry.`,
  );
}
