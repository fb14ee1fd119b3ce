import { randomBytes } from "node:crypto";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import type { Certificate } from "./certificate";
import { StandInDirectory, type StandInUser } from "./directory";
import { matches, parseFilter } from "./odata-filter";

export interface GraphApiCall {
  seq: number;
  method: string;
  /** Path without the query. */
  path: string;
  /** The decoded query parameters. */
  query: Record<string, string>;
  consistencyLevel?: string;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  /** Token requests: how the client authenticated. */
  clientCredential?: "secret" | "assertion";
  /** "token", "discovery", "groups", "users", "members" or "other". */
  kind: string;
}

/** Faults, each consumed by count: the next N matching Graph requests meet it. */
export interface GraphFaults {
  /** 429 with Retry-After (seconds) for the next `times` Graph requests of `kind` (any when absent). */
  throttle?: { times: number; retryAfterSeconds: number; kind?: string; filterContains?: string };
  /** A status (503, 500, 403, ...) with Graph's error body for the next `times` Graph requests of `kind`. */
  fail?: { times: number; status: number; code: string; message: string; retryAfterSeconds?: number; kind?: string };
  /** The next members page (after `afterPages` good ones) is cut off mid-JSON. */
  garbledMembersPage?: { afterPages: number };
  /** @odata.nextLink on this origin instead of the stand-in's own (a page pointing the token elsewhere). */
  nextLinkOrigin?: string;
  /** The next `times` Graph requests of `kind` are read and never answered (a hung connection). */
  hang?: { times: number; kind?: string };
  /** As an application with GroupMember.Read.All but not User.Read.All sees users: id and type only. */
  limitedUserInfo?: boolean;
}

export interface GraphApiOptions {
  tenantId: string;
  clientId: string;
  /** The client secret the token endpoint accepts. */
  clientSecret?: string;
  /** The federated token (client_assertion) the token endpoint accepts, as workload identity presents it. */
  federatedToken?: string;
  certificate: Certificate;
}

const DEFAULT_USER_FIELDS = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;

class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A local stand-in for Microsoft Entra ID's token endpoint and the Microsoft Graph v1.0 calls the directory
 * reader makes, over https on loopback, behaving as Graph documents: opaque skip tokens, $top capped at 999,
 * the cast on transitiveMembers refused without the advanced query parameters, 401 without a token it issued.
 */
export class GraphApi {
  readonly directory = new StandInDirectory();
  readonly calls: GraphApiCall[] = [];
  faults: GraphFaults = {};
  private readonly tokens = new Set<string>();
  private readonly skipTokens = new Map<string, { path: string; query: Record<string, string>; offset: number }>();
  private server?: https.Server;
  private baseUrl?: string;

  constructor(readonly options: GraphApiOptions) {}

  get url(): string {
    if (!this.baseUrl) throw new Error("GraphApi is not listening; use startGraphApi()");
    return this.baseUrl;
  }

  /** Calls of one kind (token, discovery, groups, users, members). */
  callsOf(kind: string): GraphApiCall[] {
    return this.calls.filter((c) => c.kind === kind);
  }

  async listen(): Promise<void> {
    const server = https.createServer({ cert: this.options.certificate.cert, key: this.options.certificate.key }, (req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "https://127.0.0.1");
      const query = Object.fromEntries(url.searchParams.entries());
      const call: GraphApiCall = {
        seq: this.calls.length + 1,
        method: req.method ?? "GET",
        path: url.pathname,
        query,
        status: 0,
        at: Date.now(),
        kind: kindOf(url.pathname),
      };
      const consistency = req.headers.consistencylevel;
      if (typeof consistency === "string") call.consistencyLevel = consistency;
      this.calls.push(call);
      const hang = this.faults.hang;
      if (hang && hang.times > 0 && (!hang.kind || hang.kind === call.kind) && ["groups", "users", "members"].includes(call.kind)) {
        hang.times--;
        call.status = -1;
        return;
      }
      let status = 200;
      let body: string;
      let headers: Record<string, string> = {};
      try {
        body = this.dispatch(call, req, Buffer.concat(chunks).toString("utf8"));
      } catch (e) {
        if (!(e instanceof GraphFault)) throw e;
        if (e instanceof GarbledPage) {
          // A page cut off mid-transfer: status 200, JSON that ends in the middle of an entry.
          call.status = 200;
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"value":[{"id":"');
          return;
        }
        status = e.status;
        headers = e.headers;
        body =
          call.kind === "token"
            ? JSON.stringify({ error: e.code, error_description: e.message, error_codes: [7000215] })
            : JSON.stringify({ error: { code: e.code, message: e.message, innerError: { date: new Date().toISOString() } } });
      }
      call.status = status;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body);
    });
  }

  private dispatch(call: GraphApiCall, req: IncomingMessage, rawBody: string): string {
    const tenant = this.options.tenantId;
    if (call.kind === "discovery") {
      if (call.path !== `/${tenant}/v2.0/.well-known/openid-configuration`)
        throw new GraphFault(400, "invalid_tenant", `Tenant '${call.path.split("/")[1]}' not found.`);
      const base = `${this.url}/${tenant}`;
      return JSON.stringify({
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        issuer: `${this.url}/${tenant}/v2.0`,
        jwks_uri: `${this.url}/${tenant}/discovery/v2.0/keys`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      });
    }
    if (call.kind === "token") return this.token(call, rawBody);
    if (call.kind === "other") throw new GraphFault(400, "BadRequest", `Resource not found for the segment '${call.path}'.`);
    this.authenticate(req);
    this.injectFaults(call);
    return JSON.stringify(this.graph(call));
  }

  private token(call: GraphApiCall, rawBody: string): string {
    if (call.path !== `/${this.options.tenantId}/oauth2/v2.0/token`) throw new GraphFault(400, "invalid_request", "AADSTS90002: Tenant not found.");
    const form = new URLSearchParams(rawBody);
    const secretOk = this.options.clientSecret !== undefined && form.get("client_secret") === this.options.clientSecret;
    const assertionOk =
      this.options.federatedToken !== undefined &&
      form.get("client_assertion_type") === "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" &&
      form.get("client_assertion") === this.options.federatedToken;
    if (form.get("grant_type") !== "client_credentials") throw new GraphFault(400, "unsupported_grant_type", "AADSTS70003: unsupported grant type");
    if (form.get("client_id") !== this.options.clientId)
      throw new GraphFault(400, "unauthorized_client", "AADSTS700016: Application not found in the directory.");
    if (!secretOk && !assertionOk) throw new GraphFault(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
    call.clientCredential = secretOk ? "secret" : "assertion";
    if (form.get("scope") !== `${this.url}/.default`)
      throw new GraphFault(400, "invalid_scope", `AADSTS70011: The provided value for scope ${form.get("scope")} is not valid.`);
    const token = randomBytes(24).toString("base64url");
    this.tokens.add(token);
    return JSON.stringify({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }

  private authenticate(req: IncomingMessage): void {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer) throw new GraphFault(401, "InvalidAuthenticationToken", "Access token is empty.");
    if (!this.tokens.has(bearer)) throw new GraphFault(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
  }

  private injectFaults(call: GraphApiCall): void {
    const { throttle, fail } = this.faults;
    const filterMatches = !throttle?.filterContains || (call.query.$filter ?? "").includes(throttle.filterContains);
    if (throttle && throttle.times > 0 && (!throttle.kind || throttle.kind === call.kind) && filterMatches) {
      throttle.times--;
      throw new GraphFault(429, "TooManyRequests", "Too many requests.", { "retry-after": String(throttle.retryAfterSeconds) });
    }
    if (fail && fail.times > 0 && (!fail.kind || fail.kind === call.kind)) {
      fail.times--;
      const headers: Record<string, string> = fail.retryAfterSeconds === undefined ? {} : { "retry-after": String(fail.retryAfterSeconds) };
      throw new GraphFault(fail.status, fail.code, fail.message, headers);
    }
  }

  private graph(call: GraphApiCall): Record<string, unknown> {
    let { query } = call;
    let offset = 0;
    if (query.$skiptoken !== undefined) {
      const saved = this.skipTokens.get(query.$skiptoken);
      if (!saved || saved.path !== call.path)
        throw new GraphFault(400, "Request_BadRequest", "The specified page token value has expired and can no longer be included in your request.");
      ({ query, offset } = saved);
    }
    const top = query.$top === undefined ? DEFAULT_PAGE : Number(query.$top);
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE) {
      throw new GraphFault(400, "Request_BadRequest", `Invalid page size specified: '${query.$top}'. Must be between 1 and ${MAX_PAGE} inclusive.`);
    }
    const advanced = call.consistencyLevel === "eventual" && query.$count === "true";
    let items: Record<string, unknown>[];
    if (call.kind === "members") {
      // learn.microsoft.com/graph/aad-advanced-queries: "Use of OData cast with transitive members list" is advanced-only.
      if (!advanced) throw new GraphFault(400, "Request_UnsupportedQuery", "The specified filter to the reference property query is currently not supported.");
      const groupId = call.path.split("/")[3];
      if (!this.directory.groups.has(groupId))
        throw new GraphFault(
          404,
          "Request_ResourceNotFound",
          `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`,
        );
      items = this.directory.transitiveUsers(groupId).map((u) => this.userFields(u, query.$select));
      const garble = this.faults.garbledMembersPage;
      if (garble && garble.afterPages-- === 0) throw new GarbledPage();
    } else {
      const clauses = query.$filter === undefined ? [] : parseFilter(query.$filter);
      if (!clauses) throw new GraphFault(400, "BadRequest", `Invalid filter clause: syntax error in ${JSON.stringify(query.$filter)}.`);
      if (call.kind === "groups") {
        items = [...this.directory.groups.values()]
          .filter((g) => clauses.length === 0 || matches(clauses, g))
          .map((g) =>
            pick(
              { ...g, "@odata.type": undefined, members: undefined },
              query.$select?.split(",") ?? ["id", "displayName", "mail", "mailEnabled", "securityEnabled", "proxyAddresses"],
            ),
          );
      } else {
        items = [...this.directory.users.values()].filter((u) => clauses.length === 0 || matches(clauses, u)).map((u) => this.userFields(u, query.$select));
      }
    }
    const page = items.slice(offset, offset + top);
    const body: Record<string, unknown> = { "@odata.context": `${this.url}/v1.0/$metadata#${call.kind}` };
    if (advanced) body["@odata.count"] = items.length;
    body.value = page;
    if (offset + top < items.length) {
      const token = randomBytes(18).toString("base64url");
      this.skipTokens.set(token, { path: call.path, query, offset: offset + top });
      body["@odata.nextLink"] =
        `${this.faults.nextLinkOrigin ?? this.url}${call.path}?${new URLSearchParams({ ...pickQuery(query), $skiptoken: token }).toString()}`;
    }
    return body;
  }

  private userFields(user: StandInUser, select: string | undefined): Record<string, unknown> {
    if (this.faults.limitedUserInfo) return { "@odata.type": "#microsoft.graph.user", id: user.id };
    const fields = select?.split(",") ?? DEFAULT_USER_FIELDS;
    return pick({ ...user, mail: user.mail ?? null }, fields);
  }
}

class GarbledPage extends GraphFault {
  constructor() {
    super(200, "", "");
  }
}

function pick(object: object, fields: readonly string[]): Record<string, unknown> {
  const source = object as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Graph returns every selected property, null when unset.
  for (const f of fields) out[f] = source[f] === undefined ? null : source[f];
  return out;
}

function pickQuery(query: Record<string, string>): Record<string, string> {
  const { $skiptoken: _skip, ...rest } = query;
  void _skip;
  return rest;
}

function kindOf(path: string): string {
  if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) return "token";
  if (/\/\.well-known\/openid-configuration$/.test(path) || path.includes("/discovery/")) return "discovery";
  if (path === "/v1.0/groups") return "groups";
  if (path === "/v1.0/users") return "users";
  if (/^\/v1\.0\/groups\/[^/]+\/transitiveMembers\/microsoft\.graph\.user$/.test(path)) return "members";
  return "other";
}

export async function startGraphApi(options: GraphApiOptions): Promise<GraphApi> {
  const api = new GraphApi(options);
  await api.listen();
  return api;
}
