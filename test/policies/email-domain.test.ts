import { emailDomainRule } from "../../policies/email-domain";
import { contact, contextFor } from "../support/contacts";

const ctx = contextFor();

describe("email-domain: contact emails must be in policy.emailDomains when it is set", () => {
  test("Noncompliance 1: a contractor's domain", () => {
    expect(emailDomainRule.check(contact({ email: "ops@contractor.io" }), ctx)[0].message).toBe(
      "is in contractor.io, outside the allowed domains (example.com)",
    );
  });

  test("Noncompliance 2: a domain that only ends in a listed one's letters is not its subdomain", () => {
    expect(emailDomainRule.check(contact({ email: "x@badexample.com" }), ctx)).toHaveLength(1);
  });

  test("Compliance 1: the listed domain in any case, and its subdomains", () => {
    expect(emailDomainRule.check(contact({ email: "x@EXAMPLE.com" }), ctx)).toEqual([]);
    expect(emailDomainRule.check(contact({ email: "x@eu.example.com" }), ctx)).toEqual([]);
  });

  test("Compliance 2: not applicable when no domains are set", () => {
    expect(emailDomainRule.enabled!({ ...ctx.policy, emailDomains: undefined })).toBe(false);
  });
});
