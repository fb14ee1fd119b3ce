import { invalidField } from "../../policies/invalid-field";
import { RULES } from "../../policies/index";
import { evaluationFor } from "../../src/engine/evaluate";
import { contact, contextFor } from "../support/contacts";
import { exampleText, registryFrom, TODAY } from "../support/workspace";

const ctx = contextFor();

describe("invalid-field: every known value must be one AWS accepts, and none that Terraform would evaluate", () => {
  test("Noncompliance 1: a hand-written title too long for AWS", () => {
    const value = contact({ name: "Sec", title: "t".repeat(51), email: "aws-security@example.com", phone: "+1 206 555 0100" });
    expect(invalidField.check(value, ctx)).toEqual([
      expect.objectContaining({ field: "title", message: "title is 51 characters long; AWS accepts 1 to 50 for Title" }),
    ]);
  });

  test("Noncompliance 2: an email AWS's pattern rejects", () => {
    expect(invalidField.check(contact({ name: "Sec", title: "Security", email: "not-an-email", phone: "+1 206 555 0100" }), ctx)).toEqual([
      { field: "email", message: 'email "not-an-email" is not accepted by AWS for EmailAddress', fix: "use an address like team-alias@example.com" },
    ]);
  });

  test("Noncompliance 3: a required field left out", () => {
    expect(invalidField.check(contact({ name: "Sec", title: "Security", email: "aws-security@example.com" }), ctx)).toEqual([
      { field: "phone", message: "phone is missing (AWS requires PhoneNumber)", fix: "set phone" },
    ]);
  });

  test("Noncompliance 4: a primary contact in the US without stateOrRegion", () => {
    const primary = contact(
      { fullName: "Jane Doe", phone: "+1 206 555 0100", addressLine1: "1 Main St", city: "Seattle", postalCode: "98101", countryCode: "US" },
      "PRIMARY",
    );
    expect(invalidField.check(primary, ctx)).toEqual([
      expect.objectContaining({ field: "stateOrRegion", message: "stateOrRegion is missing; AWS requires it for addresses in US" }),
    ]);
  });

  test("Noncompliance 5: a value holding ${, which Terraform would evaluate", () => {
    const value = contact({ name: 'Sec ${file("/etc/passwd")}', title: "Security", email: "aws-security@example.com", phone: "+1 206 555 0100" });
    expect(invalidField.check(value, ctx)).toEqual([
      expect.objectContaining({ field: "name", message: 'name contains "${", which Terraform would evaluate as an expression' }),
    ]);
  });

  test("Noncompliance 6: a hand-written email with a trailing space, which AWS would store with it", () => {
    expect(invalidField.check(contact({ name: "Sec", title: "Security", email: "aws-security@example.com ", phone: "+1 206 555 0100" }), ctx)).toEqual([
      {
        field: "email",
        message: 'email "aws-security@example.com " ends with white space, which would be sent to AWS as part of the value',
        fix: 'remove the white space: "aws-security@example.com"',
      },
    ]);
  });

  test("Compliance 1: a value unknown until apply is unverifiable's, not reported here", () => {
    const value = contact({ name: "Sec", title: "Security", phone: "+1 206 555 0100" });
    value.fields.email = { known: false, expression: "${var.security_email}" };
    expect(invalidField.check(value, ctx)).toEqual([]);
  });

  test("Compliance 2: a compliant card passes", () => {
    expect(invalidField.check(contact({ name: "Sec", title: "Security", email: "aws-security@example.com", phone: "+1 206 555 0100" }), ctx)).toEqual([]);
  });

  test("a ${ fails in warn mode too, where a poor contact only warns: warn mode never lets a Terraform expression through", () => {
    const judged = (email: string) => {
      const evaluation = evaluationFor(registryFrom(exampleText()), TODAY, RULES);
      evaluation.judgeContact(contact({ name: "Sec", title: "Security", email, phone: "+1 206 555 0100" }));
      return { warn: evaluation.failsIn("warn"), enforce: evaluation.failsIn("enforce") };
    };
    expect(judged("jane.doe@example.com")).toEqual({ warn: false, enforce: true });
    expect(judged('sec${file("/etc/passwd")}@example.com')).toEqual({ warn: true, enforce: true });
  });
});
