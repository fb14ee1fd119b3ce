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

  test("Compliance 1: every required type and the primary contact are present", () => {
    const all = (["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"] as const).map((type) => contact({ email: "aws-security@example.com" }, type));
    expect(missingContact.check({ ...base, contacts: all }, ctx)).toEqual([]);
  });

  test("Compliance 2: requiredTypes narrows what is required", () => {
    const narrow = { ...ctx, policy: { ...ctx.policy, requiredTypes: ["SECURITY" as const] } };
    expect(missingContact.check({ ...base, expectsPrimary: false, contacts: [contact({ email: "aws-security@example.com" })] }, narrow)).toEqual([]);
  });
});
