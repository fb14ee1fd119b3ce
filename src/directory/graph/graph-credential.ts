import type { TokenCredential } from "@azure/identity";

import type { GraphSourceConfig } from "../../model/directory-reading";
import { GraphDirectoryError } from "./graph-errors";

/** The environment variables that choose the credential, as src/run/environment.ts reads them. */
export interface GraphCredentialEnvironment {
  /** AZURE_CLIENT_SECRET: the app registration's client secret (a person's machine, a vault). */
  azureClientSecret?: string;
  /** AZURE_FEDERATED_TOKEN_FILE: a federated token to exchange (workload identity federation, e.g. GitHub Actions' OIDC). */
  azureFederatedTokenFile?: string;
}

export const DEFAULT_GRAPH_ENDPOINT = "https://graph.microsoft.com";
export const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";

// Entra's own authority hosts, which MSAL's instance discovery knows. For any other host (a sovereign
// deployment, a proxy, a stand-in) discovery would ask login.microsoftonline.com about it and fail, so it is off.
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
]);

/**
 * The https origin a setting names, or an error: a bearer token or a client secret never goes over plain http, to
 * a URL with credentials in it, or to a path the setting did not mean.
 */
export function httpsOrigin(config: GraphSourceConfig, setting: "endpoint" | "authorityHost", value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:" || url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    throw new GraphDirectoryError(
      config.id,
      undefined,
      `${setting} ${JSON.stringify(value)} is not an https origin`,
      "tokens and secrets go only to https hosts, and Graph's paths are the reader's to add",
      `set ${setting} to an origin such as ${setting === "endpoint" ? DEFAULT_GRAPH_ENDPOINT : DEFAULT_AUTHORITY_HOST}, or leave it out`,
    );
  }
  return url.origin;
}

/**
 * The credential the environment calls for: a client secret, or a federated token (workload identity). Both at
 * once is refused rather than one silently preferred. @azure/identity is loaded only here, when a Graph source
 * is read, so commands that never read one do not pay for it.
 */
export async function graphCredential(config: GraphSourceConfig, env: GraphCredentialEnvironment): Promise<TokenCredential> {
  const fail = (what: string, fix: string) =>
    new GraphDirectoryError(config.id, undefined, what, "the source's credential comes only from the environment or the platform's workload identity", fix);
  if (env.azureClientSecret && env.azureFederatedTokenFile) {
    throw fail("both AZURE_CLIENT_SECRET and AZURE_FEDERATED_TOKEN_FILE are set", "unset one: a client secret, or workload identity federation in CI");
  }
  if (!env.azureClientSecret && !env.azureFederatedTokenFile) {
    throw fail(
      "no credential for Microsoft Graph: neither AZURE_CLIENT_SECRET nor AZURE_FEDERATED_TOKEN_FILE is set",
      "set AZURE_CLIENT_SECRET to the app registration's secret, or use workload identity federation (docs/graph-directory.md)",
    );
  }
  const authorityHost = httpsOrigin(config, "authorityHost", config.authorityHost ?? DEFAULT_AUTHORITY_HOST);
  const options = { authorityHost, disableInstanceDiscovery: !MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname) };
  const identity = await import("@azure/identity");
  try {
    return env.azureClientSecret
      ? new identity.ClientSecretCredential(config.tenantId, config.clientId, env.azureClientSecret, options)
      : new identity.WorkloadIdentityCredential({
          ...options,
          tenantId: config.tenantId,
          clientId: config.clientId,
          tokenFilePath: env.azureFederatedTokenFile,
        });
  } catch (error) {
    // @azure/identity checks the tenant id's characters (it goes into the authority URL) and throws here.
    throw fail(`the credential could not be made (${firstLine(error)})`, "check the source's tenantId and clientId in the registry");
  }
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].slice(0, 300);
}
