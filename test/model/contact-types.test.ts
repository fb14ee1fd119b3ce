import type { FieldValue } from "../../src/engine/rule-contract";
import { contactOwner, readContactAttributes } from "../../src/terraform/terraform-contacts";
import { ALTERNATE_CONTACT_TYPES, cardKindOf, CONTACT_SLOTS, CONTACT_TYPES, contactTypeNamed, isPrimary, slotOf, typeOf } from "../../src/model/contact-types";

describe("contact types and the registry's slots", () => {
  test("each type has one slot, its lower-case name, and the slot leads back to the type", () => {
    expect(CONTACT_TYPES.map((type) => [type, slotOf(type), typeOf(slotOf(type))])).toEqual([
      ["BILLING", "billing", "BILLING"],
      ["OPERATIONS", "operations", "OPERATIONS"],
      ["SECURITY", "security", "SECURITY"],
      ["PRIMARY", "primary", "PRIMARY"],
    ]);
  });

  test("slots are listed in the types' order: the three alternate contacts, then the primary", () => {
    expect(CONTACT_SLOTS).toEqual(["billing", "operations", "security", "primary"]);
    expect(CONTACT_SLOTS.map(typeOf)).toEqual(CONTACT_TYPES);
  });

  test("only PRIMARY is the primary contact, with a primary card; the others take alternate contact cards", () => {
    expect(CONTACT_TYPES.filter(isPrimary)).toEqual(["PRIMARY"]);
    expect(ALTERNATE_CONTACT_TYPES.map(cardKindOf)).toEqual(["alternate", "alternate", "alternate"]);
    expect(cardKindOf("PRIMARY")).toBe("primary");
  });

  test("a Terraform alternate_contact_type names a type in any case, and an unknown name names none", () => {
    expect(["SECURITY", "security", "Billing"].map(contactTypeNamed)).toEqual(["SECURITY", "SECURITY", "BILLING"]);
    expect(["SECURTY", ""].map(contactTypeNamed)).toEqual([undefined, undefined]);
  });

  test("a resource whose alternate_contact_type names no type is read as a type unknown to the rules, kept for unverifiable", () => {
    const resource =
      (type: string) =>
      (path: readonly (string | number)[]): FieldValue | undefined =>
        path[0] === "alternate_contact_type" ? { known: true, value: type } : path[0] === "account_id" ? { known: true, value: "222222222222" } : undefined;
    expect(contactOwner(readContactAttributes("aws_account_alternate_contact", resource("security")), "111111111111")).toMatchObject({ type: "SECURITY" });
    const misspelt = contactOwner(readContactAttributes("aws_account_alternate_contact", resource("SECURTY")), "111111111111");
    expect(misspelt.type).toBe("SECURITY");
    expect(misspelt.fields.alternate_contact_type).toEqual({ known: false, expression: '"SECURTY" (not a contact type)' });
  });
});
