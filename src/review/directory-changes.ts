import { normalizeEmail } from "../model/addresses";
import type { DirectoryMember, MemberState } from "../model/directory-reading";
import type { Group, Registry } from "../model/types";

/** A member as the review names them: the directory's display name and mailbox. */
export interface MemberRef {
  name: string;
  email?: string;
}

/** How one sourced group's membership differs between the base's directory snapshot and the change's. */
export interface MembershipChange {
  group: string;
  source: string;
  /** When each side's snapshot read the source. */
  readBefore?: string;
  readAfter?: string;
  joined: MemberRef[];
  left: MemberRef[];
  /** Members on both sides whose state changed, e.g. current -> disabled, with the directory's reason now. */
  stateChanged: (MemberRef & { before: MemberState; after: MemberState; reason?: string })[];
}

/**
 * Who joined and who left each group that reads its members from the same directory on both sides, between
 * the base's snapshot and the change's: the refresh pull request the workflow opens says whom it adds and
 * drops. A member is matched by mailbox (case aside), or by the directory's id when it has none. A group
 * that gains or loses its `source` is a policy change (policy-weakened), not listed here.
 */
export function directoryChanges(base: Registry, head: Registry): MembershipChange[] {
  const changes: MembershipChange[] = [];
  for (const group of [...head.groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const before = base.groups.get(group.id);
    if (!group.source || !before || before.source !== group.source) continue;
    const was = membersOf(base, before);
    const is = membersOf(head, group);
    if (!was || !is) continue;
    const change: MembershipChange = {
      group: group.id,
      source: group.source,
      ...(was.readAt ? { readBefore: was.readAt } : {}),
      ...(is.readAt ? { readAfter: is.readAt } : {}),
      joined: [],
      left: [],
      stateChanged: [],
    };
    for (const [key, member] of is.members) {
      const old = was.members.get(key);
      if (!old) change.joined.push(ref(member));
      else if (old.state !== member.state)
        change.stateChanged.push({ ...ref(member), before: old.state, after: member.state, ...(member.stateReason ? { reason: member.stateReason } : {}) });
    }
    for (const [key, member] of was.members) if (!is.members.has(key)) change.left.push(ref(member));
    if (change.joined.length || change.left.length || change.stateChanged.length) changes.push(change);
  }
  return changes;
}

/** The group's members in that side's snapshot, by mailbox; undefined when the snapshot holds no reading of its address. */
function membersOf(registry: Registry, group: Group): { readAt?: string; members: Map<string, DirectoryMember> } | undefined {
  const company = registry.companyDirectory;
  if (!company || !group.email) return undefined;
  const resolution = company.resolution(group.source!, group.email);
  if (!resolution || resolution.kind === "unknown") return undefined;
  const list = resolution.kind === "user" ? [resolution.user] : resolution.members;
  const members = new Map(list.map((m) => [m.mail ? `mail:${normalizeEmail(m.mail)}` : `id:${m.id}`, m] as const));
  return { readAt: company.readings.get(group.source!)?.readAt, members };
}

function ref(member: DirectoryMember): MemberRef {
  return { name: member.displayName ?? member.mail ?? member.id, ...(member.mail ? { email: member.mail } : {}) };
}
