/**
 * The Microsoft Graph reader against the stand-in (test/support/graph-api), in a child process that trusts the
 * stand-in's certificate, authenticating with @azure/identity as it does against Entra ID.
 */
import * as fs from "fs";
import * as path from "path";

import { CLIENT_SECRET, FEDERATED_TOKEN, GraphReaderProcess, NOW, startExampleTenant, type ExampleTenant } from "../support/graph-api";
import { tempDir } from "../support/workspace";

let tenant: ExampleTenant;
let dir: string;
let reader: GraphReaderProcess;
const secret = { AZURE_CLIENT_SECRET: CLIENT_SECRET };

beforeAll(async () => {
  dir = tempDir("graph-reader-");
  tenant = await startExampleTenant(dir);
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

describe("readGraphDirectory: what Entra ID says about each address", () => {
  test("finds groups by mail and by a secondary SMTP proxy address, users, and unknown addresses, with each member's state", async () => {
    const { ids } = tenant;
    const run = await reader.run(
      { config: tenant.config, addresses: ["Security@corp.example", "FINANCE@corp.example", "jane@corp.example", "nobody@corp.example"], now: NOW },
      secret,
    );
    expect(run.error).toBeUndefined();
    const reading = run.reading!;
    expect(reading).toMatchObject({ source: "entra", kind: "graph", where: tenant.api.url, readAt: NOW });
    expect(reading.resolutions.map((r) => [r.address, r.kind])).toEqual([
      ["finance@corp.example", "group"],
      ["jane@corp.example", "user"],
      ["nobody@corp.example", "unknown"],
      ["security@corp.example", "group"],
    ]);
    const security = reading.resolutions[3];
    if (security.kind !== "group") throw new Error("security@ is a group");
    // A distribution list: mail-enabled, not security-enabled.
    expect(security.group).toEqual({ id: ids.security, displayName: "Security team", mailEnabled: true, securityEnabled: false });
    // Nested On-call expanded, Jane once although she is in both, the user without a mailbox kept (without mail).
    const states = Object.fromEntries(security.members.map((m) => [m.id, [m.mail, m.state, m.stateReason]]));
    expect(states).toEqual({
      [ids.jane]: ["jane@corp.example", "current", undefined],
      [ids.omar]: ["omar@corp.example", "disabled", "accountEnabled false"],
      [ids.lena]: ["lena@corp.example", "left", "employeeLeaveDateTime 2026-11-30T23:59:59Z"],
      [ids.soon]: ["sam@corp.example", "current", undefined],
      [ids.noMail]: [undefined, "current", undefined],
    });
    const finance = reading.resolutions[0];
    expect(finance.kind === "group" && finance.group).toEqual({ id: ids.billing, displayName: "Billing", mailEnabled: true, securityEnabled: true });
    expect(reading.resolutions[1]).toEqual({
      address: "jane@corp.example",
      kind: "user",
      user: { id: ids.jane, displayName: "Jane Doe", mail: "jane@corp.example", state: "current" },
    });
    // Four addresses read a few at a time, one token for all of them.
    expect(tenant.api.callsOf("token")).toHaveLength(1);
    expect(run.progress).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  test("sends the look-ups as default queries and the transitive cast as an advanced query, with the state fields selected", async () => {
    await reader.run({ config: tenant.config, addresses: ["security@corp.example"], now: NOW }, secret);
    const [groups, users, members] = ["groups", "users", "members"].map((kind) => tenant.api.callsOf(kind));
    expect(groups.map((c) => c.query.$filter)).toEqual(["mail eq 'security@corp.example' or proxyAddresses/any(p:p eq 'smtp:security@corp.example')"]);
    expect(users).toHaveLength(1);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ consistencyLevel: "eventual", status: 200 });
    expect(members[0].query).toMatchObject({ $count: "true", $top: "999" });
    expect(members[0].query.$select.split(",")).toEqual(expect.arrayContaining(["mail", "accountEnabled", "employeeLeaveDateTime"]));
    // What @azure/identity asked the authority for: the discovery document, then one token for Graph's scope.
    expect(tenant.api.callsOf("discovery").map((c) => c.path)).toEqual([`/${tenant.config.tenantId}/v2.0/.well-known/openid-configuration`]);
    expect(tenant.api.callsOf("token").map((c) => [c.clientCredential, c.status])).toEqual([["secret", 200]]);
  });

  test("pages through a group of more than 999 members by following @odata.nextLink as given", async () => {
    const d = tenant.api.directory;
    const people = Array.from({ length: 2100 }, (_, i) => d.addUser({ displayName: `Person ${i}`, mail: `person${i}@corp.example` }).id);
    d.addGroup({ displayName: "Everyone", mail: "everyone@corp.example", members: people });
    const run = await reader.run({ config: tenant.config, addresses: ["everyone@corp.example"], now: NOW }, secret);
    const everyone = run.reading!.resolutions[0];
    expect(everyone.kind === "group" && everyone.members.map((m) => m.id).sort()).toEqual([...people].sort());
    const pages = tenant.api.callsOf("members");
    expect(pages).toHaveLength(3);
    expect(pages.map((c) => c.query.$skiptoken === undefined)).toEqual([true, false, false]);
    expect(pages.every((c) => c.consistencyLevel === "eventual" && c.status === 200)).toBe(true);
  });

  test("waits as 429's Retry-After says and then reads everything", async () => {
    tenant.api.faults = { throttle: { times: 2, retryAfterSeconds: 1, kind: "members" } };
    const run = await reader.run({ config: tenant.config, addresses: ["security@corp.example"], now: NOW }, secret);
    expect(run.error).toBeUndefined();
    const security = run.reading!.resolutions[0];
    expect(security.kind === "group" && security.members).toHaveLength(5);
    const members = tenant.api.callsOf("members");
    expect(members.map((c) => c.status)).toEqual([429, 429, 200]);
    for (let i = 1; i < members.length; i++) expect(members[i].at - members[i - 1].at).toBeGreaterThanOrEqual(1000);
  });

  test("authenticates by workload identity federation, exchanging the federated token file's token", async () => {
    const tokenFile = path.join(dir, "federated-token");
    fs.writeFileSync(tokenFile, FEDERATED_TOKEN);
    const run = await reader.run({ config: tenant.config, addresses: ["jane@corp.example"], now: NOW }, { AZURE_FEDERATED_TOKEN_FILE: tokenFile });
    expect(run.error).toBeUndefined();
    expect(run.reading!.resolutions[0].kind).toBe("user");
    expect(tenant.api.callsOf("token").map((c) => [c.clientCredential, c.status])).toEqual([["assertion", 200]]);
  });

  test("escapes hostile addresses: a quote is doubled, URL characters arrive intact, and no address widens the filter", async () => {
    const d = tenant.api.directory;
    const quoted = d.addGroup({ displayName: "O'Brien's", mail: "o'brien@corp.example", members: [tenant.ids.jane] });
    const odd = d.addUser({ displayName: "Odd", mail: "a&b%20+c#d@corp.example" });
    const injection = "x' or mail eq 'jane@corp.example";
    const run = await reader.run({ config: tenant.config, addresses: ["o'brien@corp.example", "a&b%20+c#d@corp.example", injection], now: NOW }, secret);
    expect(run.error).toBeUndefined();
    const byAddress = Object.fromEntries(run.reading!.resolutions.map((r) => [r.address, r]));
    expect(byAddress["o'brien@corp.example"]).toMatchObject({ kind: "group", group: { id: quoted.id } });
    expect(byAddress["a&b%20+c#d@corp.example"]).toMatchObject({ kind: "user", user: { id: odd.id } });
    expect(byAddress[injection]).toEqual({ address: injection, kind: "unknown" });
    expect(tenant.api.callsOf("users").map((c) => c.query.$filter)).toContain(
      "mail eq 'x'' or mail eq ''jane@corp.example' or proxyAddresses/any(p:p eq 'smtp:x'' or mail eq ''jane@corp.example')",
    );
  });
});
