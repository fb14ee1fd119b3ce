/**
 * OpenLDAP: an address is an entry's `mail`; a group is a groupOfNames (member) or groupOfUniqueNames
 * (uniqueMember) and its nested groups are followed here, by the client, with a visited set so a cycle ends.
 * Member entries are fetched in batches by entryDN, so a group costs a few searches, not one per member.
 */
import type { Entry } from "ldapts";
import type { AddressResolution, DirectoryMember, LdapSourceConfig } from "../../model/directory-reading";
import { escapeFilterValue } from "./filter-escape";
import { theEntryOf, unreadableMember } from "./ldap-errors";
import { firstValueOf, valuesOf, type LdapSession } from "./ldap-session";
import { openLdapState } from "./member-state";

const GROUP_CLASSES = new Set(["groupofnames", "groupofuniquenames"]);
const BATCH = 100;

function attributesFor(config: LdapSourceConfig): string[] {
  return ["objectClass", "mail", "cn", "displayName", "member", "uniqueMember", ...(config.disabledAttribute ? [config.disabledAttribute] : [])];
}

function isGroup(entry: Entry): boolean {
  return valuesOf(entry, "objectClass").some((c) => GROUP_CLASSES.has(c.toLowerCase()));
}

/** A DN compared as the server does for the common case: case and the spaces around separators do not count. */
export function normalizedDN(dn: string): string {
  return dn
    .trim()
    .replace(/\s*([,=+])\s*/g, "$1")
    .toLowerCase();
}

/** member values, and uniqueMember values without their optional #'…'B unique identifier. */
function memberDNs(entry: Entry): string[] {
  return [...valuesOf(entry, "member"), ...valuesOf(entry, "uniqueMember").map((dn) => dn.replace(/#'[01]*'B$/, ""))].filter((dn) => dn.trim() !== "");
}

function member(config: LdapSourceConfig, entry: Entry): DirectoryMember {
  const judged = openLdapState(config, config.disabledAttribute ? valuesOf(entry, config.disabledAttribute) : []);
  const displayName = firstValueOf(entry, "displayName") ?? firstValueOf(entry, "cn");
  const mail = firstValueOf(entry, "mail");
  return { id: entry.dn, ...(displayName && { displayName }), ...(mail && { mail }), ...judged };
}

async function fetchEntries(session: LdapSession, config: LdapSourceConfig, about: { address: string; group: string }, dns: string[]): Promise<Entry[]> {
  const fetched: Entry[] = [];
  for (let start = 0; start < dns.length; start += BATCH) {
    const batch = dns.slice(start, start + BATCH);
    const filter = `(|${batch.map((dn) => `(entryDN=${escapeFilterValue(dn)})`).join("")})`;
    const entries = await session.search(about, config.baseDN, filter, attributesFor(config));
    const got = new Set(entries.map((entry) => normalizedDN(entry.dn)));
    const missing = batch.find((dn) => !got.has(normalizedDN(dn)));
    if (missing !== undefined) throw unreadableMember(config, about, missing);
    fetched.push(...entries);
  }
  return fetched;
}

async function expandGroup(session: LdapSession, config: LdapSourceConfig, address: string, group: Entry): Promise<DirectoryMember[]> {
  const visited = new Set([normalizedDN(group.dn)]);
  const people = new Map<string, DirectoryMember>();
  let pending = memberDNs(group);
  while (pending.length > 0) {
    const fresh = new Map<string, string>();
    for (const dn of pending) if (!visited.has(normalizedDN(dn))) fresh.set(normalizedDN(dn), dn);
    for (const key of fresh.keys()) visited.add(key);
    const entries = await fetchEntries(session, config, { address, group: group.dn }, [...fresh.values()]);
    pending = [];
    for (const entry of entries) {
      if (isGroup(entry)) pending.push(...memberDNs(entry));
      else people.set(normalizedDN(entry.dn), member(config, entry));
    }
  }
  return [...people.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export async function resolveInOpenLdap(session: LdapSession, config: LdapSourceConfig, address: string): Promise<AddressResolution> {
  const wanted = address.toLowerCase();
  const found = (await session.search({ address }, config.baseDN, `(mail=${escapeFilterValue(address)})`, attributesFor(config))).filter((entry) =>
    valuesOf(entry, "mail").some((mail) => mail.toLowerCase() === wanted),
  );
  const entry = theEntryOf(config, address, found);
  if (!entry) return { address, kind: "unknown" };
  if (!isGroup(entry)) return { address, kind: "user", user: member(config, entry) };
  const displayName = firstValueOf(entry, "displayName") ?? firstValueOf(entry, "cn");
  return { address, kind: "group", group: { id: entry.dn, ...(displayName && { displayName }) }, members: await expandGroup(session, config, address, entry) };
}
