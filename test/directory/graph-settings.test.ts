/** A Graph source's settings and credential environment, refused before anything is sent. */
import { readGraphDirectory } from "../../src/directory/graph";
import type { GraphSourceConfig } from "../../src/model/directory-reading";
import { readEnvironment } from "../../src/run/environment";

const config: GraphSourceConfig = {
  id: "entra",
  type: "graph",
  tenantId: "0a1b2c3d-1111-4222-8333-944455556666",
  clientId: "9f8e7d6c-aaaa-4bbb-8ccc-ddddeeeeffff",
};
const now = new Date("2026-12-01T09:00:00Z");
const secret = { azureClientSecret: "s" };

describe("a Graph source's settings", () => {
  test.each([
    ["an http endpoint", { endpoint: "http://graph.microsoft.com" }, /endpoint "http:\/\/graph\.microsoft\.com" is not an https origin/],
    ["an endpoint with a path", { endpoint: "https://graph.microsoft.com/v1.0" }, /endpoint .* is not an https origin/],
    ["an authority host with credentials in it", { authorityHost: "https://user:pw@login.microsoftonline.com" }, /authorityHost .* is not an https origin/],
    [
      "a tenant id @azure/identity refuses",
      { tenantId: "../../evil.example/x" },
      /the credential could not be made .*Fix: check the source's tenantId and clientId/,
    ],
  ])("%s is an error naming the source", async (_, change, message) => {
    await expect(readGraphDirectory({ ...config, ...change }, ["a@corp.example"], { now, environment: secret })).rejects.toThrow(message);
    await expect(readGraphDirectory({ ...config, ...change }, ["a@corp.example"], { now, environment: secret })).rejects.toThrow(/^directory source "entra": /);
  });

  test("a client secret and a federated token file both set is an error, not a silent choice", async () => {
    const environment = { azureClientSecret: "s", azureFederatedTokenFile: "/var/run/token" };
    await expect(readGraphDirectory(config, ["a@corp.example"], { now, environment })).rejects.toThrow(
      /both AZURE_CLIENT_SECRET and AZURE_FEDERATED_TOKEN_FILE are set/,
    );
  });

  test("the environment's AZURE_CLIENT_SECRET and AZURE_FEDERATED_TOKEN_FILE are read, blanks as unset", () => {
    expect(readEnvironment({ AZURE_CLIENT_SECRET: "s", AZURE_FEDERATED_TOKEN_FILE: " " })).toMatchObject({
      azureClientSecret: "s",
      azureFederatedTokenFile: undefined,
    });
  });
});
