import type { TokenCredential } from "@azure/identity";

import type { AddressResolution, DirectoryMember, DirectoryReading, GraphSourceConfig } from "../../model/directory-reading";
import { DEFAULT_GRAPH_ENDPOINT, firstLine, graphCredential, httpsOrigin, type GraphCredentialEnvironment } from "./graph-credential";
import { GraphDirectoryError } from "./graph-errors";
import { DEFAULT_GRAPH_CALL_LIMITS, getGraphJson, type GraphCallContext, type GraphCallLimits } from "./graph-http";
import { groupFrom, memberFrom } from "./graph-members";
import { groupsByAddress, transitiveUserMembers, usersByAddress, type GraphRequest } from "./odata";

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
}

// A bound on pages per listing: 10,000 pages of 999 is ten million entries, far past any contact group; a
// listing that goes on longer is a server that never stops, not a group.
const MAX_PAGES = 10_000;

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
  // Named with the address being read when it failed: the first token is asked for on the first address's first call.
  const token = async (address: string): Promise<string> => {
    let accessToken: string | undefined;
    let problem = "no token was returned";
    try {
      accessToken = (await credential.getToken(scope))?.token;
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
  const resolutions: AddressResolution[] = [];
  for (const address of wanted) {
    if (address === "") throw new GraphDirectoryError(config.id, address, "an empty address was asked for", "an empty address names nobody", "remove it");
    resolutions.push(await resolveAddress(root, { source: config.id, address, token: () => token(address), limits }, options.now));
    options.onProgress?.(resolutions.length, wanted.length);
  }
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

/** Every entry of a listing, following @odata.nextLink as Graph gives it (opaque: never built, never changed). */
async function listAll(root: string, first: GraphRequest, context: GraphCallContext): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let request: GraphRequest | undefined = first;
  while (request) {
    if (seen.size >= MAX_PAGES) throw pageError(context, `the listing went on past ${MAX_PAGES} pages`);
    seen.add(request.url);
    const page = await getGraphJson(request, context);
    items.push(...(page.value as unknown[]));
    const next = page["@odata.nextLink"];
    if (next === undefined || next === null) break;
    // The next page gets the bearer token: only from Graph's own origin, and a link seen before is a loop.
    if (typeof next !== "string" || !sameOrigin(next, root))
      throw pageError(context, `@odata.nextLink ${JSON.stringify(String(next).slice(0, 200))} is not on ${root}`);
    if (seen.has(next)) throw pageError(context, "@odata.nextLink repeats a page already read");
    request = { url: next, advanced: first.advanced };
  }
  return items;
}

function sameOrigin(url: string, root: string): boolean {
  try {
    return new URL(url).origin === root;
  } catch {
    return false;
  }
}

function pageError(context: GraphCallContext, what: string): GraphDirectoryError {
  return new GraphDirectoryError(
    context.source,
    context.address,
    what,
    "a listing that cannot be followed may hide members",
    "run the read again; if it persists, report it with this message",
  );
}

function describe(item: unknown): string {
  const o = (typeof item === "object" && item !== null ? item : {}) as { id?: unknown; displayName?: unknown };
  const name = typeof o.displayName === "string" ? ` ${JSON.stringify(o.displayName.slice(0, 80))}` : "";
  return `${String(o.id).slice(0, 64)}${name}`;
}
