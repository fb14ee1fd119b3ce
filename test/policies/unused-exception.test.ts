import { unusedException } from "../../policies/unused-exception";
import { contextFor, policyException } from "../support/contacts";

const ctx = contextFor();

describe("unused-exception: a registry exception must waive a finding", () => {
  test("Noncompliance 1: an exception that waived nothing is a warning at its registry line", () => {
    const exception = policyException("2026-12-31", "stale-review");
    expect(unusedException.check(exception, { waived: false }, ctx)).toEqual([
      { message: "exception for stale-review matches no finding", location: exception.position },
    ]);
    expect(unusedException.severity).toBe("warning");
  });

  test("Compliance 1: an exception that waived a finding", () => {
    expect(unusedException.check(policyException("2026-12-31"), { waived: true }, ctx)).toEqual([]);
  });

  test("Compliance 2: an expired exception is expired-exception's, not reported as unused", () => {
    expect(unusedException.check(policyException("2026-11-01"), { waived: false }, ctx)).toEqual([]);
  });
});
