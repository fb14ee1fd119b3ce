import { evaluationFor, type PolicyEvaluation } from "../engine/evaluate";
import { RegistryContacts } from "../engine/registry-contacts";
import type { OrganizationAccount } from "../model/organization";
import type { Registry } from "../model/types";
import { resolveEffectiveContacts } from "../registry/effective-contacts";
import { loadRegistry } from "../registry/load-registry";
import { processEnvironment, readEnvironment } from "../run/environment";
import type { PolicyMode } from "../run/policy-mode";
import { loadRulePack } from "../run/rule-pack";
import { loadBeside, withCompanyDirectory } from "../run/load-inputs";
import { policyDecisions, policyModeFor } from "../run/run-context";
import { Aspects, TerraformStack, type IConstruct } from "./cdktf";
import { ContactPolicyAspect } from "./contact-policy-aspect";

export interface ContactPolicyOptions {
  /** The registry of people and groups: its file (YAML, or strict JSON when the name ends in `.json`; relative to the working directory), or what `loadRegistry` returned. */
  registry: string | Registry;
  /** The day reviews, departures and exceptions are judged on (YYYY-MM-DD): `CONTACTS_TODAY` when set, else today (UTC). */
  today?: string;
  /** `enforce` (an error fails synthesis) or `warn`; by default `CONTACTS_POLICY_MODE` when set, else the registry's `policy.mode`, as in `cdktf synth`. */
  mode?: PolicyMode;
  /** The organization's accounts, for the coverage rules; read from the registry's `organization.accountsFile` by default. */
  organization?: readonly OrganizationAccount[];
  /** A team's own rule modules, as cdktf.json's `contactsRules` names them (relative to the working directory): judged with the built-ins. */
  rules?: readonly string[];
  /** The environment `CONTACTS_TODAY` and `CONTACTS_POLICY_MODE` are read from: the process's by default. */
  env?: NodeJS.ProcessEnv;
}

export interface ContactPolicy {
  aspect: ContactPolicyAspect;
  /** Every finding, once the stacks are synthesized (or `aspect.judgeApp(app)` was called). */
  evaluation: PolicyEvaluation;
  registry: Registry;
}

/**
 * The contact policy for any cdktf app: every `aws_account_alternate_contact` and `aws_account_primary_contact`
 * in `scope` (a stack, or every stack of an app), hand-written or not, is judged at synthesis against the
 * registry's people and groups, and an error fails `app.synth()` and `cdktf synth` with the finding and its
 * fix. Add it once the stacks exist: cdktf runs no aspect added to the App itself.
 * Throws the registry's RegistryError (every problem with file:line:column) when it does not load.
 */
export function addContactPolicy(scope: IConstruct, options: ContactPolicyOptions): ContactPolicy {
  const stacks = TerraformStack.isStack(scope) ? [scope] : scope.node.findAll().filter((node): node is TerraformStack => TerraformStack.isStack(node));
  if (stacks.length === 0) {
    throw new Error(
      `addContactPolicy: ${scope.node.path || "the app"} holds no stack yet, and cdktf runs no aspect added to the App itself. Fix: call it after creating the stacks, or pass a stack.`,
    );
  }
  const decided = policyDecisions(readEnvironment(options.env ?? processEnvironment()));
  const today = options.today ?? decided.today;
  const loaded =
    typeof options.registry === "string" ? loadRegistry(options.registry, "addContactPolicy's registry option", process.cwd(), { today }) : options.registry;
  // What lies beside the registry, read by synth's loader: the organization's accounts, and the directory
  // snapshot sourced groups are judged from. This app's own resources are judged, so no import record is read.
  const beside = withCompanyDirectory(
    loaded,
    loadBeside(loaded, {
      cwd: process.cwd(),
      want: { organization: options.organization === undefined, directorySnapshot: loaded.companyDirectory === undefined },
      deployment: { importExisting: false, existingContactsFile: "" },
      today,
    }),
  );
  const registry = beside.registry;
  const organization = options.organization ?? beside.organization;
  const evaluation = evaluationFor(registry, today, loadRulePack(options.rules, process.cwd()));
  const expected = new RegistryContacts(resolveEffectiveContacts(registry));
  // The mode as the run context decides it for synth and the commands: the variable over the registry's policy.mode.
  const mode = options.mode ?? policyModeFor(decided, registry);
  const aspect = new ContactPolicyAspect({ evaluation, registry, expected, mode, organization, judgesExceptions: true });
  for (const stack of stacks) Aspects.of(stack).add(aspect);
  return { aspect, evaluation, registry };
}
