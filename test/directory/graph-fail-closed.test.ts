/**
 * Fail closed (issue 21, requirement 5): whatever stops the Graph reader from reading a group completely ends the
 * read with one error naming the source and the address, and no reading at all, never a partial one.
 */
import * as https from "https";

import {
  CLIENT_ID,
  CLIENT_SECRET,
  GraphReaderProcess,
  NOW,
  TENANT_ID,
  startExampleTenant,
  type ExampleTenant,
  type GraphReaderRun,
} from "../support/graph-api";
import { tempDir } from "../support/workspace";

let tenant: ExampleTenant;
let reader: GraphReaderProcess;

beforeAll(async () => {
  tenant = await startExampleTenant(tempDir("graph-fail-"));
  reader = new GraphReaderProcess(tenant.certificate.certFile);
});
afterAll(async () => {
  await reader.stop();
  await tenant.api.stop();
});
beforeEach(() => {
  tenant.api.calls.length = 0;
  tenant.api.faults = {};
});

function read(
  addresses: string[],
  env: Record<string, string> = { AZURE_CLIENT_SECRET: CLIENT_SECRET },
  limits?: Record<string, number>,
): Promise<GraphReaderRun> {
  return reader.run({ config: tenant.config, addresses, now: NOW, limits }, env);
}

/** The run ended in the reader's error, for this address, and returned nothing. */
function failed(run: GraphReaderRun, address: string | undefined): string {
  expect(run.reading).toBeUndefined();
  expect(run.error).toMatchObject({ name: "GraphDirectoryError", source: "entra" });
  expect(run.error!.address).toBe(address);
  return run.error!.message;
}

describe("readGraphDirectory fails closed", () => {
  test("a client secret Entra ID rejects is an authentication error, and Graph is never asked", async () => {
    const message = failed(await read(["security@corp.example"], { AZURE_CLIENT_SECRET: "wrong" }), "security@corp.example");
    expect(message).toMatch(/^directory source "entra", address "security@corp.example": authentication to Microsoft Entra ID failed \(.*AADSTS7000215/);
    expect(message).toMatch(/Fix: check tenantId/);
    expect(tenant.api.calls.filter((c) => ["groups", "users", "members"].includes(c.kind))).toEqual([]);
  });

  test("no credential in the environment is an error that says which variables to set", async () => {
    const message = failed(await read(["security@corp.example"], {}), undefined);
    expect(message).toMatch(/neither AZURE_CLIENT_SECRET nor AZURE_FEDERATED_TOKEN_FILE is set/);
    expect(tenant.api.calls).toEqual([]);
  });

  test("403 on the members is an error naming the Graph permissions needed", async () => {
    tenant.api.faults = {
      fail: { times: 1, status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", kind: "members" },
    };
    const message = failed(await read(["security@corp.example"]), "security@corp.example");
    expect(message).toMatch(/Graph denied the read \(403 Authorization_RequestDenied: Insufficient privileges/);
    expect(message).toMatch(/GroupMember\.Read\.All, User\.Read\.All and User-LifeCycleInfo\.Read\.All/);
  });

  test("400 Request_UnsupportedQuery is an error, not a retry and not an empty group", async () => {
    tenant.api.faults = { fail: { times: 1, status: 400, code: "Request_UnsupportedQuery", message: "Unsupported query.", kind: "members" } };
    const message = failed(await read(["security@corp.example"]), "security@corp.example");
    expect(message).toMatch(/Graph did not support the query \(400 Request_UnsupportedQuery/);
    expect(tenant.api.callsOf("members")).toHaveLength(1);
  });

  test("503 on every attempt is an error after the bounded retries", async () => {
    tenant.api.faults = {
      fail: { times: 100, status: 503, code: "ServiceUnavailable", message: "Service unavailable.", retryAfterSeconds: 0, kind: "groups" },
    };
    const message = failed(await read(["security@corp.example"], undefined, { maxRetries: 2 }), "security@corp.example");
    expect(message).toMatch(/Graph answered 503 ServiceUnavailable: Service unavailable\. on each of 3 attempts/);
    expect(tenant.api.callsOf("groups").map((c) => c.status)).toEqual([503, 503, 503]);
  });

  test("a request Graph never answers is abandoned at the timeout, retried, then an error", async () => {
    tenant.api.faults = { hang: { times: 100, kind: "groups" } };
    const message = failed(await read(["security@corp.example"], undefined, { requestTimeoutMs: 500, maxRetries: 1 }), "security@corp.example");
    expect(message).toMatch(/Graph did not answer within 500 ms on each of 2 attempts/);
    expect(tenant.api.callsOf("groups")).toHaveLength(2);
  });

  test("a Retry-After longer than the read waits is an error, not a stall", async () => {
    tenant.api.faults = { throttle: { times: 1, retryAfterSeconds: 3600, kind: "users" } };
    const message = failed(await read(["jane@corp.example"]), "jane@corp.example");
    expect(message).toMatch(/asked to wait 3600 s/);
  });

  test("a page that cannot be parsed is an error, though the pages before it were read", async () => {
    const d = tenant.api.directory;
    d.addGroup({ displayName: "Big", mail: "big@corp.example", members: Array.from({ length: 1200 }, (_, i) => d.addUser({ displayName: `B${i}` }).id) });
    tenant.api.faults = { garbledMembersPage: { afterPages: 1 } };
    const message = failed(await read(["big@corp.example"]), "big@corp.example");
    expect(message).toMatch(/a page Graph returned could not be read/);
    expect(tenant.api.callsOf("members")).toHaveLength(2);
  });

  test("an @odata.nextLink to another origin is an error, and the token is not sent there", async () => {
    const d = tenant.api.directory;
    d.addGroup({ displayName: "Large", mail: "large@corp.example", members: Array.from({ length: 1000 }, (_, i) => d.addUser({ displayName: `L${i}` }).id) });
    tenant.api.faults = { nextLinkOrigin: "https://graph.attacker.example" };
    const message = failed(await read(["large@corp.example"]), "large@corp.example");
    expect(message).toMatch(/@odata\.nextLink "https:\/\/graph\.attacker\.example\/v1\.0\/groups\/.*" is not on https:\/\/127\.0\.0\.1:\d+/);
    expect(tenant.api.callsOf("members")).toHaveLength(1);
  });

  test("users returned without accountEnabled (no User.Read.All) are an error, never counted as current", async () => {
    tenant.api.faults = { limitedUserInfo: true };
    const message = failed(await read(["security@corp.example"]), "security@corp.example");
    expect(message).toMatch(/without accountEnabled.*Fix: grant the application the User\.Read\.All application permission/);
  });

  test("an address two groups hold is ambiguous", async () => {
    const d = tenant.api.directory;
    const one = d.addGroup({ displayName: "Ops A", mail: "ops@corp.example" });
    const two = d.addGroup({ displayName: "Ops B", proxyAddresses: ["SMTP:ops-b@corp.example", "smtp:ops@corp.example"] });
    const message = failed(await read(["ops@corp.example"]), "ops@corp.example");
    expect(message).toContain(`more than one directory object (group ${one.id} "Ops A", group ${two.id} "Ops B")`);
    expect(tenant.api.callsOf("members")).toEqual([]);
  });

  test("of several addresses read at once, the failure reported is the first address's, whichever failed first", async () => {
    const d = tenant.api.directory;
    for (const address of ["aa-twice@corp.example", "zz-twice@corp.example"]) {
      d.addGroup({ displayName: `${address} one`, mail: address });
      d.addGroup({ displayName: `${address} two`, mail: address });
    }
    // aa's look-up is throttled for a second, zz's answered at once: zz fails first.
    tenant.api.faults = { throttle: { times: 1, retryAfterSeconds: 1, kind: "groups", filterContains: "aa-twice" } };
    const run = await read(["zz-twice@corp.example", "aa-twice@corp.example", "jane@corp.example"]);
    failed(run, "aa-twice@corp.example");
    const groups = tenant.api.callsOf("groups");
    const zz = groups.find((c) => c.query.$filter.includes("zz-twice"))!;
    expect(groups.filter((c) => c.query.$filter.includes("aa-twice")).map((c) => [c.status, c.at >= zz.at])).toEqual([
      [429, expect.any(Boolean)],
      [200, true],
    ]);
  });

  test("an address a group and a user both hold is ambiguous", async () => {
    const d = tenant.api.directory;
    d.addGroup({ displayName: "Payroll", mail: "payroll@corp.example" });
    d.addUser({ displayName: "Payroll mailbox", mail: "payroll@corp.example" });
    const message = failed(await read(["payroll@corp.example"]), "payroll@corp.example");
    expect(message).toMatch(/more than one directory object \(group .* "Payroll", user .* "Payroll mailbox"\)/);
  });
});

interface Answer {
  status: number;
  body: { error?: { code: string; message: string }; access_token?: string; value?: unknown[] };
}

/** One request to the stand-in from this process, trusting its certificate. */
function request(path: string, headers: Record<string, string> = {}, form?: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = {
      ca: tenant.certificate.cert,
      headers: form ? { ...headers, "content-type": "application/x-www-form-urlencoded" } : headers,
      method: form ? "POST" : "GET",
    };
    const req = https.request(`${tenant.api.url}${path}`, options, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer["body"] }));
    });
    req.on("error", reject);
    req.end(form ? new URLSearchParams(form).toString() : undefined);
  });
}
const get = (path: string, headers: Record<string, string> = {}) => request(path, headers);

async function bearer(): Promise<Record<string, string>> {
  const answer = await request(
    `/${TENANT_ID}/oauth2/v2.0/token`,
    {},
    { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: `${tenant.api.url}/.default` },
  );
  return { Authorization: `Bearer ${answer.body.access_token}` };
}

describe("the Graph stand-in refuses what Graph refuses", () => {
  test("no bearer token is 401 InvalidAuthenticationToken", async () => {
    const res = await get("/v1.0/users");
    expect([res.status, res.body.error?.code]).toEqual([401, "InvalidAuthenticationToken"]);
  });

  test("a token it did not issue is 401", async () => {
    const res = await get("/v1.0/users", { Authorization: "Bearer made-up" });
    expect([res.status, res.body.error?.code]).toEqual([401, "InvalidAuthenticationToken"]);
  });

  test("the cast on transitiveMembers without ConsistencyLevel: eventual and $count is 400 Request_UnsupportedQuery", async () => {
    const path = `/v1.0/groups/${tenant.ids.security}/transitiveMembers/microsoft.graph.user`;
    const headers = await bearer();
    expect((await get(`${path}?$count=true`, headers)).body.error?.code).toBe("Request_UnsupportedQuery");
    expect((await get(path, { ...headers, ConsistencyLevel: "eventual" })).body.error?.code).toBe("Request_UnsupportedQuery");
    const advanced = await get(`${path}?$count=true`, { ...headers, ConsistencyLevel: "eventual" });
    expect([advanced.status, advanced.body.value?.length]).toEqual([200, 5]);
  });

  test("$top above 999 is 400", async () => {
    const res = await get("/v1.0/users?$top=1000", await bearer());
    expect([res.status, res.body.error?.message]).toEqual([400, "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive."]);
  });
});
