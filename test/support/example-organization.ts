import { startAccountApi, type AccountApi, type AccountApiOptions, type AlternateContactInput, type ContactInformation } from "./account-api";

/**
 * An organization as `contacts import` meets one: nested OUs, listings over several pages (two items a
 * page), a SUSPENDED account, a management account with two of its alternate contacts never set, and
 * accounts whose contacts differ (an OU that shares another security contact, accounts with their own
 * operations contact, one with its own primary contact, one with none of its alternate contacts).
 */
export const MANAGEMENT = "111111111111";
export const SUSPENDED = "888888888888";

export const ACCOUNTS: Record<string, { name: string; ou: string }> = {
  [MANAGEMENT]: { name: "management", ou: "" },
  "222222222222": { name: "payments-prod", ou: "Workloads/Payments" },
  "333333333333": { name: "payments-dev", ou: "Workloads/Payments/Dev" },
  "101010101010": { name: "payments-stage", ou: "Workloads/Payments" },
  "444444444444": { name: "data-platform", ou: "Workloads/Data" },
  "999999999999": { name: "analytics", ou: "Workloads/Data" },
  "555555555555": { name: "log-archive", ou: "Security" },
  "666666666666": { name: "audit", ou: "Security" },
  "777777777777": { name: "sandbox", ou: "Sandbox" },
  [SUSPENDED]: { name: "retired", ou: "Suspended" },
};
export const ACTIVE_ACCOUNTS = Object.keys(ACCOUNTS).filter((id) => id !== SUSPENDED);

const card = (Name: string, Title: string, EmailAddress: string, PhoneNumber: string): AlternateContactInput => ({ Name, Title, EmailAddress, PhoneNumber });
export const CARDS = {
  cloudSecurity: card("Cloud Security Team", "Security Operations", "aws-security@example.com", "+1 206 555 0100"),
  paymentsSecurity: card("Payments Security", "Security Operations", "payments-sec@example.com", "+1 206 555 0130"),
  finance: card("Cloud Finance", "Billing", "aws-billing@example.com", "+1 206 555 0110"),
  platformOncall: card("Platform On-call", "Operations", "aws-ops@example.com", "+1 206 555 0120"),
  paymentsOncall: card("Payments On-call", "Operations", "payments-oncall@example.com", "+1 206 555 0140"),
};
export const HQ: ContactInformation = {
  FullName: "Example Corp Cloud Office",
  CompanyName: "Example Corp",
  PhoneNumber: "+1 206 555 0100",
  AddressLine1: "1 Main St",
  City: "Seattle",
  StateOrRegion: "WA",
  PostalCode: "98101",
  CountryCode: "US",
};
export const AUDIT_OFFICE: ContactInformation = {
  FullName: "Audit Office",
  PhoneNumber: "+49 30 5550100",
  AddressLine1: "2 Pruefweg",
  City: "Berlin",
  StateOrRegion: "Berlin",
  PostalCode: "10115",
  CountryCode: "DE",
};

/** Which card each account holds in AWS, by type; a type left out was never set. */
export const HELD: Record<
  string,
  { SECURITY?: AlternateContactInput; BILLING?: AlternateContactInput; OPERATIONS?: AlternateContactInput; PRIMARY: ContactInformation }
> = {
  [MANAGEMENT]: { SECURITY: CARDS.cloudSecurity, PRIMARY: HQ },
  "222222222222": { SECURITY: CARDS.paymentsSecurity, BILLING: CARDS.finance, OPERATIONS: CARDS.paymentsOncall, PRIMARY: HQ },
  "333333333333": { SECURITY: CARDS.paymentsSecurity, BILLING: CARDS.finance, OPERATIONS: CARDS.platformOncall, PRIMARY: HQ },
  "101010101010": { SECURITY: CARDS.paymentsSecurity, BILLING: CARDS.finance, OPERATIONS: CARDS.paymentsOncall, PRIMARY: HQ },
  "444444444444": { SECURITY: CARDS.cloudSecurity, BILLING: CARDS.finance, OPERATIONS: CARDS.platformOncall, PRIMARY: HQ },
  "999999999999": { SECURITY: CARDS.cloudSecurity, BILLING: CARDS.finance, OPERATIONS: CARDS.platformOncall, PRIMARY: HQ },
  "555555555555": { SECURITY: CARDS.cloudSecurity, BILLING: CARDS.finance, OPERATIONS: CARDS.platformOncall, PRIMARY: HQ },
  "666666666666": { SECURITY: CARDS.cloudSecurity, BILLING: CARDS.finance, PRIMARY: AUDIT_OFFICE },
  "777777777777": { PRIMARY: HQ },
};

/** Alternate contacts AWS holds, and those it lacks, among the ACTIVE accounts. */
export const HELD_ALTERNATES = ACTIVE_ACCOUNTS.flatMap((id) =>
  (["BILLING", "OPERATIONS", "SECURITY"] as const).filter((type) => HELD[id][type]).map((type) => `${id}/${type}`),
);

/** The stand-in, serving that organization and its contacts. */
export async function startExampleOrganization(options: Partial<AccountApiOptions> = {}): Promise<AccountApi> {
  const api = await startAccountApi({
    managementAccountId: MANAGEMENT,
    memberAccountIds: Object.keys(ACCOUNTS).filter((id) => id !== MANAGEMENT),
    organization: {
      ouPaths: Object.fromEntries(Object.entries(ACCOUNTS).map(([id, a]) => [id, a.ou])),
      accountNames: Object.fromEntries(Object.entries(ACCOUNTS).map(([id, a]) => [id, a.name])),
      accountStates: { [SUSPENDED]: "SUSPENDED" },
      pageSize: 2,
    },
    ...options,
  });
  for (const [id, held] of Object.entries(HELD)) {
    for (const type of ["BILLING", "OPERATIONS", "SECURITY"] as const) {
      const contact = held[type];
      if (contact) api.seedAlternateContact(id, type, contact);
    }
    api.seedContactInformation(id, held.PRIMARY);
  }
  return api;
}
