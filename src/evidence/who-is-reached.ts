import type { ContactType } from "../model/contact-types";
import type { Directory, DirectoryEntry } from "../model/directory";
import type { Registry } from "../model/types";
import type { ContactEvidence, EvidenceAccount, EvidenceRow, GroupEvidence, PersonEvidence } from "./evidence";

/** Who one contact reaches, worked out once for every row that shares its ContactEvidence. */
interface Reach {
  /** Every group behind its addresses, nested ones included. */
  groups: string[];
  /** Current people it reaches, each once. */
  people: string[];
  /** People whose leaving would leave one of its addresses with fewer than the minimum. */
  atRisk: string[];
}

/**
 * The view of who is reached: every group with its members and the accounts that depend on it (through
 * a group that nests it too), and every person with the contacts that reach them and those their leaving
 * would leave short: the blast radius of one departure. Linear in the rows.
 */
export function whoIsReached(registry: Registry, directory: Directory, rows: readonly EvidenceRow[]): { groups: GroupEvidence[]; people: PersonEvidence[] } {
  const minimum = registry.policy.minRecipients;
  const reachOf = new Map<ContactEvidence, Reach>();
  const groupAccounts = new Map<string, Map<EvidenceAccount, ContactType[]>>();
  const personContacts = new Map<string, number>();
  const personAtRisk = new Map<string, Map<EvidenceAccount, ContactType[]>>();
  const add = (into: Map<string, Map<EvidenceAccount, ContactType[]>>, id: string, account: EvidenceAccount, type: ContactType) => {
    let accounts = into.get(id);
    if (!accounts) into.set(id, (accounts = new Map()));
    const types = accounts.get(account);
    if (!types) accounts.set(account, [type]);
    else if (!types.includes(type)) types.push(type);
  };
  for (const row of rows) {
    const { contact, account } = row;
    if (!contact.type || (contact.email === undefined && contact.phone === undefined)) continue;
    let reach = reachOf.get(contact);
    if (!reach) reachOf.set(contact, (reach = reachOfContact(directory, contact, minimum)));
    for (const group of reach.groups) add(groupAccounts, group, account, contact.type);
    for (const person of reach.people) personContacts.set(person, (personContacts.get(person) ?? 0) + 1);
    for (const person of reach.atRisk) add(personAtRisk, person, account, contact.type);
  }
  const directGroups = new Map<string, string[]>();
  for (const group of registry.groups.values()) {
    for (const member of group.members) {
      const list = directGroups.get(member);
      if (list) list.push(group.id);
      else directGroups.set(member, [group.id]);
    }
  }

  const groups = [...registry.groups.values()].map((group): GroupEvidence => {
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
      accounts: [...(groupAccounts.get(group.id) ?? [])].map(([account, types]) => ({ account, types })),
    };
  });
  const people = [...registry.people.values()].map((person): PersonEvidence => ({
    id: person.id,
    name: person.name,
    email: person.email,
    phone: person.phone,
    left: person.left,
    gone: directory.hasLeft(person),
    groups: directGroups.get(person.id) ?? [],
    contacts: personContacts.get(person.id) ?? 0,
    atRisk: [...(personAtRisk.get(person.id) ?? [])].flatMap(([account, types]) => types.map((type) => ({ account, type }))),
  }));
  return { groups, people };
}

function reachOfContact(directory: Directory, contact: ContactEvidence, minimum: number): Reach {
  const groups = new Set<string>();
  const people = new Set<string>();
  const atRisk = new Set<string>();
  const entries: (DirectoryEntry | undefined)[] = [
    contact.email === undefined ? undefined : directory.lookupEmail(contact.email),
    contact.phone === undefined ? undefined : directory.lookupPhone(contact.phone),
  ];
  for (const entry of entries) {
    if (!entry) continue;
    const recipients = directory.recipients(entry);
    for (const group of recipients.groups) groups.add(group.id);
    for (const person of recipients.current) {
      people.add(person.id);
      // Without them the address would reach one person fewer: short of the minimum (or already short).
      if (recipients.current.length - 1 < minimum) atRisk.add(person.id);
    }
  }
  return { groups: [...groups], people: [...people], atRisk: [...atRisk] };
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
