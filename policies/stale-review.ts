import { daysBetween, REVIEW_WARNING_DAYS } from "../src/model/calendar-days";
import type { Group } from "../src/model/types";
import { CIS_1_1, addressesOf, type ContactRule, type RuleResult } from "../src/engine/rule-contract";

/**
 * Given a contact whose email or phone is a group's, And that group or a group nested in it
 *   was never reviewed, or last reviewed more than policy.maxReviewAgeDays ago, Then FAIL.
 * Given the last review is within the final 30 days before that limit, Then WARN.
 * Given a group's reviewed date is after today, Then FAIL: it would otherwise never go stale.
 * Given every group behind it was reviewed recently, or the address is a person's, Then PASS.
 * Given a group reads its members from a directory (`source`), Then it is not judged here: the snapshot's age is.
 */
export const staleReview: ContactRule<"stale-review"> = {
  id: "stale-review",
  scope: "contact",
  title: "Group behind a contact is not reviewed",
  severity: "error",
  explanation:
    "A group's members are only known to be current if somebody confirmed them recently; an alias nobody reviewed for a year may forward to people who left (CIS 1.1: maintain current contact details).",
  fix: "confirm the group's members and set its reviewed date to today",
  controls: [CIS_1_1],
  exceptable: true,
  securitySeverity: 5.0,
  check(contact, { directory, policy, today }) {
    const results: RuleResult[] = [];
    const judged = new Set<string>();
    for (const { field, value, entry } of addressesOf(contact, directory)) {
      if (!entry || entry.kind !== "group") continue;
      for (const group of directory.recipients(entry).groups) {
        // A group read from a directory is as recent as the snapshot, which policy.maxDirectoryAgeDays bounds.
        if (judged.has(group.id) || group.source) continue;
        judged.add(group.id);
        const result = judgeGroup(group, today, policy.maxReviewAgeDays);
        // One finding per group, at its reviewed date, however many cards and accounts reach it.
        const cause = { key: `group:${group.id}`, location: group.fieldPositions?.reviewed ?? group.position };
        if (result) results.push({ ...result, field, value, cause });
      }
    }
    return results;
  },
};

function judgeGroup(group: Group, today: string, maxAgeDays: number): Omit<RuleResult, "field" | "value"> | undefined {
  const fix = `confirm the members of group ${group.id} and set its reviewed date to ${today}`;
  if (!group.reviewed) {
    return { message: `goes to group ${group.id}, which was never reviewed`, fix, location: group.position };
  }
  if (group.reviewed > today) {
    // The loader refuses it given today; a directory built elsewhere may still hold one.
    return { message: `goes to group ${group.id}, whose reviewed date ${group.reviewed} is after today (${today})`, fix, location: group.position };
  }
  const age = daysBetween(group.reviewed, today);
  if (age > maxAgeDays) {
    return { message: `goes to group ${group.id}, last reviewed ${group.reviewed} (${age} days ago, limit ${maxAgeDays})`, fix, location: group.position };
  }
  if (age > maxAgeDays - REVIEW_WARNING_DAYS) {
    const left = maxAgeDays - age;
    return {
      severity: "warning",
      message: `goes to group ${group.id}, whose review (${group.reviewed}) expires in ${left} days`,
      fix,
      location: group.position,
    };
  }
  return undefined;
}
