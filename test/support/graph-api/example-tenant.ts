import type { GraphSourceConfig } from "../../../src/model/directory-reading";
import { makeCertificate, type Certificate } from "./certificate";
import { startGraphApi, type GraphApi } from "./server";

export const TENANT_ID = "0a1b2c3d-1111-4222-8333-944455556666";
export const CLIENT_ID = "9f8e7d6c-aaaa-4bbb-8ccc-ddddeeeeffff";
export const CLIENT_SECRET = "stand-in-secret";
export const FEDERATED_TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJyZXBvOmNvcnAvY29udGFjdHMifQ.";
/** "Now" for the tests: a leave date before it is past. */
export const NOW = "2026-12-01T09:00:00.000Z";

export interface ExampleTenant {
  api: GraphApi;
  certificate: Certificate;
  config: GraphSourceConfig;
  ids: Record<string, string>;
}

/**
 * A tenant as a company has it: a distribution list for security@ with a nested security group, people who left
 * or were disabled, a user without a mailbox, a group known by a secondary SMTP address, a personal address.
 */
export async function startExampleTenant(dir: string): Promise<ExampleTenant> {
  const certificate = makeCertificate(dir);
  const api = await startGraphApi({ tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, federatedToken: FEDERATED_TOKEN, certificate });
  const d = api.directory;
  const jane = d.addUser({ displayName: "Jane Doe", mail: "jane@corp.example" });
  const omar = d.addUser({ displayName: "Omar Haddad", mail: "omar@corp.example", accountEnabled: false });
  const lena = d.addUser({ displayName: "Lena Berg", mail: "lena@corp.example", employeeLeaveDateTime: "2026-11-30T23:59:59Z" });
  const soon = d.addUser({ displayName: "Sam Soon", mail: "sam@corp.example", employeeLeaveDateTime: "2026-12-31T00:00:00Z" });
  const noMail = d.addUser({ displayName: "Night Operator" });
  const oncall = d.addGroup({ displayName: "On-call", mailEnabled: false, securityEnabled: true, members: [lena.id, noMail.id, jane.id] });
  const security = d.addGroup({ displayName: "Security team", mail: "security@corp.example", members: [jane.id, omar.id, oncall.id, soon.id] });
  const billing = d.addGroup({
    displayName: "Billing",
    mail: "billing@corp.example",
    proxyAddresses: ["SMTP:billing@corp.example", "smtp:finance@corp.example"],
    mailEnabled: true,
    securityEnabled: true,
    members: [jane.id],
  });
  const config: GraphSourceConfig = { id: "entra", type: "graph", tenantId: TENANT_ID, clientId: CLIENT_ID, endpoint: api.url, authorityHost: api.url };
  return {
    api,
    certificate,
    config,
    ids: { jane: jane.id, omar: omar.id, lena: lena.id, soon: soon.id, noMail: noMail.id, oncall: oncall.id, security: security.id, billing: billing.id },
  };
}
