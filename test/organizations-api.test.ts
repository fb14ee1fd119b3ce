/**
 * The stand-in's Organizations API, checked through the real @aws-sdk/client-organizations: what the SDK
 * sends (awsJson1_1, X-Amz-Target, SigV4 for "organizations") and that it parses every answer and error.
 */
import {
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListParentsCommand,
  OrganizationsClient,
  OrganizationalUnitNotFoundException,
  paginateListAccounts,
  InvalidInputException,
} from "@aws-sdk/client-organizations";
import { startExampleOrganization, ACCOUNTS } from "./support/example-organization";
import { awsEnvironmentFor, useAwsEnvironment } from "./support/aws-env";
import type { AccountApi } from "./support/account-api";

let api: AccountApi;
let restore: () => void;
let client: OrganizationsClient;
beforeAll(async () => {
  api = await startExampleOrganization();
  restore = useAwsEnvironment(awsEnvironmentFor(api.url));
  client = new OrganizationsClient({ region: "us-east-1" });
});
afterAll(async () => {
  client.destroy();
  restore();
  await api.stop();
});

describe("the stand-in's AWS Organizations API, through the AWS SDK", () => {
  test("ListAccounts pages two accounts at a time; the paginator follows NextToken to every account, with State, Status and the join time", async () => {
    const pages = [];
    for await (const page of paginateListAccounts({ client }, {})) pages.push(page);
    expect(pages).toHaveLength(5);
    const accounts = pages.flatMap((p) => p.Accounts ?? []);
    expect(accounts.map((a) => a.Id).sort()).toEqual(Object.keys(ACCOUNTS).sort());
    expect(accounts.find((a) => a.Id === "888888888888")).toMatchObject({ State: "SUSPENDED", Status: "SUSPENDED", Name: "retired" });
    expect(accounts[0].JoinedTimestamp).toEqual(new Date("2021-03-01T09:00:00Z"));
    expect(api.calls.every((c) => c.credentialScope?.service === "organizations")).toBe(true);
  });

  test("ListParents and DescribeOrganizationalUnit walk an account up to the root by OU names", async () => {
    const names: string[] = [];
    let child = "333333333333";
    for (;;) {
      const [parent] = (await client.send(new ListParentsCommand({ ChildId: child }))).Parents ?? [];
      if (parent.Type === "ROOT") break;
      names.unshift((await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parent.Id }))).OrganizationalUnit!.Name!);
      child = parent.Id!;
    }
    expect(names.join("/")).toBe(ACCOUNTS["333333333333"].ou);
  });

  test("errors arrive as the SDK's own exception classes: a NextToken of another listing, an unknown OU", async () => {
    const first = await client.send(new ListAccountsCommand({}));
    const error = await client.send(new ListParentsCommand({ ChildId: "333333333333", NextToken: first.NextToken })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error).toMatchObject({ Reason: "INVALID_PAGINATION_TOKEN", $metadata: { httpStatusCode: 400 } });
    await expect(client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: "ou-abcd-12345678" }))).rejects.toBeInstanceOf(
      OrganizationalUnitNotFoundException,
    );
  });
});
