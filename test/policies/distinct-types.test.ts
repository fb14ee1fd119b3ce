import { distinctTypes } from "../../policies/distinct-types";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();

describe("distinct-types: off by default; when on, the three alternate contacts must not share one email", () => {
  const same = ["BILLING", "OPERATIONS", "SECURITY"].map((t) => contact({ email: "aws-security@example.com" }, t as "SECURITY"));

  test("Off by default", () => {
    expect(distinctTypes.enabled!(ctx.policy)).toBe(false);
  });

  test("Noncompliance 1: one email for all three (compared case-insensitively)", () => {
    same[0].fields.email = { known: true, value: "AWS-Security@example.com" };
    expect(distinctTypes.check({ accountId: "222222222222", expectsPrimary: false, contacts: same }, ctx)).toHaveLength(1);
  });

  test("Noncompliance 2: three sub-addresses of one mailbox are one email", () => {
    const tagged = ["BILLING", "OPERATIONS", "SECURITY"].map((t) => contact({ email: `aws-team+${t.toLowerCase()}@example.com` }, t as "SECURITY"));
    expect(distinctTypes.check({ accountId: "222222222222", expectsPrimary: false, contacts: tagged }, ctx)).toEqual([
      expect.objectContaining({ message: "all three alternate contacts go to one mailbox, aws-team@example.com, through sub-addresses" }),
    ]);
  });

  test("Compliance: two different emails", () => {
    const mixed = [...same.slice(0, 2), contact({ email: "aws-ops@example.com" }, "OPERATIONS")];
    expect(distinctTypes.check({ accountId: "222222222222", expectsPrimary: false, contacts: mixed }, ctx)).toEqual([]);
  });
});
