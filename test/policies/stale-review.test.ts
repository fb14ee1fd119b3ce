import { staleReview } from "../../policies/stale-review";
import { contact, contextFor } from "../support/contacts";
import { exampleWith } from "../support/workspace";

const ctx = contextFor();

describe("stale-review: the groups behind a contact must be reviewed within maxReviewAgeDays", () => {
  test("Noncompliance 1: a group never reviewed", () => {
    const text = exampleWith(['    members: [rroe, omar]\n    reviewed: "2026-08-20"\n', "    members: [rroe, omar]\n"]);
    const [result] = staleReview.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(text));
    expect(result.message).toBe("goes to group platform-oncall, which was never reviewed");
    expect(result.severity ?? staleReview.severity).toBe("error");
  });

  test("Noncompliance 2: a nested group reviewed too long ago makes the outer contact stale", () => {
    const [result] = staleReview.check(contact({ email: "aws-security@example.com" }), contextFor(undefined, "2027-09-10"));
    expect(result.message).toMatch(/^goes to group (cloud-security|secops-leads), last reviewed 2026-09-01 \(374 days ago, limit 365\)$/);
  });

  test("Noncompliance 3: within the last 30 days before the limit, a warning", () => {
    const [result] = staleReview.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(undefined, "2027-08-01"));
    expect(result).toMatchObject({ severity: "warning", message: "goes to group platform-oncall, whose review (2026-08-20) expires in 19 days" });
  });

  test("Noncompliance 4: a reviewed date after today, which would otherwise never go stale", () => {
    const [result] = staleReview.check(contact({ email: "aws-ops@example.com" }, "OPERATIONS"), contextFor(undefined, "2026-08-19"));
    expect(result).toMatchObject({ message: "goes to group platform-oncall, whose reviewed date 2026-08-20 is after today (2026-08-19)" });
    expect(result.severity ?? staleReview.severity).toBe("error");
  });

  test("Compliance: recently reviewed groups, and personal addresses (single-recipient's job)", () => {
    expect(staleReview.check(contact({ email: "aws-security@example.com", phone: "+1 206 555 0100" }), ctx)).toEqual([]);
    expect(staleReview.check(contact({ email: "jane.doe@example.com" }), ctx)).toEqual([]);
  });
});
