/**
 * One bound LDAP connection and the only way the readers search it: always paged (so a group larger than the
 * server's page size is read whole), every failure turned into a DirectoryReadError naming the address or group,
 * and a continuation reference the reader cannot follow is an error rather than silently missing entries.
 */
import type { Client, Entry } from "ldapts";
import type { LdapSourceConfig } from "../../model/directory-reading";
import { referral, searchFailed, type Concerning } from "./ldap-errors";

/** Below every server's limit we know of (Active Directory's MaxPageSize is 1000, OpenLDAP's default sizelimit 500). */
export const LDAP_PAGE_SIZE = 250;

export class LdapSession {
  constructor(
    private readonly client: Client,
    private readonly config: LdapSourceConfig,
    /** Continuation references that cannot hold what is searched (AD's DNS and configuration partitions). */
    private readonly ignorableReference: (uri: string) => boolean = () => false,
  ) {}

  async search(about: Concerning, base: string, filter: string, attributes: string[]): Promise<Entry[]> {
    const entries: Entry[] = [];
    const references: string[] = [];
    try {
      for await (const page of this.client.searchPaginated(base, { scope: "sub", filter, attributes, paged: { pageSize: LDAP_PAGE_SIZE } })) {
        entries.push(...page.searchEntries);
        references.push(...page.searchReferences.filter((uri) => !this.ignorableReference(uri)));
      }
    } catch (error) {
      throw searchFailed(this.config, about, base, error);
    }
    if (references.length > 0) throw referral(this.config, about, references);
    return entries;
  }
}

/** An attribute's values as strings, whatever case the server spelled its name in. */
export function valuesOf(entry: Entry, attribute: string): string[] {
  const wanted = attribute.toLowerCase();
  const key = Object.keys(entry).find((name) => name.toLowerCase() === wanted);
  if (key === undefined) return [];
  const value = entry[key];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (Buffer.isBuffer(item) ? item.toString("utf8") : String(item)));
}

export function firstValueOf(entry: Entry, attribute: string): string | undefined {
  return valuesOf(entry, attribute)[0];
}
