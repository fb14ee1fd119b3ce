import type { DirectoryEntry } from "../src/model/directory";
import type { Person } from "../src/model/types";
import { CIS_1_1, SECURITY_HUB_ACCOUNT_1, addressesOf, type ContactRule, type RuleCause, type RuleResult } from "../src/engine/rule-contract";

/**
 * Given a contact whose email or phone is registered,
 * And it reaches fewer than policy.minRecipients current people
 *   (a personal address, a group with one member, a group whose other members left),
 * Then FAIL, naming the people it does reach.
 * And a member of a group whose membership is read from a directory counts only when the directory says current
 *   (disabled, expired or left there is named so: "Omar Said disabled in corp-ad").
 * Given it reaches at least policy.minRecipients current people (nested groups counted once each), Then PASS.
 * The root cause, where the fix goes: the `left` line of the latest departure when departures brought the
 *   group below the minimum (one finding per group and departure); else the group's `members` line; for a
 *   person's own address, the card that names it.
 */
export const singleRecipient: ContactRule<"single-recipient"> = {
  id: "single-recipient",
  scope: "contact",
  title: "Contact reaches fewer than two current people",
  severity: "error",
  explanation:
    "AWS sends abuse reports, security notices and bills to this address. When it reaches one person, a holiday or a resignation silently cuts the account off (CIS 1.1: contacts must be current and reach more than one individual).",
  fix: "point the contact at a group alias with at least two members",
  controls: [CIS_1_1, SECURITY_HUB_ACCOUNT_1],
  exceptable: true,
  securitySeverity: 7.5,
  check(contact, { directory, policy }) {
    const results: RuleResult[] = [];
    for (const { field, value, entry } of addressesOf(contact, directory)) {
      if (!entry) continue; // unlisted-address speaks for it
      const { current, departed } = directory.recipients(entry);
      if (current.length >= policy.minRecipients) continue;
      const people = current.map((p) => p.name).join(", ");
      const gone = departed.length ? `; ${departed.map(departure).join(", ")}` : "";
      const noun = current.length === 1 ? "person" : "people";
      results.push({
        field,
        value,
        message: `reaches ${current.length} current ${noun}${people || gone ? ` (${people || "nobody"}${gone})` : ""}, ${policy.minRecipients} required`,
        fix:
          entry.kind === "person"
            ? singleRecipient.fix
            : `add current members to group ${entry.group.id}, or point the contact at a group alias with at least ${policy.minRecipients} members`,
        reaches: current.map((p) => p.name),
        cause: causeOf(entry, current.length, departed, policy.minRecipients),
      });
    }
    return results;
  },
};

/** Who or what to fix, so that every contact failing for the same reason is one finding. */
function causeOf(entry: DirectoryEntry, current: number, departed: readonly Person[], minRecipients: number): RuleCause | undefined {
  // A person's own address: the fix is the card that uses it, where the finding already points.
  if (entry.kind === "person") return undefined;
  const group = entry.group;
  const members = group.fieldPositions?.members ?? group.position;
  if (departed.length > 0 && current + departed.length >= minRecipients) {
    // The latest departure is the one that took the group below the minimum.
    const [latest, ...earlier] = [...departed].sort((a, b) => (b.left ?? "").localeCompare(a.left ?? "") || a.id.localeCompare(b.id));
    return { key: `group:${group.id}|left:${latest.id}`, location: leftLine(latest), related: [members, ...earlier.map(leftLine)] };
  }
  return { key: `group:${group.id}`, location: members };
}

/** Why a member no longer counts: the registry's `left` day, or the directory's state ("Omar Said disabled in corp-ad"). */
function departure(person: Person): string {
  if (!person.directory) return `${person.name} left ${person.left}`;
  const state = person.directory.state === "current" && person.email === undefined ? "without a mailbox" : person.directory.state;
  return `${person.name} ${state} in ${person.directory.source}`;
}

function leftLine(person: Person) {
  return person.fieldPositions?.left ?? person.position;
}
