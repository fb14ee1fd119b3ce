/**
 * Reads what an LDAP directory (Active Directory or OpenLDAP, told apart by the root DSE) holds for each contact
 * address: the group it names with its current and former people, the user it belongs to, or nothing. Any
 * failure is a DirectoryReadError: the caller never gets a partial reading.
 */
import type { Client } from "ldapts";
import type { AddressResolution, DirectoryReading, LdapSourceConfig } from "../../model/directory-reading";
import { ignorableActiveDirectoryReference, resolveInActiveDirectory } from "./active-directory";
import { bindFailed, connectionFailed, missingPassword, noDisabledAttribute, plaintextBind } from "./ldap-errors";
import { LdapSession } from "./ldap-session";
import { resolveInOpenLdap } from "./openldap";
import { readRootDse } from "./root-dse";

export interface LdapReadOptions {
  /** The moment members' states are judged at (accountExpires) and the reading is stamped with. */
  now: Date;
  /** The environment, as the run context gives it: the bind password's variable is looked up here. */
  secret: (envName: string) => string | undefined;
  onProgress?: (done: number, total: number) => void;
}

const CONNECT_TIMEOUT_MS = 10_000;
const OPERATION_TIMEOUT_MS = 120_000;

/** The URL without any user or password in it, for the reading and for messages. */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}

/** ldaps://, or ldap:// to this machine (a tunnel, a test server): where a bind password may be sent. */
function encryptedOrLocal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "ldaps:" || ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** Each address once (compared case-insensitively), sorted by its lower case. */
function distinctAddresses(addresses: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const address of addresses) if (!byKey.has(address.toLowerCase())) byKey.set(address.toLowerCase(), address);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, address]) => address);
}

async function bind(client: Client, config: LdapSourceConfig, options: LdapReadOptions): Promise<void> {
  if (config.bindDN === undefined) return;
  const password = config.passwordEnv === undefined ? undefined : options.secret(config.passwordEnv);
  if (!password) throw missingPassword(config);
  try {
    await client.bind(config.bindDN, password);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw typeof code === "number" ? bindFailed(config, error) : connectionFailed(config, error);
  }
}

export async function readLdapDirectory(config: LdapSourceConfig, addresses: readonly string[], options: LdapReadOptions): Promise<DirectoryReading> {
  // Loaded here, not at the top: only a directory read pays for the LDAP client.
  const { Client } = await import("ldapts");
  const where = publicUrl(config.url);
  const safeConfig = { ...config, url: where };
  const client = new Client({ url: config.url, connectTimeout: CONNECT_TIMEOUT_MS, timeout: OPERATION_TIMEOUT_MS });
  try {
    if (config.bindDN !== undefined && !encryptedOrLocal(config.url)) throw plaintextBind(safeConfig);
    await bind(client, safeConfig, options);
    const rootDse = await readRootDse(client, safeConfig);
    const activeDirectory = rootDse.dialect === "active-directory";
    if (!activeDirectory && config.disabledAttribute === undefined) throw noDisabledAttribute(safeConfig);
    const session = new LdapSession(client, safeConfig, activeDirectory ? ignorableActiveDirectoryReference(rootDse.namingContexts, config.baseDN) : undefined);
    const wanted = distinctAddresses(addresses);
    const resolutions: AddressResolution[] = [];
    for (const address of wanted) {
      resolutions.push(
        address.trim() === ""
          ? { address, kind: "unknown" }
          : activeDirectory
            ? await resolveInActiveDirectory(session, safeConfig, address, options.now)
            : await resolveInOpenLdap(session, safeConfig, address),
      );
      options.onProgress?.(resolutions.length, wanted.length);
    }
    return { source: config.id, kind: "ldap", dialect: rootDse.dialect, where, readAt: options.now.toISOString(), resolutions };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
