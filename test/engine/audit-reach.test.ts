import { heldAccountsOfOrganization, reachByType, typeReachLine } from "../../src/engine/audit-reach";
import type { ContactType } from "../../src/model/contact-types";

const TYPES: ContactType[] = ["BILLING", "OPERATIONS", "SECURITY"];
const card = (email: string) => ({ name: "Cloud", title: "Contact", email, phone: "+1 206 555 0100" });

describe("contacts audit's reach per type", () => {
  const accounts = [{ id: "111111111111", name: "management" }, { id: "222222222222", name: "payments" }, { id: "333333333333" }];
  const contacts = new Map([
    ["111111111111", { SECURITY: card("sec@corp.example"), BILLING: card("bill@corp.example") }],
    ["222222222222", { SECURITY: card("sec@corp.example") }],
  ]);

  test("an account read is held with the types read; one not read at all is left out; a type that could not be read is not in read", () => {
    const held = heldAccountsOfOrganization(accounts, contacts, new Map([["222222222222", new Set<ContactType>(["BILLING"])]]), TYPES);
    expect(held.map((a) => [a.accountId, a.accountName, a.read.join(" "), Object.keys(a.held).sort().join(" ")])).toEqual([
      ["111111111111", "management", "BILLING OPERATIONS SECURITY", "BILLING SECURITY"],
      ["222222222222", "payments", "OPERATIONS SECURITY", "SECURITY"],
    ]);
  });

  test("counts per type the contacts whose email reaches minRecipients current people, those that reach fewer, and the accounts without one", () => {
    const held = heldAccountsOfOrganization(accounts, contacts, new Map(), TYPES);
    const judged = [
      { accountId: "111111111111", type: "SECURITY" as const, reaches: { email: ["Jane", "Omar"], phone: [] } },
      { accountId: "111111111111", type: "BILLING" as const, reaches: { email: ["Jane"] } },
      { accountId: "222222222222", type: "SECURITY" as const, reaches: { email: ["Jane", "Omar"] } },
    ];
    const reach = reachByType(judged, held, TYPES, 2);
    expect(reach.map((r) => typeReachLine(r, 2))).toEqual([
      "BILLING: 0 of 2 account(s) reach 2 or more current people (1 too few, 1 no contact)",
      "OPERATIONS: 0 of 2 account(s) reach 2 or more current people (2 no contact)",
      "SECURITY: 2 of 2 account(s) reach 2 or more current people",
    ]);
  });
});
