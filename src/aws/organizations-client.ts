import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { clientOptions, DEFAULT_CALL_LIMITS, type AwsCallLimits } from "./call-limits";
import { withDefaultRegion } from "./region";

/**
 * The Organizations client, configured only where the SDK's defaults do not fit (see clientOptions):
 * credentials, region, AWS_ENDPOINT_URL_ORGANIZATIONS and AWS_MAX_ATTEMPTS come from the SDK's own chain.
 */
export function openOrganizationsClient(limits: AwsCallLimits = DEFAULT_CALL_LIMITS): Promise<OrganizationsClient> {
  return withDefaultRegion((region) => new OrganizationsClient({ region, ...clientOptions(limits) }));
}
