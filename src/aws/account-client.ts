import { AccountClient } from "@aws-sdk/client-account";
import { clientOptions, DEFAULT_CALL_LIMITS, type AwsCallLimits } from "./call-limits";
import { withDefaultRegion } from "./region";

/**
 * The Account Management client, configured only where the SDK's defaults do not fit (see clientOptions):
 * credentials, region, AWS_ENDPOINT_URL_ACCOUNT and AWS_MAX_ATTEMPTS come from the SDK's own chain.
 */
export function openAccountClient(limits: AwsCallLimits = DEFAULT_CALL_LIMITS): Promise<AccountClient> {
  return withDefaultRegion((region) => new AccountClient({ region, ...clientOptions(limits) }));
}
