import { addDays } from "../model/calendar-days";
import type { Directory } from "../model/directory";
import type { Group, Registry } from "../model/types";
import type { ContactEvidence, EvidenceAccount, EvidenceRow, GroupEvidence, PersonEvidence } from "./evidence";
import { groupMembership } from "./group-membership";

/** Who one contact reaches, worked out once for every row that shares its ContactEvidence. */
interface Reach {
  /** Every group behind its addresses, nested ones included (indexes into the groups list). */
  groups: number[];
  /** Current people it reaches, each once (indexes into the registry's people). */
  people: number[];
  /** People whose leaving would leave one of its addresses with fewer than the minimum. */
  atRisk: number[];
}

export interface WhoIsReached {
  groups: GroupEvidence[];
  people: PersonEvidence[];
}

/**
 * The view of who is reached: every group with its members and how many accounts depend on it (through a
 * group that nests it too), and every person with the contacts that reach them and those their leaving
 * would leave short: the blast radius of one departure. Reach is worked out once per shared contact (and
 * kept on it as `dependsOn`); per row there are only counters, which count an account once because an
 * account's rows are consecutive (buildRows keeps them so).
 */
export function whoIsReached(registry: Registry, directory: Directory, rows: readonly EvidenceRow[]): WhoIsReached {
  // The registry's groups, then any group an address resolved to in the company directory (policy.resolveAddressesIn).
  const groupList: Group[] = [...registry.groups.values()];
  const personIds = [...registry.people.keys()];
  const groupIndex = new Map(groupList.map((group, i) => [group.id, i]));
  const personIndex = new Map(personIds.map((id, i) => [id, i]));
  const minimum = registry.policy.minRecipients;
  const reachOf = new Map<ContactEvidence, Reach>();
  const groupAccounts: number[] = new Array<number>(groupList.length).fill(0);
  const lastAccountOfGroup: (EvidenceAccount | undefined)[] = [];
  const indexOfGroup = (group: Group) => {
    let index = groupIndex.get(group.id);
    if (index === undefined) {
      groupIndex.set(group.id, (index = groupList.length));
      groupList.push(group);
      groupAccounts.push(0);
    }
    return index;
  };
  const personContacts = new Uint32Array(personIds.length);
  const atRiskContacts = new Uint32Array(personIds.length);
  const atRiskAccounts = new Uint32Array(personIds.length);
  const lastAtRiskAccount: (EvidenceAccount | undefined)[] = new Array(personIds.length);
  for (const { contact, account } of rows) {
    if (contact.email === undefined && contact.phone === undefined) continue;
    let reach = reachOf.get(contact);
    if (!reach) {
      reachOf.set(contact, (reach = reachOfContact(directory, contact, { minimum, indexOfGroup, personIndex })));
      contact.dependsOn = reach.groups.map((g) => groupList[g].id);
    }
    for (const g of reach.groups) {
      if (lastAccountOfGroup[g] === account) continue;
      lastAccountOfGroup[g] = account;
      groupAccounts[g]++;
    }
    for (const p of reach.people) personContacts[p]++;
    for (const p of reach.atRisk) {
      atRiskContacts[p]++;
      if (lastAtRiskAccount[p] === account) continue;
      lastAtRiskAccount[p] = account;
      atRiskAccounts[p]++;
    }
  }
  const directGroups = new Map<string, string[]>();
  for (const group of registry.groups.values()) {
    for (const member of group.members) {
      const list = directGroups.get(member);
      if (list) list.push(group.id);
      else directGroups.set(member, [group.id]);
    }
  }
  const withDirectories = (registry.directories?.size ?? 0) > 0;
  const groups = groupList.map((group, i): GroupEvidence => {
    const recipients = directory.recipients({ kind: "group", group });
    return {
      id: group.id,
      name: group.name,
      email: group.email,
      phone: group.phone,
      reviewed: group.reviewed,
      reviewDue: group.reviewed ? addDays(group.reviewed, registry.policy.maxReviewAgeDays) : undefined,
      members: group.members,
      current: recipients.current.map((p) => p.id),
      departed: recipients.departed.map((p) => p.id),
      accounts: groupAccounts[i],
      ...(withDirectories ? groupMembership(registry, directory, group, recipients) : {}),
    };
  });
  const people = personIds.map((id, i): PersonEvidence => {
    const person = registry.people.get(id)!;
    return {
      id,
      name: person.name,
      email: person.email,
      phone: person.phone,
      left: person.left,
      gone: directory.hasLeft(person),
      groups: directGroups.get(id) ?? [],
      contacts: personContacts[i],
      atRisk: { contacts: atRiskContacts[i], accounts: atRiskAccounts[i] },
    };
  });
  return { groups, people };
}

function reachOfContact(
  directory: Directory,
  contact: ContactEvidence,
  { minimum, indexOfGroup, personIndex }: { minimum: number; indexOfGroup: (group: Group) => number; personIndex: ReadonlyMap<string, number> },
): Reach {
  const groups = new Set<number>();
  const people = new Set<number>();
  const atRisk = new Set<number>();
  for (const { entry } of directory.lookupAddresses(contact)) {
    if (!entry) continue;
    const recipients = directory.recipients(entry);
    for (const group of recipients.groups) groups.add(indexOfGroup(group));
    for (const person of recipients.current) {
      // A member the company directory lists is not one of the registry's people: its group shows it.
      const index = personIndex.get(person.id);
      if (index === undefined) continue;
      people.add(index);
      // Without them the address would reach one person fewer: short of the minimum (or already short).
      if (recipients.current.length - 1 < minimum) atRisk.add(index);
    }
  }
  return { groups: [...groups], people: [...people], atRisk: [...atRisk] };
}
