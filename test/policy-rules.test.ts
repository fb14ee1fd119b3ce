import { distinctTypes } from "../policies/distinct-types";
import { emailDomainRule } from "../policies/email-domain";
import { invalidField } from "../policies/invalid-field";
import { missingContact } from "../policies/missing-contact";
import { singleRecipient } from "../policies/single-recipient";
import { staleReview } from "../policies/stale-review";
import { unlistedAddress } from "../policies/unlisted-address";
import { unverifiable } from "../policies/unverifiable";
import { contact, contextFor } from "./support/contacts";
import { exampleWith } from "./support/workspace";

const ctx = contextFor();

describe("single-recipient: an email or phone must reach at least minRecipients current people", () => {
  test("Noncompliance 1: a personal email reaches one person, named in the message", () => {
    expect(singleRecipient.check(contact({ email: "jane.doe@example.com" }), ctx)).toEqual([
      expect.objectContaining({ field: "email", value: "jane.doe@example.com", message: "reaches 1 current person (Jane Doe), 2 required", reaches: ["Jane Doe"] }),
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
    const text = exampleWith(["{ name: Omar Haddad,  email: omar.haddad@example.com }", "{ name: Omar Haddad,  email: omar.haddad@example.com, left: 2026-11-23 }"]);
    expect(singleRecipient.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(text))).toHaveLength(1);
    expect(singleRecipient.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(text, "2026-11-22"))).toEqual([]);
  });

  test("Compliance: nested groups are expanded and each person counted once", () => {
    // cloud-security = jdoe, rroe + secops-leads (omar, lchen): 4 people.
    expect(singleRecipient.check(contact({ email: "AWS-Security@example.com", phone: "+12065550100" }), ctx)).toEqual([]);
    const text = exampleWith(["policy:\n  minRecipients: 2", "policy:\n  minRecipients: 4"], ["members: [jdoe, rroe, secops-leads]", "members: [jdoe, rroe, secops-leads, omar]"]);
    expect(singleRecipient.check(contact({ email: "aws-security@example.com" }), contextFor(text))).toEqual([]);
  });

  test("Compliance: an unlisted address is left to unlisted-address", () => {
    expect(singleRecipient.check(contact({ email: "someone@elsewhere.com" }), ctx)).toEqual([]);
  });
});

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

  test("Compliance: registered addresses pass, in any case and with a sub-address tag", () => {
    expect(unlistedAddress.check(contact({ email: "AWS-OPS+prod@example.com", phone: "+1 206 555 0120" }), ctx)).toEqual([]);
  });
});

describe("stale-review: the groups behind a contact must be reviewed within maxReviewAgeDays", () => {
  test("Noncompliance 1: a group never reviewed", () => {
    const text = exampleWith(["    members: [rroe, omar]\n    reviewed: 2026-08-20\n", "    members: [rroe, omar]\n"]);
    const [result] = staleReview.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(text));
    expect(result.message).toBe("goes to group platform-oncall, which was never reviewed");
    expect(result.severity ?? staleReview.severity).toBe("error");
  });

  test("Noncompliance 2: a nested group reviewed too long ago makes the outer contact stale", () => {
    const [result] = staleReview.check(contact({ email: "aws-security@example.com" }), contextFor(undefined, "2027-09-10"));
    expect(result.message).toMatch(/^goes to group (cloud-security|secops-leads), last reviewed 2026-09-01 \(374 days ago, limit 365\)$/);
  });

  test("Warning: within the last 30 days before the limit", () => {
    const [result] = staleReview.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(undefined, "2027-08-01"));
    expect(result).toMatchObject({ severity: "warning", message: "goes to group platform-oncall, whose review (2026-08-20) expires in 19 days" });
  });

  test("Compliance: recently reviewed groups, and personal addresses (single-recipient's job)", () => {
    expect(staleReview.check(contact({ email: "aws-security@example.com", phone: "+1 206 555 0100" }), ctx)).toEqual([]);
    expect(staleReview.check(contact({ email: "jane.doe@example.com" }), ctx)).toEqual([]);
  });
});

describe("email-domain: contact emails must be in policy.emailDomains when it is set", () => {
  test("Noncompliance: a contractor's domain", () => {
    expect(emailDomainRule.check(contact({ email: "ops@contractor.io" }), ctx)[0].message).toBe("is in contractor.io, outside the allowed domains (example.com)");
  });
  test("Compliance: the listed domain in any case, and its subdomains", () => {
    expect(emailDomainRule.check(contact({ email: "x@EXAMPLE.com" }), ctx)).toEqual([]);
    expect(emailDomainRule.check(contact({ email: "x@eu.example.com" }), ctx)).toEqual([]);
    expect(emailDomainRule.check(contact({ email: "x@badexample.com" }), ctx)).toHaveLength(1);
  });
  test("Not applicable when no domains are set", () => {
    expect(emailDomainRule.enabled!({ ...ctx.policy, emailDomains: undefined })).toBe(false);
  });
});

describe("missing-contact: every account needs the required types", () => {
  const base = { accountId: "222222222222", expectsPrimary: true };
  test("Noncompliance: an account with only a SECURITY contact lacks BILLING, OPERATIONS and the primary contact", () => {
    const results = missingContact.check({ ...base, contacts: [contact({ email: "aws-security@example.com" })] }, ctx);
    expect(results.map((r) => r.type)).toEqual(["BILLING", "OPERATIONS", "PRIMARY"]);
  });
  test("Compliance: requiredTypes narrows what is required", () => {
    const narrow = { ...ctx, policy: { ...ctx.policy, requiredTypes: ["SECURITY" as const] } };
    expect(missingContact.check({ ...base, expectsPrimary: false, contacts: [contact({ email: "aws-security@example.com" })] }, narrow)).toEqual([]);
  });
});

describe("distinct-types: off by default; when on, the three alternate contacts must not share one email", () => {
  const same = ["BILLING", "OPERATIONS", "SECURITY"].map((t) => contact({ email: "aws-security@example.com" }, t as "SECURITY"));
  test("Off by default", () => {
    expect(distinctTypes.enabled!(ctx.policy)).toBe(false);
  });
  test("Noncompliance: one email for all three (compared case-insensitively)", () => {
    same[0].fields.email = { known: true, value: "AWS-Security@example.com" };
    expect(distinctTypes.check({ accountId: "222222222222", expectsPrimary: false, contacts: same }, ctx)).toHaveLength(1);
  });
  test("Compliance: two different emails", () => {
    const mixed = [...same.slice(0, 2), contact({ email: "aws-ops@example.com" }, "OPERATIONS")];
    expect(distinctTypes.check({ accountId: "222222222222", expectsPrimary: false, contacts: mixed }, ctx)).toEqual([]);
  });
});

describe("unverifiable and invalid-field: values Terraform will receive", () => {
  test("unverifiable: a value known only at apply time is a finding, not a pass", () => {
    const value = { ...contact({ name: "x" }), fields: { email: { known: false as const, expression: "${var.security_email}" } } };
    expect(unverifiable.check(value, ctx)).toEqual([{ field: "email", value: "${var.security_email}", message: "is unknown until apply, so it cannot be judged" }]);
  });
  test("invalid-field: a hand-written title too long for AWS", () => {
    const value = contact({ name: "Sec", title: "t".repeat(51), email: "aws-security@example.com", phone: "+1 206 555 0100" });
    expect(invalidField.check(value, ctx)).toEqual([expect.objectContaining({ field: "title", message: "title is 51 characters long; AWS accepts 1 to 50 for Title" })]);
  });
  test("invalid-field: a compliant card passes", () => {
    expect(invalidField.check(contact({ name: "Sec", title: "Security", email: "aws-security@example.com", phone: "+1 206 555 0100" }), ctx)).toEqual([]);
  });
});
