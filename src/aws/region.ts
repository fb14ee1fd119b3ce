/** AWS Organizations and Account Management are global, but the SDK needs a region to pick the partition. */
export const DEFAULT_REGION = "us-east-1";

interface RegionalClient {
  config: { region: () => Promise<string> };
  destroy(): void;
}

/**
 * A client in the region the SDK's own chain finds (AWS_REGION, the profile's region, ...), else in
 * us-east-1: the SDK has no default and would fail every call with "Region is missing".
 */
export async function withDefaultRegion<C extends RegionalClient>(make: (region?: string) => C): Promise<C> {
  const client = make();
  try {
    await client.config.region();
    return client;
  } catch {
    client.destroy();
    return make(DEFAULT_REGION);
  }
}
