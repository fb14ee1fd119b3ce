/**
 * The environment the AWS SDK v3 is given in tests: dummy static keys and the standard per-service
 * endpoint variables pointing at the local stand-in, and nothing from the developer's shell or home
 * (profiles, SSO, instance metadata) that could send a call to AWS.
 */
export function awsEnvironmentFor(apiUrl: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const u = new URL(apiUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) throw new Error(`refusing to point the AWS SDK at a non-loopback endpoint: ${apiUrl}`);
  return {
    AWS_ACCESS_KEY_ID: "AKIDLOCALACCOUNTAPI",
    AWS_SECRET_ACCESS_KEY: "local-account-api-secret-key",
    AWS_ENDPOINT_URL_ORGANIZATIONS: apiUrl,
    AWS_ENDPOINT_URL_ACCOUNT: apiUrl,
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    // The SDK's notice that releases after January 2027 need Node 22: not about these pinned versions.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

/** process.env without any AWS_ variable: the base every test adds awsEnvironmentFor to. */
export function environmentWithoutAws(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
}

/** Sets this jest worker's process.env for the SDK (it reads process.env itself) until the returned function restores it. */
export function useAwsEnvironment(env: Record<string, string | undefined>): () => void {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  return () => {
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, saved);
  };
}
