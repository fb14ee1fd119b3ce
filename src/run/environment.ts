/**
 * Every environment variable contacts reads, read here and nowhere else: the entry points (synth, review,
 * check-plan) get them through the run context, so no other module looks at `process.env`.
 */
export interface RunEnvironment {
  /** CONTACTS_REGISTRY: the registry file, before cdktf.json's contactsRegistry. */
  registry?: string;
  /** CONTACTS_TODAY=YYYY-MM-DD: "today" for the policy (checked by todayFor). */
  today?: string;
  /** CONTACTS_POLICY_MODE=warn|enforce: overrides the registry's policy.mode (checked by parsePolicyMode). */
  policyMode?: string;
  /** CONTACTS_AWS_PROVIDER_VERSION: the hashicorp/aws constraint, before cdktf.json's awsProviderVersion. */
  awsProviderVersion?: string;
  /** CONTACTS_IMPORT_EXISTING=true: emit import blocks, as cdktf.json's importExistingContacts does. */
  importExisting: boolean;
  /** CONTACTS_AWS_TIMEOUT_MS: how long one attempt of an AWS call may take (checked by awsCallLimits). */
  awsTimeoutMs?: string;
  /** CDKTF_CONTEXT_JSON: the context `cdktf synth` hands the app (cdktf.json's `context`). */
  cdktfContextJson?: string;
  /** CDKTF_OUTDIR: where `cdktf synth` wants the output (cdktf's App reads it too). */
  cdktfOutdir?: string;
  /**
   * The app runs under the cdktf CLI (`cdktf synth`, `diff`, `deploy`), which sets CDKTF_OUTDIR,
   * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS and SYNTH_HCL_OUTPUT for its app, prints the app's output as it
   * comes and, when the app exits non-zero, all of it a second time.
   */
  underCdktfCli: boolean;
  /** CI: set by CI services (GitHub Actions sets CI=true in every job); "", "0" and "false" count as unset. */
  ci: boolean;
  /**
   * CONTACTS_LOCAL_STATE=true: a CI job keeps local state on purpose, because it never applies (a test, or a
   * job that synthesizes only for the policy). Never in a job that runs terraform apply.
   */
  localStateAllowed: boolean;
  /** AZURE_CLIENT_SECRET: a Microsoft Graph source authenticates with this app registration secret. */
  azureClientSecret?: string;
  /** AZURE_FEDERATED_TOKEN_FILE: a Microsoft Graph source exchanges this federated token (workload identity, CI). */
  azureFederatedTokenFile?: string;
}

/** Blank values count as unset, as they always have. */
export function readEnvironment(env: NodeJS.ProcessEnv): RunEnvironment {
  const value = (name: string) => env[name]?.trim() || undefined;
  return {
    registry: value("CONTACTS_REGISTRY"),
    today: value("CONTACTS_TODAY"),
    policyMode: value("CONTACTS_POLICY_MODE"),
    awsProviderVersion: value("CONTACTS_AWS_PROVIDER_VERSION"),
    importExisting: env.CONTACTS_IMPORT_EXISTING === "true",
    awsTimeoutMs: value("CONTACTS_AWS_TIMEOUT_MS"),
    cdktfContextJson: env.CDKTF_CONTEXT_JSON || undefined,
    cdktfOutdir: value("CDKTF_OUTDIR"),
    // All three, as the CLI sets them for its app: two exported by hand in a pipeline must not pass for the CLI.
    underCdktfCli:
      value("CDKTF_OUTDIR") !== undefined &&
      env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === "true" &&
      (env.SYNTH_HCL_OUTPUT === "true" || env.SYNTH_HCL_OUTPUT === "false"),
    ci: !["", "0", "false"].includes(value("CI")?.toLowerCase() ?? ""),
    localStateAllowed: env.CONTACTS_LOCAL_STATE === "true",
    azureClientSecret: value("AZURE_CLIENT_SECRET"),
    azureFederatedTokenFile: value("AZURE_FEDERATED_TOKEN_FILE"),
  };
}

/**
 * A secret a registry names by its variable (an LDAP source's passwordEnv): read here, like every variable,
 * never from the registry itself. Blank counts as unset.
 */
export function secretFromEnvironment(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || undefined;
}

/** The process's environment: read here alone, by the entry points' defaults (bin, `contacts`, synth, addContactPolicy). */
export function processEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}
