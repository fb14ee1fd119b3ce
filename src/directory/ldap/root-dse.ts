/**
 * Which LDAP server this is, from its root DSE, never assumed: Active Directory's in-chain matching rule returns
 * zero entries on OpenLDAP without an error, so a wrong guess would read every group as empty.
 */
import type { Client, Entry } from "ldapts";
import type { LdapDialect, LdapSourceConfig } from "../../model/directory-reading";
import { dialectMismatch, dialectUnknown, searchFailed } from "./ldap-errors";
import { firstValueOf, valuesOf } from "./ldap-session";

/** LDAP_CAP_ACTIVE_DIRECTORY_OID: a full Active Directory domain controller (Samba's AD DC says it too). */
export const ACTIVE_DIRECTORY_CAPABILITY = "1.2.840.113556.1.4.800";

export interface RootDse {
  dialect: LdapDialect;
  /** The server's naming contexts (AD: the domain, configuration, schema and DNS partitions). */
  namingContexts: string[];
}

const ATTRIBUTES = ["supportedCapabilities", "forestFunctionality", "objectClass", "structuralObjectClass", "vendorName", "namingContexts"];

export function dialectOf(rootDse: Entry): LdapDialect | undefined {
  if (valuesOf(rootDse, "supportedCapabilities").includes(ACTIVE_DIRECTORY_CAPABILITY)) return "active-directory";
  const classes = [...valuesOf(rootDse, "objectClass"), ...valuesOf(rootDse, "structuralObjectClass")].map((c) => c.toLowerCase());
  if (classes.includes("openldaprootdse")) return "openldap";
  return undefined;
}

export async function readRootDse(client: Client, config: LdapSourceConfig): Promise<RootDse> {
  let entry: Entry | undefined;
  try {
    entry = (await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ATTRIBUTES })).searchEntries[0];
  } catch (error) {
    throw searchFailed(config, {}, "(root DSE)", error);
  }
  const dialect = entry && dialectOf(entry);
  if (!entry || !dialect) {
    const seen = entry
      ? `vendorName ${JSON.stringify(firstValueOf(entry, "vendorName") ?? "none")}, supportedCapabilities ${JSON.stringify(valuesOf(entry, "supportedCapabilities"))}`
      : "no root DSE entry";
    throw dialectUnknown(config, seen);
  }
  if (config.dialect !== undefined && config.dialect !== dialect) throw dialectMismatch(config, dialect);
  return { dialect, namingContexts: valuesOf(entry, "namingContexts") };
}
