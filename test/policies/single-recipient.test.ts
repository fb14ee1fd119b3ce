import { singleRecipient } from "../../policies/single-recipient";
import { contact, contextFor } from "../support/contacts";
import { exampleWith } from "../support/workspace";

const ctx = contextFor();

describe("single-recipient: an email or phone must reach at least minRecipients current people", () => {
  test("Noncompliance 1: a personal email reaches one person, named in the message", () => {
    expect(singleRecipient.check(contact({ email: "jane.doe@example.com" }), ctx)).toEqual([
      expect.objectContaining({
        field: "email",
        value: "jane.doe@example.com",
        message: "reaches 1 current person (Jane Doe), 2 required",
        reaches: ["Jane Doe"],
      }),
    ]);
  });

  test("Noncompliance 2: a group whose other members left reaches only the one who stayed", () => {
    const text = exampleWith(["members: [apatel, lchen, mmajor]", "members: [apatel, mmajor]"]);
    const [result] = singleRecipient.check(contact({ email: "aws-billing@example.com" }, "BILLING"), contextFor(text));
    expect(result.message).toBe("reaches 1 current person (Anita Patel; Mary Major left 2026-06-30), 2 required");
    expect(result.fix).toContain("add current members to group finance");
  });

  test("Noncompliance 3: a one-member hunt group's phone, compared by digits whatever the formatting", () => {
    const text = exampleWith(["members: [rroe, omar]", "members: [rroe]"]);
    const [result] = singleRecipient.check(contact({ phone: "+1 (206) 555-0120" }, "OPERATIONS"), contextFor(text));
    expect(result).toMatchObject({ field: "phone", message: "reaches 1 current person (Richard Roe), 2 required" });
  });

  test("Noncompliance 4: a sub-addressed personal email still reaches only that person", () => {
    expect(singleRecipient.check(contact({ email: "  Jane.Doe+aws@Example.com " }), ctx)[0].message).toBe("reaches 1 current person (Jane Doe), 2 required");
  });

  test("Noncompliance 5: the day a member leaves counts as gone (left on or before today)", () => {
    const text = exampleWith([
      "{ name: Omar Haddad,  email: omar.haddad@example.com }",
      "{ name: Omar Haddad,  email: omar.haddad@example.com, left: 2026-11-23 }",
    ]);
    expect(singleRecipient.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(text))).toHaveLength(1);
    expect(singleRecipient.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(text, "2026-11-22"))).toEqual([]);
  });

  test("Noncompliance 6: two member entries that are one mailbox (case and +tag aside) count as one person", () => {
    const text = exampleWith([
      "  omar:    { name: Omar Haddad,  email: omar.haddad@example.com }",
      "  omar:    { name: Jane Again,   email: Jane.Doe+alt@example.com }",
    ]);
    // payments-security's members are jdoe and omar, whom this registry gives Jane's mailbox.
    const [result] = singleRecipient.check(contact({ email: "payments-sec@example.com" }), contextFor(text));
    expect(result.message).toBe("reaches 1 current person (Jane Doe), 2 required");
  });

  test("Noncompliance 7: a two-member group whose address is a sub-address of a person's mailbox is that person's own address", () => {
    const text = exampleWith(["email: payments-sec@example.com\n", "email: jane.doe+team@example.com\n"]);
    const [result] = singleRecipient.check(contact({ email: "jane.doe+team@example.com" }), contextFor(text));
    expect(result).toMatchObject({ message: "reaches 1 current person (Jane Doe), 2 required", fix: singleRecipient.fix, reaches: ["Jane Doe"] });
  });

  test("Noncompliance 8: a group at a person's sub-address nested in another group is that person, not its members", () => {
    const text = exampleWith(
      ["policy:\n  minRecipients: 2", "policy:\n  minRecipients: 3"],
      ["secops-leads:\n    members: [omar, lchen]", "secops-leads:\n    email: jane.doe+leads@example.com\n    members: [omar, lchen]"],
    );
    // cloud-security = jdoe, rroe and secops-leads, whose address is Jane's mailbox: Jane and Richard.
    const [result] = singleRecipient.check(contact({ email: "aws-security@example.com" }), contextFor(text));
    expect(result).toMatchObject({ message: "reaches 2 current people (Jane Doe, Richard Roe), 3 required" });
  });

  test("Compliance 3: a group's sub-address does not answer for the bare mailbox (mail to local@ never reaches local+tag@)", () => {
    const { directory } = contextFor(exampleWith(["email: payments-sec@example.com\n", "email: payments+sec@example.com\n"]));
    expect(directory.lookupAddresses({ email: "payments+sec@example.com" })[0].entry).toMatchObject({ kind: "group", group: { id: "payments-security" } });
    expect(directory.lookupAddresses({ email: "payments@example.com" })[0].entry).toBeUndefined();
  });

  test("Compliance 1: nested groups are expanded and each person counted once", () => {
    // cloud-security = jdoe, rroe + secops-leads (omar, lchen): 4 people.
    expect(singleRecipient.check(contact({ email: "AWS-Security@example.com", phone: "+12065550100" }), ctx)).toEqual([]);
    const text = exampleWith(
      ["policy:\n  minRecipients: 2", "policy:\n  minRecipients: 4"],
      ["members: [jdoe, rroe, secops-leads]", "members: [jdoe, rroe, secops-leads, omar]"],
    );
    expect(singleRecipient.check(contact({ email: "aws-security@example.com" }), contextFor(text))).toEqual([]);
  });

  test("Compliance 2: an unlisted address is left to unlisted-address", () => {
    expect(singleRecipient.check(contact({ email: "someone@elsewhere.com" }), ctx)).toEqual([]);
  });
});
