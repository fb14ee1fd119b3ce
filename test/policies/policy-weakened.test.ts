import { comparePolicies, policyWeakened } from "../../policies/policy-weakened";
import type { PolicySide } from "../../src/engine/rule-contract";
import { defaultPolicySettings, type PolicyException, type PolicySettings } from "../../src/model/types";
import { policyException } from "../support/contacts";

const AT = { file: "contacts/registry.yaml", line: 7, column: 3 };

function side(policy: Partial<PolicySettings> = {}, exceptions: PolicyException[] = []): PolicySide {
  return { policy: { ...defaultPolicySettings(), ...policy }, exceptions, positions: { minRecipients: AT, mode: AT, emailDomains: AT } };
}

const weakened = (base: PolicySide, head: PolicySide) => policyWeakened.check(base, head).map((r) => r.field);

describe("policy-weakened: a change must not lower the policy's bar unseen", () => {
  test("Noncompliance 1: minRecipients lowered and mode turned to warn are two warnings, at the setting's line in the change", () => {
    const results = policyWeakened.check(side(), side({ minRecipients: 1, mode: "warn" }));
    expect(results).toEqual([
      expect.objectContaining({
        field: "policy.minRecipients",
        message: "changed from 2 to 1: fewer people must be reached",
        severity: "warning",
        blocking: false,
        location: AT,
      }),
      expect.objectContaining({ field: "policy.mode", message: "changed from enforce to warn: findings no longer fail synthesis" }),
    ]);
  });

  test("Noncompliance 2: ages raised, a required type dropped, distinctTypes off are each a weakening", () => {
    const base = side({ distinctTypes: true });
    const head = side({ maxReviewAgeDays: 400, maxExceptionDays: 730, requiredTypes: ["BILLING", "OPERATIONS"], distinctTypes: false });
    expect(weakened(base, head)).toEqual(["policy.maxReviewAgeDays", "policy.maxExceptionDays", "policy.requiredTypes", "policy.distinctTypes"]);
  });

  test("Noncompliance 3: emailDomains gaining an outside domain, or removed (any domain), weakens; a subdomain of a listed one does not", () => {
    const base = side({ emailDomains: ["example.com"] });
    expect(weakened(base, side({ emailDomains: ["example.com", "gmail.com"] }))).toEqual(["policy.emailDomains"]);
    expect(policyWeakened.check(base, side({}))[0].message).toBe("changed from [example.com] to not set: any domain is accepted");
    expect(weakened(base, side({ emailDomains: ["corp.example.com"] }))).toEqual([]);
  });

  test("Noncompliance 4: an exception added or extended is a weakening; one removed or shortened is listed, not marked", () => {
    const base = side({}, [policyException("2026-12-31")]);
    expect(weakened(base, side({}, [policyException("2027-06-30")]))).toEqual(["policy.exceptions"]);
    expect(policyWeakened.check(side(), base)[0]).toEqual(
      expect.objectContaining({ value: "single-recipient 222222222222 SECURITY", message: "changed from not set to 2026-12-31: exception added" }),
    );
    const shortened = comparePolicies(base, side({}, [policyException("2026-12-01")]));
    expect(shortened.map((c) => [c.meaning, c.weakens])).toEqual([["exception shortened", false]]);
    expect(comparePolicies(base, side()).map((c) => [c.meaning, c.weakens])).toEqual([["exception removed", false]]);
  });

  test("Noncompliance 5: the base's weakeningSeverity error makes it a blocking error, and the change lowering it is itself a weakening", () => {
    const results = policyWeakened.check(side({ weakeningSeverity: "error" }), side({ minRecipients: 1, weakeningSeverity: "warning" }));
    expect(results.map((r) => [r.field, r.severity, r.blocking])).toEqual([
      ["policy.minRecipients", "error", true],
      ["policy.weakeningSeverity", "error", true],
    ]);
  });

  test("Noncompliance 6: a group no longer read from a directory, and a directory removed that a group read, are weakenings; an unused one removed is listed", () => {
    const sources = (source: string | undefined) => new Map([["cloud-security", { source, position: AT }]]);
    const base = {
      ...side(),
      groupSources: sources("corp-ad"),
      directories: new Map([
        ["corp-ad", AT],
        ["spare", AT],
      ]),
    };
    const head = { ...side(), groupSources: sources(undefined), directories: new Map() };
    expect(weakened(base, head)).toEqual(["groups.cloud-security.source", "directories.corp-ad"]);
    expect(policyWeakened.check(base, head)[0].message).toBe(
      "changed from corp-ad to not set: group cloud-security's typed members count, no longer read from the directory",
    );
    expect(comparePolicies(base, head).map((c) => [c.subject, c.weakens])).toEqual([
      ["cloud-security", true],
      ["corp-ad", true],
      ["spare", false],
    ]);
    // Reading from a directory where members were typed tightens.
    expect(comparePolicies(head, { ...base, directories: new Map([["corp-ad", AT]]) }).map((c) => [c.subject, c.weakens])).toEqual([["cloud-security", false]]);
  });

  test("Noncompliance 7: a directory outage exception added or extended is a weakening; shortened or removed it is not", () => {
    const outage = (expires?: string) => ({ ...side(), directoryOutages: new Map(expires ? [["corp-ad", { expires, position: AT }]] : []) });
    expect(weakened(outage(), outage("2026-12-14"))).toEqual(["directories.corp-ad.outage"]);
    expect(policyWeakened.check(outage(), outage("2026-12-14"))[0].message).toMatch(/directory outage exception added: a stale snapshot of it is judged$/);
    expect(weakened(outage("2026-12-14"), outage("2026-12-20"))).toEqual(["directories.corp-ad.outage"]);
    expect(weakened(outage("2026-12-20"), outage("2026-12-14"))).toEqual([]);
    expect(weakened(outage("2026-12-20"), outage())).toEqual([]);
  });

  test("Noncompliance 8: a directory's settings changed (another server, no disabled mark) and a group moved to another directory are weakenings", () => {
    const settings = (values: Record<string, string | undefined>) => ({
      ...side(),
      directories: new Map([["corp-ad", AT]]),
      directorySettings: new Map([["corp-ad", { type: "ldap", url: "ldaps://dc1.corp.example", ...values }]]),
    });
    const base = settings({ disabledAttribute: "employeeType" });
    expect(weakened(base, settings({ disabledAttribute: undefined }))).toEqual(["directories.corp-ad"]);
    expect(policyWeakened.check(base, settings({ disabledAttribute: "employeeType", url: "ldaps://evil.example" }))[0].message).toMatch(
      /url: ldaps:\/\/dc1\.corp\.example.*url: ldaps:\/\/evil\.example: directory settings changed \(url\)/,
    );
    expect(weakened(base, settings({ disabledAttribute: "employeeType" }))).toEqual([]);
    const moved = (source: string) => ({ ...side(), groupSources: new Map([["cloud-security", { source, position: AT }]]) });
    expect(weakened(moved("corp-ad"), moved("other-dir"))).toEqual(["groups.cloud-security.source"]);
  });

  test("Compliance 1: a tightening is a change, not a weakening", () => {
    const base = side({ mode: "warn", requiredTypes: ["SECURITY"] });
    const head = side({ minRecipients: 3, maxReviewAgeDays: 180, mode: "enforce", requiredTypes: ["SECURITY", "BILLING"], emailDomains: ["example.com"] });
    expect(policyWeakened.check(base, head)).toEqual([]);
    expect(comparePolicies(base, head).map((c) => [c.setting, c.weakens])).toEqual([
      ["minRecipients", false],
      ["maxReviewAgeDays", false],
      ["mode", false],
      ["requiredTypes", false],
      ["emailDomains", false],
    ]);
  });

  test("Compliance 2: the same policy, written in another order or case, is no change", () => {
    const base = side({ emailDomains: ["Example.com", "corp.example.com"], requiredTypes: ["SECURITY", "BILLING"] });
    const head = side({ emailDomains: ["corp.example.com", "example.com"], requiredTypes: ["BILLING", "SECURITY"] });
    expect(comparePolicies(base, head)).toEqual([]);
  });
});
