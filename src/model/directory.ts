import type { Group, Person, SourcePosition } from "./types";
import { normalizeEmail, normalizePhone, untaggedEmail } from "./addresses";
import type { CompanyDirectory } from "./company-directory";
import type { DirectoryMember } from "./directory-reading";

/** The address fields every contact carries: alternate contacts have both, the primary contact only a phone. */
export const ADDRESS_FIELDS = ["email", "phone"] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** One of a contact's addresses and what it was found on (undefined: the directory does not hold it). */
export interface AddressLookup {
  field: AddressField;
  value: string;
  entry: DirectoryEntry | undefined;
}

/** What an address was found on: one person, or a group (alias, hunt group). */
export type DirectoryEntry = { kind: "person"; person: Person } | { kind: "group"; group: Group };

export interface Recipients {
  /**
   * People who have not left, each once however many nested groups lead to them, and however many
   * entries the registry has for one mailbox (`jane.doe@` and `Jane.Doe+alt@` are one person).
   */
  current: Person[];
  /** Members who left on or before today, or whom the company directory lists as disabled, expired or left. */
  departed: Person[];
  /** The groups behind the address: the group itself and every nested group. */
  groups: Group[];
}

/** A group whose membership is read from a directory, against the members the registry typed for it. */
export interface MembershipDifference {
  /** Typed in the registry, not a member in the directory. */
  typedOnly: Person[];
  /** A member in the directory (whatever its state), not typed in the registry. */
  directoryOnly: Person[];
}

/**
 * The registry's people and groups, indexed by address. Answers "who does this address reach today?"
 * People are counted by mailbox: an email compared case-insensitively without its `+tag`, which still
 * reaches the person. A group whose address is a person's mailbox, or a sub-address of it, is that
 * person's own address, however many members the registry gives it.
 * A group with a `source` reaches the members the company directory lists for its email, never its typed
 * members (without a reading for it, nobody: the loader refuses that before any rule runs); with
 * policy.resolveAddressesIn, an email no registry entry holds is looked up in that source's reading.
 * Built once per run; each group's expansion is memoised, so judging N contacts costs O(N) lookups.
 */
export class Directory {
  private readonly byEmail = new Map<string, DirectoryEntry>();
  private readonly byUntaggedEmail = new Map<string, DirectoryEntry>();
  private readonly byPhone = new Map<string, DirectoryEntry>();
  private readonly expanded = new Map<string, Recipients>();
  private mailboxes: Map<string, Person[]> | undefined;
  /** Groups whose address is a person's mailbox or a sub-address of it: mail to them reaches that person alone. */
  private readonly owners = new Map<string, Person>();
  /** Directory members as people, by source and directory id: one object per member however many groups list it. */
  private readonly directoryPeople = new Map<string, Person>();
  /** Addresses resolved through policy.resolveAddressesIn, by source and address. */
  private readonly resolvedEntries = new Map<string, DirectoryEntry>();

  constructor(
    private readonly people: ReadonlyMap<string, Person>,
    private readonly groups: ReadonlyMap<string, Group>,
    /** YYYY-MM-DD: who has left is judged against this day. */
    readonly today: string,
    /** The directory snapshot's readings, when the registry names directories. */
    private readonly company?: CompanyDirectory,
  ) {
    const byMailbox = new Map<string, Person>();
    for (const person of people.values()) if (person.email) setOnce(byMailbox, untaggedEmail(person.email), person);
    // Groups first: when a person's phone is also a hunt group's, the group is what a call reaches. An
    // address in a person's mailbox reaches that person alone, whatever members its group lists.
    for (const group of groups.values()) {
      const owner = group.email === undefined ? undefined : byMailbox.get(untaggedEmail(group.email));
      if (owner) this.owners.set(group.id, owner);
      if (owner) this.index({ kind: "person", person: owner }, group.email, undefined);
      this.index({ kind: "group", group }, owner ? undefined : group.email, group.phone);
    }
    for (const person of people.values()) this.index({ kind: "person", person }, person.email, person.phone);
  }

  /**
   * The one address lookup: each address a contact gives, email first, with what it was found on. Every rule,
   * review, the evidence and the reach report ask here, so an address is never resolved two ways.
   */
  lookupAddresses(addresses: Partial<Record<AddressField, string>>): AddressLookup[] {
    const found: AddressLookup[] = [];
    for (const field of ADDRESS_FIELDS) {
      const value = addresses[field];
      if (value !== undefined) found.push({ field, value, entry: this.lookup(field, value) });
    }
    return found;
  }

  private lookup(field: AddressField, value: string): DirectoryEntry | undefined {
    if (field === "phone") return this.byPhone.get(normalizePhone(value));
    const typed = this.byEmail.get(normalizeEmail(value)) ?? this.byUntaggedEmail.get(untaggedEmail(value));
    // A sourced group is read from its own directory already; every other email, with policy.resolveAddressesIn,
    // is what that directory says it is: a person typed as current, or a typed member list, never overrules it,
    // and an address the directory does not know reaches nobody however the registry lists it (fail closed).
    if (!this.company?.resolveAddressesIn || (typed?.kind === "group" && typed.group.source)) return typed ?? this.resolvedInCompanyDirectory(value);
    return this.resolvedInCompanyDirectory(value);
  }

  /** policy.resolveAddressesIn: what that source's reading says an address no registry entry holds is. */
  private resolvedInCompanyDirectory(email: string): DirectoryEntry | undefined {
    const resolveIn = this.company?.resolveAddressesIn;
    if (!resolveIn) return undefined;
    const key = `${resolveIn.source}:${normalizeEmail(email)}`;
    const known = this.resolvedEntries.get(key);
    if (known) return known;
    const resolution = this.company!.resolution(resolveIn.source, email);
    let entry: DirectoryEntry | undefined;
    // A user the address resolved to has that mailbox, whether or not the directory fills in their mail attribute.
    if (resolution?.kind === "user")
      entry = { kind: "person", person: this.directoryPerson(resolveIn.source, { mail: resolution.address, ...resolution.user }, resolveIn.position) };
    if (resolution?.kind === "group") {
      const name = resolution.group.displayName;
      const group: Group = {
        id: key,
        email: resolution.address,
        members: [],
        source: resolveIn.source,
        position: resolveIn.position,
        ...(name ? { name } : {}),
      };
      entry = { kind: "group", group };
    }
    if (entry) this.resolvedEntries.set(key, entry);
    return entry;
  }

  /**
   * A sourced group's members as the directory lists them, each a person with its state there; none when the
   * snapshot holds no reading of the group's address (fail closed: typed members never stand in).
   */
  private directoryMembers(group: Group): Person[] {
    if (!group.source || !group.email || !this.company) return [];
    const resolution = this.company.resolution(group.source, group.email);
    const position = group.fieldPositions?.source ?? group.position;
    if (resolution?.kind === "user") return [this.directoryPerson(group.source, { mail: resolution.address, ...resolution.user }, position)];
    if (resolution?.kind === "group") return resolution.members.map((member) => this.directoryPerson(group.source!, member, position));
    return [];
  }

  private directoryPerson(source: string, member: DirectoryMember, position: SourcePosition): Person {
    const key = `${source}:${member.id}`;
    let person = this.directoryPeople.get(key);
    if (!person) {
      person = {
        id: key,
        name: member.displayName ?? member.mail ?? member.id,
        ...(member.mail ? { email: member.mail } : {}),
        position,
        directory: { source, state: member.state, ...(member.stateReason ? { reason: member.stateReason } : {}) },
      };
      this.directoryPeople.set(key, person);
    }
    return person;
  }

  /**
   * How the members typed for a sourced group differ from the directory's, compared by mailbox (case and
   * `+tag` aside); undefined when the group has no source, no typed members, or no reading to compare with.
   */
  membershipDifference(group: Group): MembershipDifference | undefined {
    if (!group.source || group.fieldPositions?.members === undefined || !group.email) return undefined;
    if (!this.company?.resolution(group.source, group.email)) return undefined;
    const typed = new Map<string, Person>();
    const seen = new Set<string>();
    const pending = [...group.members];
    while (pending.length) {
      const id = pending.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const person = this.people.get(id);
      if (person) setOnce(typed, mailboxOf(person), person);
      else pending.push(...(this.groups.get(id)?.members ?? []));
    }
    const listed = new Map(this.directoryMembers(group).map((person): [string, Person] => [mailboxOf(person), person]));
    const difference = {
      typedOnly: [...typed].filter(([mailbox]) => !listed.has(mailbox)).map(([, person]) => person),
      directoryOnly: [...listed].filter(([mailbox]) => !typed.has(mailbox)).map(([, person]) => person),
    };
    return difference.typedOnly.length || difference.directoryOnly.length ? difference : undefined;
  }

  recipients(entry: DirectoryEntry): Recipients {
    if (entry.kind === "person") {
      // Another registry entry for the same mailbox may still be current: mail to it reaches whoever reads it.
      // Not for a person the directory lists: its state there is the fact, whatever the registry types.
      const person = entry.person.directory ? entry.person : (this.sameMailbox(entry.person).find((p) => !this.hasLeft(p)) ?? entry.person);
      return this.hasLeft(person) ? { current: [], departed: [person], groups: [] } : { current: [person], departed: [], groups: [] };
    }
    return this.expandGroup(entry.group);
  }

  /** The registry's entries for a person's mailbox: more than one when it lists a sub-address or another spelling. */
  private sameMailbox(person: Person): Person[] {
    if (!this.mailboxes) {
      this.mailboxes = new Map();
      for (const p of this.people.values()) {
        const key = mailboxOf(p);
        const same = this.mailboxes.get(key);
        if (same) same.push(p);
        else this.mailboxes.set(key, [p]);
      }
    }
    return this.mailboxes.get(mailboxOf(person)) ?? [person];
  }

  hasLeft(person: Person): boolean {
    // A directory entry without a mailbox (a service account, a printer, a role) is nobody mail reaches.
    if (person.directory) return person.directory.state !== "current" || person.email === undefined;
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
      if (group.source) {
        for (const person of this.directoryMembers(group)) setOnce(this.hasLeft(person) ? departed : current, mailboxOf(person), person);
        continue;
      }
      for (const member of group.members) {
        const person = this.people.get(member);
        if (person) {
          setOnce(this.hasLeft(person) ? departed : current, mailboxOf(person), person);
          continue;
        }
        const nested = this.groups.get(member);
        // Nested or not, a group at a person's own mailbox is that person, not its members.
        const owner = nested && this.owners.get(nested.id);
        if (owner) setOnce(this.hasLeft(owner) ? departed : current, mailboxOf(owner), owner);
        else if (nested) pending.push(nested);
      }
    }
    // A mailbox one entry says has left and another lists as current still reaches somebody.
    for (const mailbox of current.keys()) departed.delete(mailbox);
    const result = { current: [...current.values()], departed: [...departed.values()], groups: [...groups.values()] };
    this.expanded.set(root.id, result);
    return result;
  }

  private index(entry: DirectoryEntry, email: string | undefined, phone: string | undefined) {
    if (email) {
      setOnce(this.byEmail, normalizeEmail(email), entry);
      // Mail to local+tag@ reaches local@, never the other way: only an untagged address answers for its sub-addresses.
      if (untaggedEmail(email) === normalizeEmail(email)) setOnce(this.byUntaggedEmail, untaggedEmail(email), entry);
    }
    if (phone) setOnce(this.byPhone, normalizePhone(phone), entry);
  }
}

/** Who a person is for counting: their untagged mailbox, or their id when the registry gives no email. */
function mailboxOf(person: Person): string {
  return person.email ? "mailbox:" + untaggedEmail(person.email) : "id:" + person.id;
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V) {
  if (!map.has(key)) map.set(key, value);
}
