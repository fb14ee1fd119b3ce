import { unlistedAddress } from "../../policies/unlisted-address";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();

describe("unlisted-address: every email and phone must be in the registry", () => {
  test("Noncompliance 1: a first.last address nobody registered is called personal", () => {
    expect(unlistedAddress.check(contact({ email: "john.smith@example.com" }), ctx)[0].message).toBe(
      'is not in the registry, so nobody can show it reaches anyone; "john.smith" reads like first.last, one person\'s mailbox',
    );
  });

  test("Noncompliance 2: a free-mail address is called personal", () => {
    expect(unlistedAddress.check(contact({ email: "secteam@gmail.com" }), ctx)[0].message).toContain("gmail.com is a free-mail domain");
  });

  test("Noncompliance 3: placeholder numbers are called out", () => {
    expect(unlistedAddress.check(contact({ phone: "+1 000 000 0000" }), ctx)[0].message).toContain("repeat one figure");
    expect(unlistedAddress.check(contact({ phone: "12345" }), ctx)[0].message).toContain("only 5 digits");
  });

  test("Noncompliance 4: an unregistered address that looks neither personal nor like a placeholder, each field on its own", () => {
    expect(unlistedAddress.check(contact({ email: "aws-alerts@elsewhere.com", phone: "+1 206 555 0199" }), ctx)).toEqual([
      { field: "email", value: "aws-alerts@elsewhere.com", message: "is not in the registry, so nobody can show it reaches anyone" },
      { field: "phone", value: "+1 206 555 0199", message: "is not in the registry, so nobody can show it reaches anyone" },
    ]);
  });

  test("Compliance: registered addresses pass, in any case and with a sub-address tag", () => {
    expect(unlistedAddress.check(contact({ email: "AWS-OPS+prod@example.com", phone: "+1 206 555 0120" }), ctx)).toEqual([]);
  });
});
