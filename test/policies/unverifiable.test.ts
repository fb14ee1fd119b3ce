import { unverifiable } from "../../policies/unverifiable";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();

describe("unverifiable: every value Terraform will receive must be known before apply", () => {
  test("Noncompliance 1: a value known only at apply time is a finding, not a pass", () => {
    const value = { ...contact({ name: "x" }), fields: { email: { known: false as const, expression: "${var.security_email}" } } };
    expect(unverifiable.check(value, ctx)).toEqual([
      { field: "email", value: "${var.security_email}", message: "is unknown until apply, so it cannot be judged" },
    ]);
  });

  test("Noncompliance 2: a contact resource whose instances are only known at apply time", () => {
    expect(unverifiable.checkUnknownInstances?.("${var.accounts}")).toEqual([
      {
        message: "instances are unknown until apply (${var.accounts}), so their contacts cannot be judged",
        fix: "use a literal for_each map or count",
      },
    ]);
  });

  test("Compliance: every field is literal text", () => {
    expect(unverifiable.check(contact({ name: "Sec", title: "Security", email: "aws-security@example.com", phone: "+1 206 555 0100" }), ctx)).toEqual([]);
  });
});
