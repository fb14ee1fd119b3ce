import type { Directory, Recipients } from "../model/directory";
import type { Group, Person, Registry } from "../model/types";
import type { DirectoryEvidence, GroupEvidence, MemberEvidence } from "./evidence";

/** The registry's `directories`, each with where and when the snapshot read it; undefined when it names none. */
export function directoriesEvidence(registry: Registry): DirectoryEvidence[] | undefined {
  if (!registry.directories?.size) return undefined;
  return [...registry.directories.values()].map((source): DirectoryEvidence => {
    const reading = registry.companyDirectory?.readings.get(source.id);
    const where = reading?.where ?? (source.type === "ldap" ? source.url : (source.endpoint ?? "https://graph.microsoft.com"));
    return { id: source.id, kind: source.type, where, ...(reading ? { readAt: reading.readAt } : {}) };
  });
}

/**
 * Where a group's membership comes from and how each member stands: what an auditor needs to see that the
 * people counted were read from the directory, when, and why the others do not count. Only for a registry
 * that names directories, so a registry-only evidence keeps its shape.
 */
export function groupMembership(
  registry: Registry,
  directory: Directory,
  group: Group,
  recipients: Recipients,
): Pick<GroupEvidence, "source" | "readAt" | "people"> {
  const source = group.source ?? "registry";
  const readAt = group.source ? registry.companyDirectory?.readings.get(group.source)?.readAt : undefined;
  const people = [...recipients.current, ...recipients.departed].map((person) => memberEvidence(directory, person));
  return { source, ...(readAt ? { readAt } : {}), people };
}

function memberEvidence(directory: Directory, person: Person): MemberEvidence {
  const base = { name: person.name, ...(person.email ? { email: person.email } : {}) };
  if (person.directory) return { ...base, state: person.directory.state, ...(person.directory.reason ? { reason: person.directory.reason } : {}) };
  return directory.hasLeft(person) ? { ...base, state: "left", reason: `left ${person.left} (the registry)` } : { ...base, state: "current" };
}

/** "Omar Said: disabled (userAccountControl has ACCOUNTDISABLE)": one member as the CSV and the Markdown write it. */
export function memberText(member: MemberEvidence): string {
  return `${member.name}: ${member.state}${member.reason ? ` (${member.reason})` : ""}`;
}

/** "corp-ad, read 2026-11-22T06:00:00Z" or "registry (typed members)". */
export function sourceText(group: Pick<GroupEvidence, "source" | "readAt">): string {
  if (group.source === "registry") return "registry (typed members)";
  return `${group.source}, ${group.readAt ? `read ${group.readAt}` : "not in the directory snapshot"}`;
}
