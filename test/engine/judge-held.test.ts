import { judgeHeldContacts, type HeldAccount } from "../../src/engine/judge-held";
import { RULES } from "../../policies/index";
import { judgeRegistry } from "../../src/engine/judge-registry";
import { cardValues } from "../../src/model/contact-fields";
import { ALTERNATE_CONTACT_TYPES, cardKindOf, PRIMARY_CONTACT_TYPE, slotOf, type ContactType } from "../../src/model/contact-types";
import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import { exampleText, registryFrom, TODAY } from "../support/workspace";

const TYPES: ContactType[] = [...ALTERNATE_CONTACT_TYPES, PRIMARY_CONTACT_TYPE];
const registry = registryFrom(exampleText());
const effective = resolveEffectiveContacts(registry);

/** What AWS holds when it holds exactly what the registry says, for every account and type. */
function asRegistered(): HeldAccount[] {
  return effective.map(({ account, ...chosen }) => {
    const held: HeldAccount["held"] = {};
    for (const type of TYPES) {
      const card = chosen[slotOf(type)]?.card;
      if (card) held[type] = cardValues(card, cardKindOf(type));
    }
    return { accountId: account.id, accountName: account.name, position: account.position, read: TYPES, held };
  });
}

const summary = (accounts: HeldAccount[]) =>
  judgeHeldContacts(registry, { today: TODAY, rules: RULES, accounts, types: TYPES }).findings.map((f) =>
    `${f.ruleId} ${f.accountId} ${f.type ?? ""} ${f.value ?? ""}`.trim(),
  );

describe("judgeHeldContacts: what AWS holds, judged as the registry is", () => {
  test("AWS holding the registry's values gets the registry's verdict: the same contacts, the same findings", () => {
    const judged = judgeHeldContacts(registry, { today: TODAY, rules: RULES, accounts: asRegistered(), types: TYPES });
    const registryVerdict = judgeRegistry(registry, { today: TODAY, rules: RULES });
    expect(judged.contacts.map((c) => [c.accountId, c.type, c.results])).toEqual(registryVerdict.contacts.map((c) => [c.accountId, c.type, c.results]));
    expect(judged.failed).toBe(false);
  });

  test("a value AWS holds that the registry does not know fails, located at the account's line", () => {
    const accounts = asRegistered();
    const data = accounts.find((a) => a.accountId === "444444444444")!;
    data.held.SECURITY = { ...data.held.SECURITY, email: "jane.doe@corp.example" };
    const judged = judgeHeldContacts(registry, { today: TODAY, rules: RULES, accounts, types: TYPES });
    expect(summary(accounts)).toEqual([
      "unlisted-address 444444444444 SECURITY jane.doe@corp.example",
      "email-domain 444444444444 SECURITY jane.doe@corp.example",
    ]);
    expect(judged.findings.map((f) => f.location)).toEqual([data.position, data.position]);
  });

  test("a required contact AWS lacks fails; one of a type not read is not taken for missing", () => {
    const accounts = asRegistered();
    const log = accounts.find((a) => a.accountId === "555555555555")!;
    delete log.held.BILLING;
    expect(summary(accounts)).toEqual(["missing-contact 555555555555 BILLING"]);
    // BILLING could not be read: nothing says AWS lacks it.
    log.read = TYPES.filter((t) => t !== "BILLING");
    expect(summary(accounts)).toEqual([]);
  });

  test("AWS's strings are text: a value that looks like a Terraform expression is judged as the text it is", () => {
    const accounts = asRegistered();
    const data = accounts.find((a) => a.accountId === "444444444444")!;
    data.held.SECURITY = { ...data.held.SECURITY, name: '${file("/etc/passwd")}' };
    const judged = judgeHeldContacts(registry, { today: TODAY, rules: RULES, accounts, types: TYPES });
    expect(judged.findings.map((f) => f.ruleId)).not.toContain("unverifiable");
  });
});
