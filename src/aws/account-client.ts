import { AccountClient } from "@aws-sdk/client-account";
import { withDefaultRegion } from "./region";

/**
 * The Account Management client, configured only where the SDK's defaults do not fit: credentials,
 * region, AWS_ENDPOINT_URL_ACCOUNT and AWS_MAX_ATTEMPTS come from the SDK's own chain. Adaptive retry
 * slows the client down when AWS throttles, on top of the pacing in contact-reader.ts.
 */
export function openAccountClient(): Promise<AccountClient> {
  return withDefaultRegion((region) => new AccountClient({ region, retryMode: "adaptive" }));
}
