import type { LiveContacts } from "../../src/aws/contact-reader";
import { registryFromOrganization } from "../../src/aws/registry-from-organization";
import type { OrganizationAccount } from "../../src/model/organization";

const card = (email: string, name = "Team") => ({ name, title: "Ops", email, phone: "+1 206 555 0100" });
const account = (id: string, ouPath: string, state: OrganizationAccount["state"] = "ACTIVE"): OrganizationAccount => ({
  id,
  name: `a-${id.slice(0, 3)}`,
  state,
  ouPath,
});
const ids = (n: number, from = 200) =>
  Array.from({ length: n }, (_, i) =>
    String((from + i) * 1000000000)
      .padStart(12, "0")
      .slice(0, 12),
  );

describe("registry from the organization: identical values one card, the most common the default, shared OU cards an override", () => {
  const [a, b, c, d, e, f] = ids(6);
  const organization = [
    account("111111111111", ""),
    account(a, "Workloads/Payments"),
    account(b, "Workloads/Payments/Dev"),
    account(c, "Workloads/Data"),
    account(d, "Workloads/Data"),
    account(e, "Sandbox"),
    account(f, "Old", "SUSPENDED"),
  ];
  const live = new Map<string, LiveContacts>([
    ["111111111111", { SECURITY: card("sec@example.com") }],
    [a, { SECURITY: card("pay-sec@example.com") }],
    [b, { SECURITY: card("pay-sec@example.com") }],
    [c, { SECURITY: card("sec@example.com") }],
    [d, { SECURITY: card("sec@example.com") }],
    [e, { SECURITY: card("sec@example.com", "Other name") }],
  ]);

  test("cards, default, an override on the OU whose accounts share another card, an account override for the odd one, SUSPENDED left out", () => {
    const registry = registryFromOrganization(organization, "111111111111", live);
    expect([...registry.contacts.keys()]).toEqual(["pay-sec", "sec", "sec-2"]);
    expect(registry.defaults).toEqual({ security: "sec" });
    expect(Object.fromEntries(registry.organizationalUnits)).toEqual({ "Workloads/Payments": { security: "pay-sec" } });
    expect(registry.accounts.map((x) => [x.id, x.ou, x.management, x.contacts])).toEqual([
      ["111111111111", undefined, true, {}],
      [a, "Workloads/Payments", false, {}],
      [b, "Workloads/Payments/Dev", false, {}],
      [c, "Workloads/Data", false, {}],
      [d, "Workloads/Data", false, {}],
      [e, "Sandbox", false, { security: "sec-2" }],
    ]);
  });

  test("the same registry whatever order the accounts were read in", () => {
    const forward = registryFromOrganization(organization, "111111111111", live);
    const backward = registryFromOrganization([...organization].reverse(), "111111111111", new Map([...live].reverse()));
    expect({ ...backward, accounts: [...backward.accounts].reverse() }).toEqual(forward);
  });

  test("one account alone in an OU keeps its own card as an account override, not an OU override", () => {
    const registry = registryFromOrganization(
      [account("111111111111", ""), account(a, "Solo"), account(b, "")],
      "111111111111",
      new Map([
        ["111111111111", { BILLING: card("bill@example.com") }],
        [a, { BILLING: card("solo@example.com") }],
        [b, { BILLING: card("bill@example.com") }],
      ]),
    );
    expect(registry.organizationalUnits.size).toBe(0);
    expect(registry.accounts.find((x) => x.id === a)?.contacts).toEqual({ billing: "solo" });
  });
});
