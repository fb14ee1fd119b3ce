import type { TokenCredential } from "@azure/identity";

import type { AddressResolution, DirectoryMember, DirectoryReading, GraphSourceConfig } from "../../model/directory-reading";
import { DEFAULT_GRAPH_ENDPOINT, firstLine, graphCredential, httpsOrigin, type GraphCredentialEnvironment } from "./graph-credential";
import { GraphDirectoryError } from "./graph-errors";
import { DEFAULT_GRAPH_CALL_LIMITS, type GraphCallContext, type GraphCallLimits } from "./graph-http";
import { groupFrom, memberFrom } from "./graph-members";
import { listAll } from "./graph-paging";
import { groupsByAddress, transitiveUserMembers, usersByAddress } from "./odata";

export interface GraphReadOptions {
  /** The moment members' states are judged at (employeeLeaveDateTime <= now is "left"). */
  now: Date;
  /** A credential to use; without one it is made from `environment`. */
  credential?: TokenCredential;
  /** The credential's environment variables, from the run context (required when no credential is given). */
  environment?: GraphCredentialEnvironment;
  /** Called after each address, for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
  limits?: Partial<GraphCallLimits>;
  /** Addresses read at once; 4 unless given. */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 4;

/**
 * What Microsoft Entra ID says about each address: a group (mail-enabled security group, Microsoft 365 group or
 * distribution list) with its users, nested groups expanded; a user; or unknown. Any failure (authentication, a
 * 4xx, a 5xx after retries, a page that cannot be read, an address two objects claim) throws a GraphDirectoryError
 * naming the source and the address: a partial reading is never returned.
 */
export async function readGraphDirectory(config: GraphSourceConfig, addresses: readonly string[], options: GraphReadOptions): Promise<DirectoryReading> {
  const readAt = options.now.toISOString();
  const root = httpsOrigin(config, "endpoint", config.endpoint ?? DEFAULT_GRAPH_ENDPOINT);
  const credential = options.credential ?? (await graphCredential(config, options.environment ?? {}));
  const scope = `${root}/.default`;
  // One token request at a time: the credential caches the token, so the workers after the first get it from
  // the cache rather than each asking Entra ID for one.
  let tokenQueue: Promise<unknown> = Promise.resolve();
  // Named with the address being read when it failed: the first token is asked for on the first address's first call.
  const token = async (address: string): Promise<string> => {
    let accessToken: string | undefined;
    let problem = "no token was returned";
    const attempt = tokenQueue.then(() => credential.getToken(scope));
    tokenQueue = attempt.catch(() => undefined);
    try {
      accessToken = (await attempt)?.token;
    } catch (error) {
      problem = firstLine(error);
    }
    if (!accessToken) {
      throw new GraphDirectoryError(
        config.id,
        address,
        `authentication to Microsoft Entra ID failed (${problem})`,
        "without a token nothing can be read, and the typed members are never used instead",
        `check tenantId ${JSON.stringify(config.tenantId)}, clientId ${JSON.stringify(config.clientId)} and the secret or federated credential of that app registration`,
      );
    }
    return accessToken;
  };
  const limits = { ...DEFAULT_GRAPH_CALL_LIMITS, ...options.limits };
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()))].sort();
  if (wanted.includes("")) throw new GraphDirectoryError(config.id, "", "an empty address was asked for", "an empty address names nobody", "remove it");
  const resolutions: AddressResolution[] = new Array<AddressResolution>(wanted.length);
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  let done = 0;
  // A few addresses at a time (each one's pages in order): a thousand groups in minutes, not an hour, while
  // staying far below Graph's per-application limits. After a failure no new address is started.
  const worker = async () => {
    while (failures.length === 0 && next < wanted.length) {
      const index = next++;
      const address = wanted[index];
      try {
        resolutions[index] = await resolveAddress(root, { source: config.id, address, token: () => token(address), limits }, options.now);
        options.onProgress?.(++done, wanted.length);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, wanted.length) }, worker));
  // The first address's failure, in address order, whatever finished first: the same read fails the same way.
  if (failures.length > 0) throw failures.sort((a, b) => a.index - b.index)[0].error;
  return { source: config.id, kind: "graph", where: root, readAt, resolutions };
}

async function resolveAddress(root: string, context: GraphCallContext, now: Date): Promise<AddressResolution> {
  const { address } = context;
  const groups = await listAll(root, groupsByAddress(root, address), context);
  const users = await listAll(root, usersByAddress(root, address), context);
  if (groups.length + users.length > 1) {
    const found = [...groups.map((g) => `group ${describe(g)}`), ...users.map((u) => `user ${describe(u)}`)].join(", ");
    throw new GraphDirectoryError(
      context.source,
      address,
      `the address belongs to more than one directory object (${found})`,
      "which of them receives the mail cannot be told, so neither is trusted",
      "remove the address from all but one object in Entra ID / Exchange Online",
    );
  }
  if (groups.length === 1) {
    const group = groupFrom(groups[0], context);
    const members = new Map<string, DirectoryMember>();
    for (const item of await listAll(root, transitiveUserMembers(root, group.id), context)) {
      const member = memberFrom(item, now, context);
      members.set(member.id, member);
    }
    return { address, kind: "group", group, members: [...members.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
  }
  if (users.length === 1) return { address, kind: "user", user: memberFrom(users[0], now, context) };
  return { address, kind: "unknown" };
}

function describe(item: unknown): string {
  const o = (typeof item === "object" && item !== null ? item : {}) as { id?: unknown; displayName?: unknown };
  const name = typeof o.displayName === "string" ? ` ${JSON.stringify(o.displayName.slice(0, 80))}` : "";
  return `${String(o.id).slice(0, 64)}${name}`;
}
