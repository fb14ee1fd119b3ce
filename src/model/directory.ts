import type { Group, Person } from "./types";
import { normalizeEmail, normalizePhone, untaggedEmail } from "./addresses";

/** What an address was found on: one person, or a group (alias, hunt group). */
export type DirectoryEntry = { kind: "person"; person: Person } | { kind: "group"; group: Group };

export interface Recipients {
  /** People who have not left, each once however many nested groups lead to them. */
  current: Person[];
  /** Members who left on or before today. */
  departed: Person[];
  /** The groups behind the address: the group itself and every nested group. */
  groups: Group[];
}

/**
 * The registry's people and groups, indexed by address. Answers "who does this address reach today?"
 * Built once per run; each group's expansion is memoised, so judging N contacts costs O(N) lookups.
 */
export class Directory {
  private readonly byEmail = new Map<string, DirectoryEntry>();
  private readonly byUntaggedEmail = new Map<string, DirectoryEntry>();
  private readonly byPhone = new Map<string, DirectoryEntry>();
  private readonly expanded = new Map<string, Recipients>();

  constructor(
    private readonly people: ReadonlyMap<string, Person>,
    private readonly groups: ReadonlyMap<string, Group>,
    /** YYYY-MM-DD: who has left is judged against this day. */
    readonly today: string,
  ) {
    // Groups first: when a person's address is also a group's alias, the group is what mail reaches.
    for (const group of groups.values()) this.index({ kind: "group", group }, group.email, group.phone);
    for (const person of people.values()) this.index({ kind: "person", person }, person.email, person.phone);
  }

  lookupEmail(email: string): DirectoryEntry | undefined {
    return this.byEmail.get(normalizeEmail(email)) ?? this.byUntaggedEmail.get(untaggedEmail(email));
  }

  lookupPhone(phone: string): DirectoryEntry | undefined {
    return this.byPhone.get(normalizePhone(phone));
  }

  recipients(entry: DirectoryEntry): Recipients {
    if (entry.kind === "person") {
      const person = entry.person;
      return this.hasLeft(person) ? { current: [], departed: [person], groups: [] } : { current: [person], departed: [], groups: [] };
    }
    return this.expandGroup(entry.group);
  }

  hasLeft(person: Person): boolean {
    return person.left !== undefined && person.left <= this.today;
  }

  private expandGroup(root: Group): Recipients {
    const cached = this.expanded.get(root.id);
    if (cached) return cached;
    const current = new Map<string, Person>();
    const departed = new Map<string, Person>();
    const groups = new Map<string, Group>();
    // Iterative walk with a visited set: the loader rejects cycles, but a directory built elsewhere may not.
    const pending: Group[] = [root];
    while (pending.length) {
      const group = pending.pop()!;
      if (groups.has(group.id)) continue;
      groups.set(group.id, group);
      for (const member of group.members) {
        const person = this.people.get(member);
        if (person) {
          (this.hasLeft(person) ? departed : current).set(person.id, person);
          continue;
        }
        const nested = this.groups.get(member);
        if (nested) pending.push(nested);
      }
    }
    const result = { current: [...current.values()], departed: [...departed.values()], groups: [...groups.values()] };
    this.expanded.set(root.id, result);
    return result;
  }

  private index(entry: DirectoryEntry, email: string | undefined, phone: string | undefined) {
    if (email) {
      setOnce(this.byEmail, normalizeEmail(email), entry);
      setOnce(this.byUntaggedEmail, untaggedEmail(email), entry);
    }
    if (phone) setOnce(this.byPhone, normalizePhone(phone), entry);
  }
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V) {
  if (!map.has(key)) map.set(key, value);
}
