/**
 * The organization and contact readers, through the real AWS SDK v3 clients (credential chain, endpoint
 * variables, standard retry, timeouts) against the local stand-in serving both APIs.
 */
import type { AccountClient } from "@aws-sdk/client-account";
import type { FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from "@aws-sdk/types";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { openAccountClient } from "../../src/aws/account-client";
import { AwsCommandError } from "../../src/aws/aws-errors";
import { readLiveContacts } from "../../src/aws/contact-reader";
import { openOrganizationsClient } from "../../src/aws/organizations-client";
import { ouNameWarnings } from "../../src/registry/organization-snapshot-file";
import { readOrganizationTree } from "../../src/aws/organization-tree";
import { ACCOUNT_API_DOCUMENTED_RATES, type AccountApi } from "../support/account-api";
import { ACCOUNT_READ_RATES } from "../../src/aws/pacing";
import { awsEnvironmentFor, useAwsEnvironment } from "../support/aws-env";
import { ACCOUNTS, ACTIVE_ACCOUNTS, CARDS, HQ, MANAGEMENT, SUSPENDED, startExampleOrganization } from "../support/example-organization";

const SENT_AT = "x-stand-in-sent-at";
const running: AccountApi[] = [];
let restore: (() => void) | undefined;
async function organization(options: Parameters<typeof startExampleOrganization>[0] = {}) {
  const api = await startExampleOrganization(options);
  running.push(api);
  restore?.();
  restore = useAwsEnvironment(awsEnvironmentFor(api.url));
  return api;
}
afterEach(() => {
  restore?.();
  restore = undefined;
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((api) => api.stop()));
});

const readAccounts = ACTIVE_ACCOUNTS.map((id) => ({ id, management: id === MANAGEMENT }));

describe("reading the organization through AWS Organizations", () => {
  test("walks nested OUs over every page of every listing: each account with its state and OU path, the management account named", async () => {
    const api = await organization();
    const tree = await readOrganizationTree(await openOrganizationsClient(), "contacts test");
    expect(tree).toMatchObject({ organizationId: "o-exampleorg1", managementAccountId: MANAGEMENT });
    expect(tree.accounts.map((a) => [a.id, a.name, a.state, a.ouPath])).toEqual(
      Object.entries(ACCOUNTS)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, a]) => [id, a.name, id === SUSPENDED ? "SUSPENDED" : "ACTIVE", a.ou]),
    );
    // Two items a page: the root's four OUs came in two pages, and the SDK signed for the region it defaulted to.
    expect(api.calls.filter((c) => c.operation === "ListOrganizationalUnitsForParent").length).toBeGreaterThan(7);
    expect(new Set(api.calls.map((c) => `${c.credentialScope?.service}/${c.credentialScope?.region}`))).toEqual(new Set(["organizations/us-east-1"]));
  });

  // Throttling too is retried (see "a throttled read is retried by count" below, and test/import-e2e.test.ts).
  test("500s are retried to the same result", async () => {
    const api = await organization({ errorRate: 0.3, maxFaultsPerInvocation: 2, seed: 5 });
    const tree = await readOrganizationTree(await openOrganizationsClient(), "contacts test");
    expect(tree.accounts).toHaveLength(Object.keys(ACCOUNTS).length);
    expect(api.calls.filter((c) => c.fault).length).toBeGreaterThan(0);
  });

  test.each([
    [
      { organizationNotInUse: true },
      /^contacts test: the account of these credentials is in no AWS organization \(AWSOrganizationsNotInUseException\)\. Fix: /,
    ],
    [
      { denied: { operations: ["ListRoots"] } },
      /^contacts test: AWS denied organizations:ListRoots \(AccessDeniedException: .*\)\. Fix: run as the management account/,
    ],
    [
      { errorRate: 1 },
      /^contacts test: AWS could not answer organizations:DescribeOrganization after 3 attempts \(ServiceException: .*\)\. Fix: run again later\.$/,
    ],
  ])("%j stops the read with one line saying what and how to fix it", async (faults, line) => {
    await organization(faults);
    const error = await readOrganizationTree(await openOrganizationsClient(), "contacts test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCommandError);
    expect((error as Error).message).toMatch(line);
    expect((error as Error).message).not.toContain("\n");
  });

  test('an OU named with "/" (AWS allows it) is found and named: its path reads one level deeper than it is', async () => {
    // Answers served by the client itself, as AWS would send them: the stand-in's OUs are given by path and cannot hold a "/".
    const client = new OrganizationsClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
    const answers: Record<string, (input: { ParentId?: string }) => object> = {
      DescribeOrganizationCommand: () => ({ Organization: { Id: "o-slash", MasterAccountId: MANAGEMENT } }),
      ListRootsCommand: () => ({ Roots: [{ Id: "r-1" }] }),
      ListOrganizationalUnitsForParentCommand: ({ ParentId }) =>
        ParentId === "r-1"
          ? { OrganizationalUnits: [{ Id: "ou-w", Name: "Workloads" }] }
          : ParentId === "ou-w"
            ? { OrganizationalUnits: [{ Id: "ou-rd", Name: "R&D/Labs" }] }
            : { OrganizationalUnits: [] },
      ListAccountsForParentCommand: ({ ParentId }) =>
        ParentId === "ou-rd" ? { Accounts: [{ Id: "222222222222", Name: "lab", State: "ACTIVE" }] } : { Accounts: [] },
    };
    client.middlewareStack.add(
      (_next, context) => async (args) => ({ output: { $metadata: {}, ...answers[context.commandName!](args.input as { ParentId?: string }) }, response: {} }),
      { step: "initialize", name: "answerFromTest" },
    );
    const tree = await readOrganizationTree(client, "contacts test");
    expect(tree.accounts.map((a) => [a.id, a.ouPath])).toEqual([["222222222222", "Workloads/R&D/Labs"]]);
    expect(tree.ousNamedWithSlash).toEqual([{ id: "ou-rd", name: "R&D/Labs", path: "Workloads/R&D/Labs" }]);
    expect(ouNameWarnings("contacts test", tree)).toEqual([
      expect.stringMatching(/^contacts test: warning: OU ou-rd is named "R&D\/Labs"; .* Fix: rename the OU/),
    ]);
  });

  test("a listing whose NextToken repeats stops the read with one line naming the call, after asking for the repeated page once", async () => {
    const api = await organization({ repeatingNextToken: "ListAccountsForParent" });
    const error = await readOrganizationTree(await openOrganizationsClient(), "contacts test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCommandError);
    expect((error as Error).message).toMatch(
      /^contacts test: organizations:ListAccountsForParent of r-\w+ returned on page 2 a NextToken it had already returned, so the listing would never end; nothing was written\. Fix: run again later/,
    );
    // The root's listing: the first page, the page its token names, and no further.
    expect(api.calls.filter((c) => c.operation === "ListAccountsForParent")).toHaveLength(2);
  });

  test("no credentials anywhere is one line naming the credential chain", async () => {
    const api = await organization();
    restore?.();
    restore = useAwsEnvironment(awsEnvironmentFor(api.url, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }));
    const error = await readOrganizationTree(await openOrganizationsClient(), "contacts test").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^contacts test: no usable AWS credentials for organizations:DescribeOrganization \(CredentialsProviderError: .*\)\. Fix: .*AWS_PROFILE/,
    );
    expect(api.calls).toHaveLength(0);
  });
});

describe("reading contacts through AWS Account Management", () => {
  test("reads every type of every account, the management account without AccountId; contacts never set are absent", async () => {
    const api = await organization();
    const { contacts, failures } = await readLiveContacts(await openAccountClient(), readAccounts, { concurrency: 4, primary: true, command: "contacts test" });
    expect(failures).toEqual([]);
    expect(contacts.get(MANAGEMENT)).toEqual({
      SECURITY: {
        name: CARDS.cloudSecurity.Name,
        title: CARDS.cloudSecurity.Title,
        email: CARDS.cloudSecurity.EmailAddress,
        phone: CARDS.cloudSecurity.PhoneNumber,
      },
      PRIMARY: {
        fullName: HQ.FullName,
        companyName: HQ.CompanyName,
        phone: HQ.PhoneNumber,
        addressLine1: HQ.AddressLine1,
        city: HQ.City,
        stateOrRegion: HQ.StateOrRegion,
        postalCode: HQ.PostalCode,
        countryCode: HQ.CountryCode,
      },
    });
    expect(Object.keys(contacts.get("777777777777")!)).toEqual(["PRIMARY"]);
    expect(api.calls.filter((c) => c.targetAccountId === MANAGEMENT).every((c) => c.requestedAccountId === undefined)).toBe(true);
  });

  test("the pace is set from the documented quotas the stand-in enforces", () => {
    expect(ACCOUNT_READ_RATES).toEqual({
      GetAlternateContact: ACCOUNT_API_DOCUMENTED_RATES.GetAlternateContact,
      GetContactInformation: ACCOUNT_API_DOCUMENTED_RATES.GetContactInformation,
    });
  });

  test("paced to the documented rates: the stand-in enforcing them throttles nothing", async () => {
    // Charged at each attempt's send time, as AWS would at its arrival: this file's process, busy, may hand the
    // stand-in requests late and together.
    const api = await organization({ rateLimit: "documented", sentAtHeader: SENT_AT });
    const client = await openAccountClient();
    client.middlewareStack.addRelativeTo(
      (next: FinalizeHandler<object, MetadataBearer>) => (args: FinalizeHandlerArguments<object>) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) request.headers[SENT_AT] = String(Date.now());
        return next(args);
      },
      { name: "stampSendTime", relation: "after", toMiddleware: "retryMiddleware" },
    );
    const started = Date.now();
    const { failures } = await readLiveContacts(client, readAccounts, { concurrency: 15, primary: false, command: "contacts test" });
    expect(failures).toEqual([]);
    expect(api.calls.filter((c) => c.sentAt === undefined)).toEqual([]);
    expect(api.calls.filter((c) => c.status === 429)).toEqual([]);
    // 27 GetAlternateContact: 12 at once, then 15 more at 9 a second (a margin under 15 and 10).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  test("AccessDenied on one account: every type of it is reported not read (the others are not asked), and the other accounts are read", async () => {
    const api = await organization({ denied: { accounts: ["444444444444"] } });
    const { contacts, failures } = await readLiveContacts(await openAccountClient(), readAccounts, { concurrency: 4, primary: true, command: "contacts test" });
    expect(failures).toEqual(
      ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"].map((type) => ({
        accountId: "444444444444",
        type,
        code: "AccessDeniedException",
        message: expect.stringContaining("not authorized"),
      })),
    );
    expect(api.calls.filter((c) => c.requestedAccountId === "444444444444")).toHaveLength(1);
    expect(contacts.has("444444444444")).toBe(false);
    expect(contacts.size).toBe(ACTIVE_ACCOUNTS.length - 1);
  });

  test("one type that still fails after the retries is reported alone: the types of the account that were read are kept", async () => {
    // A client whose SECURITY reads of one account are throttled for good: the SDK's retries are the real client's business.
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429, attempts: 3 } });
    const client = {
      send: async (command: { input: { AccountId?: string; AlternateContactType?: string } }) => {
        const { AccountId, AlternateContactType } = command.input;
        if (AccountId === "222222222222" && AlternateContactType === "SECURITY") throw throttled;
        if (AlternateContactType === undefined) return { ContactInformation: { FullName: HQ.FullName, PhoneNumber: HQ.PhoneNumber } };
        return { AlternateContact: { ...CARDS.finance, AlternateContactType } };
      },
    } as unknown as AccountClient;
    const accounts = [
      { id: "222222222222", management: false },
      { id: "333333333333", management: false },
    ];
    const { contacts, failures } = await readLiveContacts(client, accounts, { concurrency: 2, primary: true, command: "contacts test" });
    expect(failures).toEqual([{ accountId: "222222222222", type: "SECURITY", code: "TooManyRequestsException", message: "Rate exceeded" }]);
    expect(Object.keys(contacts.get("222222222222")!)).toEqual(["BILLING", "OPERATIONS", "PRIMARY"]);
    expect(Object.keys(contacts.get("333333333333")!)).toEqual(["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"]);
  });

  test("an account whose reads AWS never answers is a failure of every type of it, after the timeouts and retries; the other accounts are read", async () => {
    const api = await organization({ unansweredAccounts: ["444444444444"] });
    // Long enough that an answered read on a busy machine is never taken for an unanswered one.
    const client = await openAccountClient({ connectionTimeoutMs: 3000, requestTimeoutMs: 3000 });
    const { contacts, failures } = await readLiveContacts(client, readAccounts, { concurrency: 4, primary: true, command: "contacts test" });
    expect(failures).toEqual(
      ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"].map((type) => ({
        accountId: "444444444444",
        type,
        code: "TimeoutError",
        message: "AWS did not answer within 3000 ms",
      })),
    );
    expect(contacts.has("444444444444")).toBe(false);
    expect(contacts.size).toBe(ACTIVE_ACCOUNTS.length - 1);
    // One call, tried the SDK's standard three times, each left unanswered; the account's other types were not asked.
    const held = api.calls.filter((c) => c.requestedAccountId === "444444444444");
    expect(held.map((c) => [c.unanswered, c.attempt])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
    ]);
    expect(new Set(held.map((c) => c.invocationId)).size).toBe(1);
  });

  test("when AWS answers none of the first accounts' reads, the read stops with one line naming the call and the fix", async () => {
    await organization({ unansweredAccounts: ACTIVE_ACCOUNTS });
    const client = await openAccountClient({ connectionTimeoutMs: 200, requestTimeoutMs: 200 });
    const error = await readLiveContacts(client, readAccounts, { concurrency: 3, primary: false, command: "contacts test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCommandError);
    expect((error as Error).message).toMatch(
      /^contacts test: AWS did not answer account:GetAlternateContact after 3 attempts \(TimeoutError: AWS did not answer within 200 ms\)\. Fix: run again later; .*CONTACTS_AWS_TIMEOUT_MS/,
    );
  });

  test("a throttled read is retried by count, not slowed for the rest of the run: every account's first read throttled, everything read", async () => {
    const api = await organization({ firstCalls: { throttle: 1 } });
    const { contacts, failures } = await readLiveContacts(await openAccountClient(), readAccounts, { concurrency: 4, primary: true, command: "contacts test" });
    expect(failures).toEqual([]);
    expect(contacts.size).toBe(ACTIVE_ACCOUNTS.length);
    const throttled = api.calls.filter((c) => c.status === 429);
    expect(new Set(throttled.map((c) => c.requestedAccountId ?? MANAGEMENT))).toEqual(new Set(ACTIVE_ACCOUNTS));
    // Each throttled call was retried once, as the same invocation, and answered (200, or 404 for a contact never set).
    for (const call of throttled) {
      expect(api.calls.filter((c) => c.invocationId === call.invocationId).map((c) => [c.attempt, c.status === 429])).toEqual([
        [1, true],
        [2, false],
      ]);
    }
  });

  test("a read that still fails after the SDK's retries is a failure of that account, never skipped", async () => {
    await organization({ errorRate: 1, denied: undefined });
    const { contacts, failures } = await readLiveContacts(await openAccountClient(), readAccounts.slice(0, 2), {
      concurrency: 2,
      primary: false,
      command: "contacts test",
    });
    expect(contacts.size).toBe(0);
    expect(failures.filter((f) => f.accountId === MANAGEMENT).map((f) => f.code)).toEqual([
      "InternalServerException",
      "InternalServerException",
      "InternalServerException",
    ]);
  });
});
