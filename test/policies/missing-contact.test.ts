import { missingContact } from "../../policies/missing-contact";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();

describe("missing-contact: every account needs the required types", () => {
  const base = { accountId: "222222222222", expectsPrimary: true };

  test("Noncompliance 1: an account with only a SECURITY contact lacks BILLING, OPERATIONS and the primary contact", () => {
    const results = missingContact.check({ ...base, contacts: [contact({ email: "aws-security@example.com" })] }, ctx);
    expect(results.map((r) => r.type)).toEqual(["BILLING", "OPERATIONS", "PRIMARY"]);
  });

  test("Noncompliance 2: every alternate type but no primary contact, when the registry sets one by default", () => {
    const alternates = (["BILLING", "OPERATIONS", "SECURITY"] as const).map((type) => contact({ email: "aws-security@example.com" }, type));
    expect(missingContact.check({ ...base, contacts: alternates }, ctx)).toEqual([{ type: "PRIMARY", message: "has no primary contact", location: undefined }]);
  });

  test("Noncompliance 3: a plan that deletes a required contact and sets none in its place fails, with the fix in the Terraform code", () => {
    const planned = { ...base, expectsPrimary: false, source: "plan" as const, removed: { deleted: ["SECURITY" as const], keptInAws: [] } };
    const others = (["BILLING", "OPERATIONS"] as const).map((type) => contact({ email: "aws-security@example.com" }, type));
    expect(missingContact.check({ ...planned, contacts: others }, ctx)).toEqual([
      {
        type: "SECURITY",
        message: "loses its SECURITY contact: this plan deletes it and sets none in its place",
        fix: 'keep the resource; to hand the contact to other Terraform code, replace its resource block with a removed block (from = its address, lifecycle { destroy = false }; Terraform 1.7 or later), which forgets the contact and leaves it in AWS; or set an aws_account_alternate_contact with alternate_contact_type = "SECURITY" for the account in its place (or leave SECURITY out of --require-types if another workspace manages it)',
        location: undefined,
      },
    ]);
  });

  test("Noncompliance 4: a plan's account without a type is told to add the resource, not a registry card", () => {
    const planned = { ...base, source: "plan" as const, contacts: [contact({ email: "aws-security@example.com" })] };
    const results = missingContact.check(planned, ctx);
    expect(results.map((r) => [r.type, r.message, r.fix])).toEqual([
      [
        "BILLING",
        "has no BILLING contact in this plan",
        'add an aws_account_alternate_contact with alternate_contact_type = "BILLING" for the account to the Terraform code (or leave BILLING out of --require-types if another workspace manages it)',
      ],
      [
        "OPERATIONS",
        "has no OPERATIONS contact in this plan",
        'add an aws_account_alternate_contact with alternate_contact_type = "OPERATIONS" for the account to the Terraform code (or leave OPERATIONS out of --require-types if another workspace manages it)',
      ],
      ["PRIMARY", "has no primary contact in this plan", "add an aws_account_primary_contact for the account to the Terraform code"],
    ]);
  });

  test("Compliance 1: every required type and the primary contact are present", () => {
    const all = (["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"] as const).map((type) => contact({ email: "aws-security@example.com" }, type));
    expect(missingContact.check({ ...base, contacts: all }, ctx)).toEqual([]);
  });

  test("Compliance 2: requiredTypes narrows what is required", () => {
    const narrow = { ...ctx, policy: { ...ctx.policy, requiredTypes: ["SECURITY" as const] } };
    expect(missingContact.check({ ...base, expectsPrimary: false, contacts: [contact({ email: "aws-security@example.com" })] }, narrow)).toEqual([]);
  });

  test("Compliance 3: a contact a plan stops managing but AWS keeps (a forget, a primary contact's delete) still counts", () => {
    const alternates = (["BILLING", "OPERATIONS"] as const).map((type) => contact({ email: "aws-security@example.com" }, type));
    const planned = { ...base, source: "plan" as const, contacts: alternates, removed: { deleted: [], keptInAws: ["SECURITY" as const, "PRIMARY" as const] } };
    expect(missingContact.check(planned, ctx)).toEqual([]);
  });

  test("Compliance 4: an account a plan can name only after apply waits for the next plan", () => {
    expect(missingContact.check({ ...base, source: "plan", contacts: [], unresolved: { reason: "created" } }, ctx)).toEqual([]);
  });
});
