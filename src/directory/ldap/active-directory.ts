/**
 * Active Directory: an address is a group's or a user's `mail` or one of its `proxyAddresses` (`smtp:` forms, in any
 * case); a group's people are every user whose memberOf reaches it through nested groups, asked of the server in
 * one paged search with LDAP_MATCHING_RULE_IN_CHAIN. Only called when the root DSE said Active Directory.
 */
import type { Entry } from "ldapts";
import type { AddressResolution, DirectoryMember, LdapSourceConfig } from "../../model/directory-reading";
import { escapeFilterValue } from "./filter-escape";
import { theEntryOf, unreadableState } from "./ldap-errors";
import { firstValueOf, valuesOf, type LdapSession } from "./ldap-session";
import { activeDirectoryState } from "./member-state";

const LDAP_MATCHING_RULE_IN_CHAIN = "1.2.840.113556.1.4.1941";
const ENTRY_ATTRIBUTES = ["objectClass", "mail", "proxyAddresses", "displayName", "userAccountControl", "accountExpires"];
/** Users, not computers (a computer account is an objectClass=user too). */
const PEOPLE = "(&(objectClass=user)(!(objectClass=computer)))";

function isGroup(entry: Entry): boolean {
  return valuesOf(entry, "objectClass").some((c) => c.toLowerCase() === "group");
}

/** The server matched case-insensitively; this keeps only entries that really hold the address. */
function holds(entry: Entry, address: string): boolean {
  const wanted = address.toLowerCase();
  if (valuesOf(entry, "mail").some((mail) => mail.toLowerCase() === wanted)) return true;
  return valuesOf(entry, "proxyAddresses").some((proxy) => proxy.toLowerCase() === `smtp:${wanted}`);
}

function member(entry: Entry, now: Date, config: LdapSourceConfig, address: string): DirectoryMember {
  const judged = activeDirectoryState(firstValueOf(entry, "userAccountControl"), firstValueOf(entry, "accountExpires"), now);
  if ("unreadable" in judged) throw unreadableState(config, { address }, entry.dn, judged.unreadable);
  const displayName = firstValueOf(entry, "displayName");
  const mail = firstValueOf(entry, "mail");
  return { id: entry.dn, ...(displayName && { displayName }), ...(mail && { mail }), ...judged };
}

export async function resolveInActiveDirectory(session: LdapSession, config: LdapSourceConfig, address: string, now: Date): Promise<AddressResolution> {
  const value = escapeFilterValue(address);
  const filter = `(&(|(objectClass=group)${PEOPLE})(|(mail=${value})(proxyAddresses=smtp:${value})(proxyAddresses=SMTP:${value})))`;
  const found = (await session.search({ address }, config.baseDN, filter, ENTRY_ATTRIBUTES)).filter((entry) => holds(entry, address));
  const entry = theEntryOf(config, address, found);
  if (!entry) return { address, kind: "unknown" };
  if (!isGroup(entry)) return { address, kind: "user", user: member(entry, now, config, address) };

  const inChain = `(&${PEOPLE}(memberOf:${LDAP_MATCHING_RULE_IN_CHAIN}:=${escapeFilterValue(entry.dn)}))`;
  const people = await session.search({ address, group: entry.dn }, config.baseDN, inChain, ENTRY_ATTRIBUTES);
  const displayName = firstValueOf(entry, "displayName");
  return {
    address,
    kind: "group",
    group: { id: entry.dn, ...(displayName && { displayName }) },
    members: people.map((person) => member(person, now, config, address)).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/**
 * A continuation reference to one of the server's own partitions that is not a domain (DNS zones, configuration):
 * AD returns these for every subtree search from a domain's root, and they cannot hold users or groups.
 */
export function ignorableActiveDirectoryReference(namingContexts: string[], baseDN: string): (uri: string) => boolean {
  const partitions = new Set(namingContexts.map((dn) => dn.toLowerCase()));
  const base = baseDN.toLowerCase();
  return (uri) => {
    let dn: string;
    try {
      dn = decodeURIComponent(new URL(uri).pathname.replace(/^\//, "")).toLowerCase();
    } catch {
      return false;
    }
    return partitions.has(dn) && dn !== base && /^(dc=domaindnszones|dc=forestdnszones|cn=configuration),/.test(dn);
  };
}
