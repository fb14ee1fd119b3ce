import { compareContacts } from "../../src/drift/drift";
import { driftCauses, failureCauses, formatDriftText, unreadAccountsLine } from "../../src/drift/drift-report";
import { unreadTypes, type LiveContacts, type ReadFailure } from "../../src/model/live-contacts";
import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import { exampleText, registryFrom } from "../support/workspace";

const registry = registryFrom(exampleText());
const effective = resolveEffectiveContacts(registry);
const card = (id: string) => registry.contacts.get(id)!;
const asHeld = (id: string) => {
  const { name, title, email, phone } = card(id);
  return { name, title, email, phone };
};
const hq = () => {
  const { fullName, companyName, phone, addressLine1, city, stateOrRegion, postalCode, countryCode } = registry.primaryContacts.get("hq")!;
  return Object.fromEntries(
    Object.entries({ fullName, companyName, phone, addressLine1, city, stateOrRegion, postalCode, countryCode }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
};
/** AWS holding exactly what the example registry says, for every account. */
function inSync(): Map<string, LiveContacts> {
  return new Map(
    effective.map((e) => [
      e.account.id,
      { BILLING: asHeld(e.billing!.card.id), OPERATIONS: asHeld(e.operations!.card.id), SECURITY: asHeld(e.security!.card.id), PRIMARY: hq() },
    ]),
  );
}
const TYPES = ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"] as const;

describe("drift: AWS against the values the stack would write", () => {
  test("the same values everywhere: no drift", () => {
    expect(compareContacts(effective, inSync(), TYPES)).toEqual([]);
  });

  test("missing in AWS, a different value (naming each field), a field the card leaves out, and a contact the registry does not set", () => {
    const live = inSync();
    delete live.get("222222222222")!.OPERATIONS;
    live.get("333333333333")!.SECURITY = { ...asHeld("payments-security"), email: "old@example.com" };
    live.get("444444444444")!.PRIMARY = { ...hq(), addressLine2: "Floor 3" };
    const drift = compareContacts(effective, live, TYPES);
    expect(drift.map((d) => [d.accountId, d.type, d.kind, d.fields])).toEqual([
      ["222222222222", "OPERATIONS", "missing", []],
      ["333333333333", "SECURITY", "different", [{ field: "email", expected: "payments-sec@example.com", actual: "old@example.com" }]],
      ["444444444444", "PRIMARY", "different", [{ field: "addressLine2", actual: "Floor 3" }]],
    ]);
    // An account the registry gives no security card: what AWS holds there is not managed.
    const noSecurity = effective.map((e) => (e.account.id === "555555555555" ? { ...e, security: undefined } : e));
    expect(compareContacts(noSecurity, inSync(), ["SECURITY"])).toEqual([
      expect.objectContaining({
        accountId: "555555555555",
        type: "SECURITY",
        kind: "unmanaged",
        fields: expect.arrayContaining([{ field: "email", actual: "aws-security@example.com" }]),
      }),
    ]);
  });

  test("the same difference on 2,000 accounts is one line with the count and the first accounts; the causes keep every account", () => {
    const base = effective.find((e) => e.account.id === "555555555555")!;
    const many = Array.from({ length: 2000 }, (_, n) => ({ ...base, account: { ...base.account, id: String(100000000000 + n), name: `acct-${n}` } }));
    const live = new Map(many.map((e) => [e.account.id, { SECURITY: { ...asHeld("security"), phone: "+1 206 555 9999" } }]));
    const drift = compareContacts(many, live, ["SECURITY"]);
    const text = formatDriftText(drift, [], many.length);
    expect(text.split("\n")).toEqual([
      "drift: 2000 contact(s) on 2000 of 2000 account(s) read differ from the registry, from 1 cause(s).",
      '  SECURITY differs on 2000 account(s), 100000000000 (acct-0), 100000000001 (acct-1), 100000000002 (acct-2) and 1997 more: phone is "+1 206 555 9999" in AWS, "+1 206 555 0100" in the registry (card security). Fix: apply the stack, or change the card if AWS is right.',
      "",
    ]);
    expect(driftCauses(drift)[0].accounts).toHaveLength(2000);
  });

  test("a type that could not be read is not compared (nor taken for missing); the types of the same account that were read are", () => {
    const live = inSync();
    // SECURITY of 333333333333 was throttled for good: absent from what was read, as a contact AWS lacks would be.
    delete live.get("333333333333")!.SECURITY;
    live.get("333333333333")!.BILLING = { ...asHeld("billing"), phone: "+1 206 555 9999" };
    const failures: ReadFailure[] = [{ accountId: "333333333333", type: "SECURITY", code: "TooManyRequestsException", message: "Rate exceeded" }];
    const drift = compareContacts(effective, live, TYPES, unreadTypes(failures));
    expect(drift.map((d) => `${d.accountId} ${d.type} ${d.kind}`)).toEqual(["333333333333 BILLING different"]);
  });
});

describe("failed reads: one line per cause, the same in drift, import and evidence", () => {
  test("the count of accounts, the first three, the error, and what it means for the command; the JSON keeps every account and type", () => {
    const failures: ReadFailure[] = ["100000000001", "100000000002", "100000000003", "100000000004"].flatMap((accountId) =>
      (["BILLING", "SECURITY"] as const).map((type) => ({ accountId, type, code: "AccessDeniedException", message: "denied" })),
    );
    const [cause] = failureCauses(failures);
    expect(unreadAccountsLine(cause, "their rows say not read.")).toBe(
      "could not read 4 account(s), 100000000001, 100000000002, 100000000003 and 1 more (AccessDeniedException: denied); their rows say not read.",
    );
    expect(cause.contacts).toHaveLength(8);
    expect(formatDriftText([], failures, 2).split("\n")[1]).toBe(
      "error: could not read 4 account(s), 100000000001, 100000000002, 100000000003 and 1 more (AccessDeniedException: denied); what could not be read was not compared.",
    );
  });
});
