/**
 * What a company directory (Active Directory, OpenLDAP, Microsoft Entra ID) said about contact addresses at one
 * moment: the shape every directory reader returns and the directory snapshot records. The registry's typed
 * `groups.<id>.members` are a claim; this is what the source of truth held when it was read.
 */

/** The directory sources the tool can read. */
export type DirectoryKind = "ldap" | "graph";

/** The two LDAP dialects, told apart by the server's root DSE (never assumed). */
export type LdapDialect = "active-directory" | "openldap";

/**
 * A member's state as the directory reported it at read time. Only "current" members count as people a contact
 * reaches; the others say why not.
 */
export type MemberState = "current" | "disabled" | "expired" | "left";

export interface DirectoryMember {
  /** The directory's own id for the entry: a DN for LDAP, an object id for Microsoft Graph. */
  id: string;
  displayName?: string;
  /** The member's mailbox as the directory holds it (case kept; compare case-insensitively). */
  mail?: string;
  state: MemberState;
  /**
   * Why the member is not current, in the directory's own terms, e.g. "userAccountControl has ACCOUNTDISABLE",
   * "accountExpires 2026-03-01T00:00:00Z", "employeeLeaveDateTime 2026-05-31T00:00:00Z", "pwdAccountLockedTime set".
   */
  stateReason?: string;
}

export interface DirectoryGroupRef {
  /** The directory's own id for the group: a DN for LDAP, an object id for Microsoft Graph. */
  id: string;
  displayName?: string;
  /** Microsoft Graph: a distribution list is mailEnabled and not securityEnabled. Absent for LDAP. */
  mailEnabled?: boolean;
  securityEnabled?: boolean;
}

/**
 * What one address resolves to. A group carries its members transitively (nested groups expanded), users only,
 * each directory entry once. An address the directory does not hold is "unknown": the rules judge it as an
 * unlisted address, never as a pass.
 */
export type AddressResolution =
  | { address: string; kind: "group"; group: DirectoryGroupRef; members: DirectoryMember[] }
  | { address: string; kind: "user"; user: DirectoryMember }
  | { address: string; kind: "unknown" };

/** One source's answer for a set of addresses, as a snapshot records it. */
export interface DirectoryReading {
  /** The source's id in the registry's `directories` section. */
  source: string;
  kind: DirectoryKind;
  /** LDAP only: the dialect the root DSE showed. */
  dialect?: LdapDialect;
  /** Where it was read: the LDAP URL or the Graph endpoint, never with credentials. */
  where: string;
  /** ISO 8601 (UTC) time the read started: members' states are judged as of this moment. */
  readAt: string;
  /** One per address asked, sorted by address (lower case). */
  resolutions: AddressResolution[];
}

/**
 * An LDAP source, as the registry's `directories` section names it. Secrets never stand in the file: the bind
 * password comes from the environment variable `passwordEnv` names.
 */
export interface LdapSourceConfig {
  id: string;
  type: "ldap";
  /** ldap:// or ldaps:// URL of one server. */
  url: string;
  /** Where groups and users are searched. */
  baseDN: string;
  /** Bind DN; absent means an anonymous bind. */
  bindDN?: string;
  /** Name of the environment variable that holds the bind password. */
  passwordEnv?: string;
  /** The dialect expected: the root DSE decides, and a different one is an error. */
  dialect?: LdapDialect;
  /** OpenLDAP: the attribute that marks a disabled account (e.g. pwdAccountLockedTime), and the value that does (any value when absent). */
  disabledAttribute?: string;
  disabledValue?: string;
}

/**
 * A Microsoft Entra ID / Exchange Online source read through Microsoft Graph. Credentials come from
 * @azure/identity's own chain: a client secret (AZURE_CLIENT_SECRET) or workload identity federation
 * (AZURE_FEDERATED_TOKEN_FILE, as GitHub Actions' OIDC gives it), never from the file.
 */
export interface GraphSourceConfig {
  id: string;
  type: "graph";
  tenantId: string;
  clientId: string;
  /** Graph's root; https://graph.microsoft.com unless a national cloud's. */
  endpoint?: string;
  /** The Entra authority host; https://login.microsoftonline.com unless a national cloud's. */
  authorityHost?: string;
}

export type DirectorySourceConfig = LdapSourceConfig | GraphSourceConfig;
