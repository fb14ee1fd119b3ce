import type { LiveContacts, ReadFailure } from "../../src/model/live-contacts";
import { registryFromOrganization } from "../../src/import/registry-from-organization";
import { loadableRegistryYaml, registryYaml } from "../../src/import/registry-yaml";
import type { OrganizationAccount } from "../../src/model/organization";
import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import { parseRegistry } from "../../src/registry/load-registry";

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

describe("accounts left out, so that the first apply writes over nothing it could not read or write back as it is", () => {
  const [a, b, c, d] = ids(4, 300);
  const organization = [account("111111111111", ""), account(a, "Data"), account(b, "Data"), account(c, "Data"), account(d, "Sandbox")];
  const header = {
    organizationId: "o-test",
    managementAccountId: "111111111111",
    readAt: "2026-11-23T06:00:00.000Z",
    accountsFile: "organization-accounts.json",
    inactive: 0,
  };
  const written = (registry: ReturnType<typeof registryFromOrganization>) => registryYaml(registry, header);

  test("phone numbers are written in quotes, + and spaces kept, so that a hand edit keeps them text", () => {
    const live = new Map<string, LiveContacts>([
      ["111111111111", { SECURITY: { ...card("sec@example.com"), phone: "+12065550100" } }],
      [a, { SECURITY: card("data-sec@example.com") }],
    ]);
    const text = written(registryFromOrganization(organization.slice(0, 2), "111111111111", live));
    expect(text).toContain('phone: "+12065550100"');
    expect(text).toContain('phone: "+1 206 555 0100"');
    expect(text).not.toMatch(/phone: [^"]/);
  });

  test("an account one of whose types could not be read is left out with why, counts for no card, and the written registry sets nothing for it", () => {
    const live = new Map<string, LiveContacts>([
      ["111111111111", { SECURITY: card("sec@example.com") }],
      [a, { SECURITY: card("data-sec@example.com") }],
      [b, { SECURITY: card("data-sec@example.com") }],
      // SECURITY throttled for good: what was read of c is kept by the reader, but c holds another card there than the registry would give it.
      [c, { BILLING: card("bill@example.com") }],
    ]);
    const failures: ReadFailure[] = [
      { accountId: c, type: "SECURITY", code: "TooManyRequestsException", message: "Rate exceeded" },
      ...(["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"] as const).map((type) => ({ accountId: d, type, code: "AccessDeniedException", message: "denied" })),
    ];
    const registry = registryFromOrganization(organization, "111111111111", live, failures);
    expect(registry.leftOut).toEqual([
      { id: c, name: `a-${c.slice(0, 3)}`, ou: "Data", reason: "SECURITY could not be read (TooManyRequestsException)" },
      { id: d, name: `a-${d.slice(0, 3)}`, ou: "Sandbox", reason: "BILLING, OPERATIONS, SECURITY, PRIMARY could not be read (AccessDeniedException)" },
    ]);
    // c's BILLING card, held by no account kept, is not a card.
    expect([...registry.contacts.keys()]).toEqual(["data-sec", "sec"]);
    const text = written(registry);
    const loaded = parseRegistry("contacts/registry.yaml", text);
    expect(resolveEffectiveContacts(loaded).map((e) => e.account.id)).toEqual(["111111111111", a, b]);
    expect(text).toContain(`  # "${c}" "a-${c.slice(0, 3)}" (OU Data): SECURITY could not be read (TooManyRequestsException).\n`);
    expect(text).toMatch(/^# the contacts AWS holds now, for 3 of 5 ACTIVE accounts\.\n# 2 ACTIVE account\(s\) left out until/m);
  });

  test("a value the registry loader refuses (white space at an end, ${) leaves its account out naming the type and field; an OU path with ${ too", () => {
    const live = new Map<string, LiveContacts>([
      ["111111111111", { SECURITY: card("sec@example.com") }],
      [a, { SECURITY: { ...card("sec@example.com"), name: "Team " } }],
      [b, { BILLING: { ...card("bill@example.com"), title: '${file("/etc/passwd")}' } }],
      [c, { SECURITY: card("sec@example.com") }],
      [d, { SECURITY: card("sec@example.com") }],
    ]);
    const registry = registryFromOrganization([...organization.slice(0, 4), account(d, "Lab${x}")], "111111111111", live);
    expect(registry.leftOut.map((x) => [x.id, x.reason])).toEqual([
      [a, 'its SECURITY contact\'s name "Team " ends with white space, which the registry does not accept'],
      [b, 'its BILLING contact holds a value the registry does not accept: title contains "${", which Terraform would evaluate as an expression'],
      [d, 'its OU path "Lab${x}" holds "${", which the registry does not accept (Terraform would evaluate it)'],
    ]);
    expect(parseRegistry("contacts/registry.yaml", loadableRegistryYaml("contacts import", "contacts/registry.yaml", written(registry))).accounts).toHaveLength(
      2,
    );
  });

  test("a name holding ${ (only shown, never sent to AWS) is written so that the registry loads, with its name in AWS beside it", () => {
    const live = new Map<string, LiveContacts>([["111111111111", { SECURITY: card("sec@example.com") }]]);
    const registry = registryFromOrganization([{ ...account("111111111111", ""), name: "prod-${env}" }], "111111111111", live);
    const text = written(registry);
    expect(parseRegistry("contacts/registry.yaml", text).accounts[0].name).toBe("prod-$ {env}");
    expect(text).toContain('# Its name in AWS, "prod-${env}", holds what the registry accepts nowhere');
  });

  test("a registry text that still does not load is one error listing every problem, and nothing is returned to write", () => {
    expect(() => loadableRegistryYaml("contacts import", "contacts/registry.yaml", 'version: 1\naccounts:\n  "1": { name: x }\n')).toThrow(
      /^contacts import: the registry built from AWS for contacts\/registry\.yaml has 1 error; so it would not load, and nothing was written:\n {2}contacts\/registry\.yaml:3:3 .*\nFix: correct those values in AWS/,
    );
  });
});
