import { expiredException } from "../../policies/expired-exception";
import { contextFor, policyException } from "../support/contacts";
import { TODAY } from "../support/workspace";

const ctx = contextFor();

describe("expired-exception: a registry exception must not be past its expires date", () => {
  test("Noncompliance 1: an exception that expired before today is an error at its registry line, whether or not it matched a finding", () => {
    const exception = policyException("2026-11-01");
    const expected = [{ message: "exception for single-recipient expired on 2026-11-01", location: exception.position }];
    expect(expiredException.check(exception, { waived: false }, ctx)).toEqual(expected);
    expect(expiredException.check(exception, { waived: true }, ctx)).toEqual(expected);
    expect(expiredException.severity).toBe("error");
  });

  test("Compliance: an exception that expires today or later", () => {
    expect(expiredException.check(policyException(TODAY), { waived: true }, ctx)).toEqual([]);
    expect(expiredException.check(policyException("2026-12-31"), { waived: false }, ctx)).toEqual([]);
  });
});
