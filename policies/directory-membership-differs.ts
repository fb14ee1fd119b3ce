import type { Person } from "../src/model/types";
import { CIS_1_1, addressesOf, type ContactRule, type RuleResult } from "../src/engine/rule-contract";

/**
 * Given a contact whose email reaches a group that reads its members from a directory (`source`),
 * And the group also types `members`, the expected membership,
 * And someone is typed but not a member in the directory, or a member in the directory but not typed,
 * Then WARN, naming who is missing on which side (the directory's members count either way).
 * Given the typed members are the directory's (by mailbox, case and +tag aside), or none are typed, Then PASS.
 * The root cause, where the fix goes: the group's `members` line, one finding per group.
 */
export const directoryMembershipDiffers: ContactRule<"directory-membership-differs"> = {
  id: "directory-membership-differs",
  scope: "contact",
  title: "Group's typed members differ from the directory's",
  severity: "warning",
  explanation:
    "The directory decides who a sourced group reaches; typed members beside it are what the registry's owners expect. When the two differ, someone was added or removed without the owners knowing, or the registry is out of date (CIS 1.1: contacts must be current).",
  fix: "update the group's members to the directory's, or change the group in the directory, then run `contacts directory read`",
  controls: [CIS_1_1],
  exceptable: true,
  securitySeverity: 4.0,
  check(contact, { directory }) {
    const results: RuleResult[] = [];
    for (const { field, value, entry } of addressesOf(contact, directory)) {
      if (!entry || entry.kind !== "group") continue;
      for (const group of directory.recipients(entry).groups) {
        const difference = directory.membershipDifference(group);
        if (!difference) continue;
        const sides = [
          difference.typedOnly.length ? `typed but not in ${group.source}: ${names(difference.typedOnly)}` : "",
          difference.directoryOnly.length ? `in ${group.source} but not typed: ${names(difference.directoryOnly)}` : "",
        ].filter(Boolean);
        const members = group.fieldPositions?.members ?? group.position;
        results.push({
          field,
          value,
          message: `group ${group.id}'s members differ from directory ${group.source}'s (${sides.join("; ")})`,
          cause: { key: `group:${group.id}`, location: members },
        });
      }
    }
    return results;
  },
};

function names(people: readonly Person[]): string {
  return people.map((p) => p.name).join(", ");
}
