/**
 * The LDAP reader's failures, each as a DirectoryReadError saying what happened, why, and how to fix it. Every one
 * stops the read: the tool never judges from a directory it could only partly read.
 */
import { DirectoryReadError, quoted } from "../directory-errors";
import type { LdapDialect, LdapSourceConfig } from "../../model/directory-reading";

export interface Concerning {
  address?: string;
  group?: string;
}

/** ldapts's errors carry the LDAP result code (RFC 4511 section 4.1.9) as `code`; socket errors a string `code`. */
function codeOf(error: unknown): number | string | undefined {
  return (error as { code?: number | string } | undefined)?.code;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function missingPassword(config: LdapSourceConfig): DirectoryReadError {
  const env = config.passwordEnv;
  return new DirectoryReadError({
    source: config.id,
    what: env ? `the bind password environment variable ${env} is not set` : "the source names a bindDN but no passwordEnv",
    why: `binding as ${quoted(config.bindDN ?? "")} needs a password, and secrets never stand in the registry`,
    fix: env ? `set ${env} in the environment that runs the read` : "add passwordEnv: <VARIABLE> to the source and set that variable",
  });
}

export function bindFailed(config: LdapSourceConfig, error: unknown): DirectoryReadError {
  const code = codeOf(error);
  if (code === 49)
    return new DirectoryReadError({
      source: config.id,
      what: `the server at ${config.url} refused the bind as ${quoted(config.bindDN ?? "")} (invalid credentials)`,
      why: "the DN does not exist, its password differs from the one given, or the account is disabled",
      fix: `check bindDN and the password in ${config.passwordEnv ?? "passwordEnv"}, and that the account is enabled`,
    });
  return new DirectoryReadError({
    source: config.id,
    what: `binding to ${config.url} failed: ${messageOf(error)}`,
    why: "the server did not accept a simple bind with these credentials",
    fix: "allow a simple bind for the reader's account (over ldaps:// where the server requires a protected connection)",
  });
}

export function connectionFailed(config: LdapSourceConfig, error: unknown): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    what: `could not reach the LDAP server at ${config.url}: ${messageOf(error)}`,
    why: "the server is down, the URL's host or port is wrong, or a firewall stands between",
    fix: "check the source's url and that the server answers from where the read runs; the read is not retried against anything else",
  });
}

export function searchFailed(config: LdapSourceConfig, about: Concerning, base: string, error: unknown): DirectoryReadError {
  const code = codeOf(error);
  const common = { source: config.id, ...about };
  if (code === 4 || code === 11)
    return new DirectoryReadError({
      ...common,
      what: `the search under ${quoted(base)} hit the server's ${code === 4 ? "size" : "administrative"} limit`,
      why: "the server returned only part of the answer, and a partial group would undercount or overcount its people",
      fix: "raise the reader account's limit for paged searches on the server (OpenLDAP: limits ... size.prtotal=unlimited; AD: MaxPageSize stays, paging handles it)",
    });
  // ldapts keeps a referral result's code but not its URLs.
  if (code === 10) return referral(config, about, []);
  if (code === 32)
    return new DirectoryReadError({
      ...common,
      what: `the search base ${quoted(base)} does not exist on ${config.url}`,
      why: "the source's baseDN names no entry this server holds",
      fix: "set baseDN to a naming context the server holds (its root DSE lists them in namingContexts)",
    });
  if (typeof code === "string" || (error instanceof Error && /timeout|socket|closed|ECONN/i.test(error.message))) return connectionFailed(config, error);
  return new DirectoryReadError({
    ...common,
    what: `the search under ${quoted(base)} failed: ${messageOf(error)}`,
    why: "the server refused or could not complete the search",
    fix: "check that the reader's account may search baseDN and read the attributes docs/directories.md lists",
  });
}

export function referral(config: LdapSourceConfig, about: Concerning, uris: string[]): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    ...about,
    what: `the server referred the search elsewhere (${uris.length > 0 ? uris.map(quoted).join(", ") : "a referral result"})`,
    why: "entries behind a referral live on another server, and reading only this one would miss them",
    fix: "point the source's url at a server that holds baseDN (for Active Directory, a global catalog or the domain's DC) or narrow baseDN",
  });
}

export function unreadableMember(config: LdapSourceConfig, about: Concerning, memberDN: string): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    ...about,
    what: `the member ${quoted(memberDN)} could not be read`,
    why: "the entry does not exist under baseDN (a dangling member value) or the reader's account may not read it",
    fix: "remove the stale member value from the group, widen baseDN, or grant the reader read access to the entry",
  });
}

export function unreadableState(config: LdapSourceConfig, about: Concerning, memberDN: string, problem: string): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    ...about,
    what: `whether ${quoted(memberDN)} is current cannot be told: ${problem}`,
    why: "an account whose state is unknown is no evidence that anybody reads the mail, and is never counted as current",
    fix: "grant the reader's account read access to userAccountControl and accountExpires on users",
  });
}

/** The one entry that holds an address, undefined for none; two or more are ambiguous and fail the read (both dialects). */
export function theEntryOf<T extends { dn: string }>(config: LdapSourceConfig, address: string, found: readonly T[]): T | undefined {
  if (found.length > 1)
    throw ambiguousAddress(
      config,
      address,
      found.map((entry) => entry.dn),
    );
  return found[0];
}

export function ambiguousAddress(config: LdapSourceConfig, address: string, entries: string[]): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    address,
    what: `the address belongs to ${entries.length} entries: ${entries.map(quoted).join(", ")}`,
    why: "mail to it could reach any of them, so who it reaches cannot be told",
    fix: "give the address to exactly one group or user in the directory",
  });
}

export function dialectUnknown(config: LdapSourceConfig, seen: string): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    what: `the server at ${config.url} is neither Active Directory nor OpenLDAP by its root DSE (${seen})`,
    why: "how groups nest and what marks an account disabled differ by server; guessing could read an empty group as a pass",
    fix: "point the source at an Active Directory domain controller or an OpenLDAP server, and let the reader see the root DSE",
  });
}

export function noDisabledAttribute(config: LdapSourceConfig): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    what: "the server is OpenLDAP and the source names no disabledAttribute",
    why: "OpenLDAP has no standard mark for a disabled account, so without one every member would count as current, locked or not",
    fix: "name the attribute your directory marks disabled accounts with, e.g. disabledAttribute: pwdAccountLockedTime (ppolicy), or employeeType with disabledValue",
  });
}

export function plaintextBind(config: LdapSourceConfig): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    what: `the source binds as ${quoted(config.bindDN ?? "")} over ${config.url}, which is not encrypted`,
    why: "the bind password would cross the network in clear text",
    fix: "use an ldaps:// URL (the server's TLS port, usually 636); plain ldap:// is accepted only on the loopback interface",
  });
}

export function dialectMismatch(config: LdapSourceConfig, detected: LdapDialect): DirectoryReadError {
  return new DirectoryReadError({
    source: config.id,
    what: `the source says dialect ${config.dialect} but the server at ${config.url} is ${detected} by its root DSE`,
    why: "an Active Directory query on OpenLDAP returns no members without an error, and the reverse misses nested groups",
    fix: `set dialect: ${detected} (or remove it: the root DSE decides), or point url at the intended server`,
  });
}
