import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { withDefaultRegion } from "./region";

/**
 * The Organizations client, configured only where the SDK's defaults do not fit: credentials, region,
 * AWS_ENDPOINT_URL_ORGANIZATIONS and AWS_MAX_ATTEMPTS come from the SDK's own chain. Adaptive retry
 * slows the client down when AWS throttles, instead of retrying at the same pace.
 */
export function openOrganizationsClient(): Promise<OrganizationsClient> {
  return withDefaultRegion((region) => new OrganizationsClient({ region, retryMode: "adaptive" }));
}
