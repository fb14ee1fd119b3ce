import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

import { ApiError } from "./api-error";
import { checkRate, resolveRateLimits, seededRandom, TokenBucket } from "./faults";
import { OrganizationModel, organizationsError } from "./organizations";
import { ORGANIZATIONS_OPERATIONS, ORGANIZATIONS_TARGET_PREFIX, type OrganizationsOperation } from "./organizations-types";
import { LaggingStore } from "./store";
import {
  ALTERNATE_CONTACT_TYPES,
  ERROR_STATUS,
  OPERATION_PATHS,
  type AccountApiCall,
  type AccountApiErrorCode,
  type ApiOperation,
  type AccountApiOperation,
  type AccountApiOptions,
  type AccountApiSnapshot,
  type AccountSnapshot,
  type AlternateContact,
  type AlternateContactInput,
  type AlternateContactType,
  type ContactInformation,
  type EventualConsistencyOptions,
  type FaultKind,
} from "./types";
import {
  ACCOUNT_ID_PATTERN,
  isAlternateContactType,
  pickContactInformation,
  validateAccountIdOnly,
  validateAlternateContactKey,
  validateContactInformation,
  validatePutAlternateContact,
  validatePutContactInformation,
  validationMessage,
  type FieldViolation,
} from "./validation";

const MAX_BODY_BYTES = 64 * 1024;

const OPERATION_BY_PATH: ReadonlyMap<string, AccountApiOperation> = new Map(
  Object.entries(OPERATION_PATHS).map(([op, path]) => [path, op as AccountApiOperation]),
);

function accountError(code: AccountApiErrorCode, message: string, extra: Record<string, unknown> = {}, fault?: FaultKind): ApiError {
  return new ApiError(code, ERROR_STATUS[code], message, extra, fault);
}

function validationError(violations: readonly FieldViolation[]): ApiError {
  return accountError("ValidationException", validationMessage(violations), {
    reason: "fieldValidationFailed",
    fieldList: violations.map((v) => ({ name: v.name, message: v.message })),
  });
}

interface ResolvedConsistency {
  staleReads: number;
  alternateContacts: boolean;
  contactInformation: boolean;
}

function resolveConsistency(option: boolean | EventualConsistencyOptions | undefined): ResolvedConsistency {
  if (!option) return { staleReads: 0, alternateContacts: false, contactInformation: false };
  const o: EventualConsistencyOptions = option === true ? {} : option;
  const staleReads = o.staleReads ?? 1;
  if (!Number.isInteger(staleReads) || staleReads < 0) throw new Error(`staleReads must be a non-negative integer, got ${staleReads}`);
  return { staleReads, alternateContacts: o.alternateContacts ?? true, contactInformation: o.contactInformation ?? false };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

// The provider signs every request; only the credential scope is read (no signature
// check), which is enough to see which region and service the SDK resolved.
function parseCredentialScope(authorization: string | undefined): AccountApiCall["credentialScope"] | undefined {
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : undefined;
}

export type FaultSettings = Pick<
  AccountApiOptions,
  | "throttleRate"
  | "errorRate"
  | "maxFaultsPerInvocation"
  | "eventualConsistency"
  | "rateLimit"
  | "seed"
  | "denied"
  | "organizationNotInUse"
  | "firstCalls"
  | "unansweredAccounts"
  | "repeatingNextToken"
>;

/**
 * Local stand-in for the AWS Account Management API and the AWS Organizations read API, as seen by the
 * organization's management account. One server answers both: the SDK's restJson1 Account client posts to
 * `/getAlternateContact` etc., its awsJson1_1 Organizations client posts to `/` with an `X-Amz-Target`.
 */
export class AccountApi {
  readonly managementAccountId: string;
  readonly memberAccountIds: readonly string[];
  /** The organization's tree; `organization.moveAccount()` changes it. */
  readonly organization: OrganizationModel;

  /** Authoritative state (what a consistent read would return), for assertions. */
  readonly state = {
    alternate: (accountId: string, type: AlternateContactType): AlternateContact | undefined => clone(this.alternates.peek(altKey(accountId, type))),
    contactInformation: (accountId: string): ContactInformation | undefined => clone(this.contacts.peek(accountId)),
  };

  private readonly alternates = new LaggingStore<AlternateContact>();
  private readonly contacts = new LaggingStore<ContactInformation>();
  private readonly log: AccountApiCall[] = [];
  private readonly clock: () => number;
  private readonly sentAtHeader?: string;
  private readonly requireSignature: boolean;
  private throttleRate = 0;
  private errorRate = 0;
  private maxFaultsPerInvocation = Infinity;
  private readonly faultsByInvocation = new Map<string, number>();
  private consistency: ResolvedConsistency = resolveConsistency(false);
  private buckets = new Map<ApiOperation, TokenBucket>();
  private deniedOperations = new Set<string>();
  private deniedAccounts = new Set<string>();
  private organizationNotInUse = false;
  private firstCalls = { throttle: 0, error: 0 };
  /** Calls seen so far by account (Account Management) or operation (Organizations), for firstCalls. */
  private readonly callsBy = new Map<string, number>();
  private unansweredAccounts = new Set<string>();
  private random: () => number = seededRandom(1);
  private seeded = false;
  private server?: http.Server;
  private baseUrl?: string;

  constructor(options: AccountApiOptions) {
    const ids = [options.managementAccountId, ...options.memberAccountIds];
    for (const id of ids) {
      if (!ACCOUNT_ID_PATTERN.test(id)) throw new Error(`account ids must be 12 digits, got ${JSON.stringify(id)}`);
    }
    if (new Set(ids).size !== ids.length) throw new Error("account ids must be distinct (the management account is not a member)");
    this.managementAccountId = options.managementAccountId;
    this.memberAccountIds = [...options.memberAccountIds];
    this.clock = options.clock ?? Date.now;
    this.sentAtHeader = options.sentAtHeader?.toLowerCase();
    this.requireSignature = options.requireSignature ?? true;
    this.organization = new OrganizationModel(options.managementAccountId, ids, options.organization);
    this.setFaults(options);
  }

  get url(): string {
    if (!this.baseUrl) throw new Error("AccountApi is not listening; use startAccountApi()");
    return this.baseUrl;
  }

  /** Replaces the fault settings given; omitted ones keep their value. A new seed restarts the fault sequence. */
  setFaults(settings: FaultSettings): void {
    if ("throttleRate" in settings) this.throttleRate = checkRate("throttleRate", settings.throttleRate);
    if ("errorRate" in settings) this.errorRate = checkRate("errorRate", settings.errorRate);
    if (this.throttleRate + this.errorRate > 1) throw new Error("throttleRate + errorRate must not exceed 1");
    if ("maxFaultsPerInvocation" in settings) {
      const m = settings.maxFaultsPerInvocation ?? Infinity;
      if (!(m >= 0)) throw new Error(`maxFaultsPerInvocation must be >= 0, got ${m}`);
      this.maxFaultsPerInvocation = m;
    }
    if ("eventualConsistency" in settings) this.consistency = resolveConsistency(settings.eventualConsistency);
    if ("rateLimit" in settings) {
      this.buckets = new Map(
        Object.entries(resolveRateLimits(settings.rateLimit)).map(([op, limit]) => [op as ApiOperation, new TokenBucket(limit, this.clock)]),
      );
    }
    if ("denied" in settings) {
      this.deniedOperations = new Set(settings.denied?.operations ?? []);
      this.deniedAccounts = new Set(settings.denied?.accounts ?? []);
    }
    if ("organizationNotInUse" in settings) this.organizationNotInUse = settings.organizationNotInUse === true;
    if ("firstCalls" in settings) {
      const { throttle = 0, error = 0 } = settings.firstCalls ?? {};
      if (!(Number.isInteger(throttle) && throttle >= 0 && Number.isInteger(error) && error >= 0))
        throw new Error(`firstCalls needs whole numbers >= 0, got ${JSON.stringify(settings.firstCalls)}`);
      this.firstCalls = { throttle, error };
      this.callsBy.clear();
    }
    if ("unansweredAccounts" in settings) this.unansweredAccounts = new Set(settings.unansweredAccounts ?? []);
    if ("repeatingNextToken" in settings) this.organization.repeatingNextToken = settings.repeatingNextToken;
    if ("seed" in settings || !this.seeded) {
      this.random = seededRandom(settings.seed ?? 1);
      this.seeded = true;
    }
  }

  /** Turns every fault off (state and call log are kept). */
  clearFaults(): void {
    this.setFaults({
      throttleRate: 0,
      errorRate: 0,
      eventualConsistency: false,
      rateLimit: undefined,
      denied: undefined,
      organizationNotInUse: false,
      firstCalls: undefined,
      unansweredAccounts: undefined,
      repeatingNextToken: undefined,
    });
  }

  get calls(): readonly AccountApiCall[] {
    return this.log;
  }

  /** Number of calls per operation, optionally only those matching `filter`. */
  callCounts(filter: (c: AccountApiCall) => boolean = () => true): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const c of this.log) if (filter(c)) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
    return counts;
  }

  resetCalls(): void {
    this.log.length = 0;
  }

  seedAlternateContact(accountId: string, type: AlternateContactType, contact: AlternateContactInput): void {
    this.assertKnownAccount(accountId);
    const violations = validatePutAlternateContact({ ...contact, AlternateContactType: type });
    if (violations.length) throw new Error(`invalid seed: ${validationMessage(violations)}`);
    this.alternates.write(altKey(accountId, type), { AlternateContactType: type, ...pickAlternate(contact) }, 0);
  }

  /** Removes an alternate contact as if it had been deleted long ago (no stale reads). */
  unseedAlternateContact(accountId: string, type: AlternateContactType): void {
    this.assertKnownAccount(accountId);
    this.alternates.write(altKey(accountId, type), undefined, 0);
  }

  seedContactInformation(accountId: string, info: ContactInformation): void {
    this.assertKnownAccount(accountId);
    const violations = validateContactInformation(info);
    if (violations.length) throw new Error(`invalid seed: ${validationMessage(violations)}`);
    this.contacts.write(accountId, pickContactInformation(info as unknown as Record<string, unknown>), 0);
  }

  /** Everything the API holds, as plain JSON (accounts and contact types in sorted order). */
  snapshot(): AccountApiSnapshot {
    const accounts: Record<string, AccountSnapshot> = {};
    for (const id of [this.managementAccountId, ...this.memberAccountIds].sort()) {
      const alternateContacts: AccountSnapshot["alternateContacts"] = {};
      for (const t of ALTERNATE_CONTACT_TYPES) {
        const c = this.alternates.peek(altKey(id, t));
        if (c) alternateContacts[t] = clone(c);
      }
      const contactInformation = this.contacts.peek(id);
      accounts[id] = contactInformation ? { alternateContacts, contactInformation: clone(contactInformation) } : { alternateContacts };
    }
    return JSON.parse(
      JSON.stringify({ managementAccountId: this.managementAccountId, memberAccountIds: [...this.memberAccountIds], accounts }),
    ) as AccountApiSnapshot;
  }

  async listen(host = "127.0.0.1", port = 0): Promise<void> {
    if (!isLoopback(host)) throw new Error(`the local Account API only listens on loopback, not ${host}`);
    if (this.server) throw new Error("already listening");
    const server = http.createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    const addr = server.address() as AddressInfo;
    const hostPart = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
    this.baseUrl = `http://${hostPart}:${addr.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // The provider keeps idle connections open; without this close() waits for them.
      server.closeAllConnections();
    });
  }

  private assertKnownAccount(accountId: string): void {
    if (accountId !== this.managementAccountId && !this.memberAccountIds.includes(accountId)) {
      throw new Error(`${accountId} is not in the organization`);
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0];
      const target = req.headers["x-amz-target"];
      const protocol: Protocol = typeof target === "string" ? "awsJson1_1" : "restJson1";
      const call: AccountApiCall = {
        seq: this.log.length + 1,
        at: this.clock(),
        operation: protocol === "awsJson1_1" ? organizationsOperation(String(target), path) : (OPERATION_BY_PATH.get(path) ?? "Unknown"),
        path,
        status: 0,
        credentialScope: parseCredentialScope(req.headers.authorization),
      };
      const attempt = /attempt=(\d+)/.exec(String(req.headers["amz-sdk-request"] ?? ""));
      if (attempt) call.attempt = Number(attempt[1]);
      const invocation = req.headers["amz-sdk-invocation-id"];
      if (typeof invocation === "string") call.invocationId = invocation;
      const sentAt = this.sentAtHeader ? Number(req.headers[this.sentAtHeader]) : NaN;
      if (Number.isFinite(sentAt)) call.sentAt = sentAt;
      this.log.push(call);
      if (protocol === "restJson1" && this.neverAnswered(call, Buffer.concat(chunks).toString("utf8"))) return;
      let status: number;
      let payload: unknown;
      let errorCode: string | undefined;
      try {
        if (tooLarge) throw accountError("SerializationException", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
        payload = this.dispatch(req.method ?? "GET", call, protocol, Buffer.concat(chunks).toString("utf8"));
        status = 200;
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError("InternalServerException", 500, `stand-in bug: ${(e as Error).stack ?? String(e)}`);
        status = error.status;
        errorCode = error.code;
        // awsJson1_1 clients read the code from the body's __type first and the message from Message.
        payload = protocol === "awsJson1_1" ? { __type: error.code, Message: error.message, ...error.extra } : { message: error.message, ...error.extra };
        if (error.fault) call.fault = error.fault;
      }
      call.status = status;
      call.errorCode = errorCode;
      const headers: http.OutgoingHttpHeaders = {
        "content-type": protocol === "awsJson1_1" ? "application/x-amz-json-1.1" : "application/json",
        "x-amzn-requestid": randomUUID(),
      };
      // restjson clients (aws-sdk-go-v2's restjson.GetErrorInfo, used by the provider)
      // take the error code from this header first, then from a body "code"/"__type".
      if (errorCode) headers["x-amzn-errortype"] = errorCode;
      // Successful writes answer 200 with an empty body, as the reference documents.
      const body = payload === undefined ? "" : JSON.stringify(payload);
      headers["content-length"] = Buffer.byteLength(body);
      res.writeHead(status, headers);
      res.end(body);
    });
  }

  private dispatch(method: string, call: AccountApiCall, protocol: Protocol, rawBody: string): unknown {
    if (method !== "POST" || call.operation === "Unknown") {
      throw accountError("UnknownOperationException", `No operation at ${method} ${call.path}`);
    }
    const op = call.operation;
    // Parsed before the fault checks only so the call log names the target of faulted
    // requests too; an unparseable body is still reported after them.
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = rawBody.trim() === "" ? {} : JSON.parse(rawBody);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    if (typeof body?.AccountId === "string") call.requestedAccountId = body.AccountId;
    if (typeof body?.AlternateContactType === "string") call.alternateContactType = body.AlternateContactType;

    if (this.requireSignature && !call.credentialScope) {
      throw accountError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    // Throttling and server faults happen in front of the service, before the body is looked at.
    const bucket = this.buckets.get(op);
    if (bucket && !bucket.take(call.sentAt)) throw throttled(protocol, "rate-limit");
    // One draw per request whatever the outcome, so a seed always yields the same sequence.
    const r = this.random();
    const fault: FaultKind | undefined = r < this.throttleRate ? "throttle" : r < this.throttleRate + this.errorRate ? "error" : undefined;
    const counted = this.countedFault(call, protocol === "awsJson1_1" ? op : (body?.AccountId ?? this.managementAccountId));
    if (counted === "throttle") throw throttled(protocol, "throttle");
    if (counted === "error") throw serverError(protocol);
    if (fault && this.takeFaultBudget(call.invocationId)) {
      if (fault === "throttle") throw throttled(protocol, "throttle");
      throw serverError(protocol);
    }
    if (this.deniedOperations.has(op)) {
      const service = protocol === "awsJson1_1" ? "organizations" : "account";
      const error = `User: arn:aws:iam::${this.managementAccountId}:user/contacts is not authorized to perform: ${service}:${op}`;
      throw protocol === "awsJson1_1" ? organizationsError("AccessDeniedException", error) : accountError("AccessDeniedException", error);
    }
    if (protocol === "awsJson1_1") {
      if (!body) throw new ApiError("SerializationException", 400, "Request body is not a JSON object");
      if (this.organizationNotInUse) {
        throw organizationsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
      }
      return this.organization.dispatch(op as OrganizationsOperation, body);
    }
    if (!body) throw accountError("SerializationException", "Request body is not a JSON object");

    const idViolations = validateAccountIdOnly(body);
    if (idViolations.length) throw validationError(idViolations);
    const accountOperation = op as AccountApiOperation;
    const target = this.authorize(accountOperation, body.AccountId as string | undefined);
    call.targetAccountId = target;

    switch (accountOperation) {
      case "PutAlternateContact": {
        const v = validatePutAlternateContact(body);
        if (v.length) throw validationError(v);
        const type = body.AlternateContactType as AlternateContactType;
        const contact: AlternateContact = { AlternateContactType: type, ...pickAlternate(body) };
        this.alternates.write(altKey(target, type), contact, this.staleReads("alternate"));
        return undefined;
      }
      case "GetAlternateContact": {
        const v = validateAlternateContactKey(body);
        if (v.length) throw validationError(v);
        const type = body.AlternateContactType as AlternateContactType;
        const { value, stale } = this.alternates.read(altKey(target, type));
        if (stale) call.stale = true;
        if (!value) throw accountError("ResourceNotFoundException", "No contact of the inputted alternate contact type found.");
        return { AlternateContact: clone(value) };
      }
      case "DeleteAlternateContact": {
        const v = validateAlternateContactKey(body);
        if (v.length) throw validationError(v);
        const type = body.AlternateContactType;
        if (!isAlternateContactType(type)) throw new Error("unreachable: type validated above");
        const key = altKey(target, type);
        // Deleting consults the authoritative copy: AWS documents that a second delete of
        // the same contact fails with ResourceNotFound, whatever readers still see.
        if (!this.alternates.peek(key)) {
          throw accountError("ResourceNotFoundException", "No contact of the inputted alternate contact type found.");
        }
        this.alternates.write(key, undefined, this.staleReads("alternate"));
        return undefined;
      }
      case "PutContactInformation": {
        const v = validatePutContactInformation(body);
        if (v.length) throw validationError(v);
        const info = pickContactInformation(body.ContactInformation as Record<string, unknown>);
        this.contacts.write(target, info, this.staleReads("contact"));
        return undefined;
      }
      case "GetContactInformation": {
        const { value, stale } = this.contacts.read(target);
        if (stale) call.stale = true;
        if (!value) throw accountError("ResourceNotFoundException", "The contact information for this account was not found.");
        return { ContactInformation: clone(value) };
      }
    }
  }

  /** firstCalls: the fault this call meets on its first attempt, counted per account or operation (`key`). */
  private countedFault(call: AccountApiCall, key: unknown): "throttle" | "error" | undefined {
    const { throttle, error } = this.firstCalls;
    if (throttle + error === 0 || (call.attempt ?? 1) > 1) return undefined;
    const seen = this.callsBy.get(String(key)) ?? 0;
    this.callsBy.set(String(key), seen + 1);
    return seen < throttle ? "throttle" : seen < throttle + error ? "error" : undefined;
  }

  /** unansweredAccounts: an Account Management call on one of them is logged and never answered. */
  private neverAnswered(call: AccountApiCall, rawBody: string): boolean {
    if (this.unansweredAccounts.size === 0) return false;
    let accountId: unknown;
    try {
      accountId = (JSON.parse(rawBody) as { AccountId?: unknown } | null)?.AccountId;
    } catch {
      return false;
    }
    const target = typeof accountId === "string" ? accountId : this.managementAccountId;
    if (!this.unansweredAccounts.has(target)) return false;
    call.requestedAccountId = typeof accountId === "string" ? accountId : undefined;
    call.unanswered = true;
    return true;
  }

  private takeFaultBudget(invocationId: string | undefined): boolean {
    if (this.maxFaultsPerInvocation === Infinity || invocationId === undefined) return true;
    const used = this.faultsByInvocation.get(invocationId) ?? 0;
    if (used >= this.maxFaultsPerInvocation) return false;
    this.faultsByInvocation.set(invocationId, used + 1);
    return true;
  }

  private staleReads(family: "alternate" | "contact"): number {
    const c = this.consistency;
    const on = family === "alternate" ? c.alternateContacts : c.contactInformation;
    return on ? c.staleReads : 0;
  }

  /** Resolves the account a request acts on, as the organization's management account calling. */
  private authorize(op: AccountApiOperation, accountId: string | undefined): string {
    const target = this.resolveTarget(op, accountId);
    if (this.deniedAccounts.has(target)) {
      throw accountError(
        "AccessDeniedException",
        `User: arn:aws:iam::${this.managementAccountId}:user/contacts is not authorized to perform: account:${op} on resource: arn:aws:account::${this.managementAccountId}:account/${target}`,
      );
    }
    return target;
  }

  private resolveTarget(op: AccountApiOperation, accountId: string | undefined): string {
    if (accountId === undefined) return this.managementAccountId;
    if (accountId === this.managementAccountId) {
      // AWS documents this rule but not its wording; the code is what clients act on.
      throw accountError(
        "AccessDeniedException",
        `The management account can't specify its own AccountId (${accountId}) for account:${op}; ` + "omit AccountId to act on the management account",
      );
    }
    if (!this.memberAccountIds.includes(accountId)) {
      throw accountError(
        "AccessDeniedException",
        `User: arn:aws:iam::${this.managementAccountId}:user/terraform is not authorized to perform: account:${op} ` +
          `on resource: arn:aws:account::${this.managementAccountId}:account/${accountId} ` +
          "(the account is not a member of this organization)",
      );
    }
    return accountId;
  }
}

type Protocol = "restJson1" | "awsJson1_1";

/** The Organizations operation an X-Amz-Target names (only at `/`, as the JSON protocols post). */
function organizationsOperation(target: string, path: string): OrganizationsOperation | "Unknown" {
  const name = target.startsWith(ORGANIZATIONS_TARGET_PREFIX) ? target.slice(ORGANIZATIONS_TARGET_PREFIX.length) : "";
  return path === "/" && (ORGANIZATIONS_OPERATIONS as readonly string[]).includes(name) ? (name as OrganizationsOperation) : "Unknown";
}

function throttled(protocol: Protocol, fault: FaultKind): ApiError {
  if (protocol === "awsJson1_1") {
    return new ApiError(
      "TooManyRequestsException",
      429,
      "AWS Organizations can't complete your request because another request is already in progress.",
      { Type: "" },
      fault,
    );
  }
  return accountError("TooManyRequestsException", "Rate exceeded", {}, fault);
}

function serverError(protocol: Protocol): ApiError {
  if (protocol === "awsJson1_1") {
    return new ApiError(
      "ServiceException",
      500,
      "AWS Organizations can't complete your request because of an internal service error. Try again later.",
      {},
      "error",
    );
  }
  return accountError("InternalServerException", "We encountered an internal error. Please try again.", {}, "error");
}

function altKey(accountId: string, type: AlternateContactType): string {
  return `${accountId}/${type}`;
}

function pickAlternate(src: Record<string, unknown> | AlternateContactInput): AlternateContactInput {
  const s = src as Record<string, unknown>;
  return {
    EmailAddress: s.EmailAddress as string,
    Name: s.Name as string,
    PhoneNumber: s.PhoneNumber as string,
    Title: s.Title as string,
  };
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Starts the stand-in on loopback (an ephemeral port unless `port` is given). */
export async function startAccountApi(options: AccountApiOptions): Promise<AccountApi> {
  const api = new AccountApi(options);
  await api.listen(options.host, options.port);
  return api;
}

export interface InvokeResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or undefined for an empty body. */
  body: unknown;
}

/**
 * Sends one request the way a restjson client would, with a placeholder SigV4
 * Authorization header (signatures are not verified). For tests that exercise the
 * stand-in without Terraform.
 */
export function invokeAccountApi(
  url: string,
  operation: AccountApiOperation,
  body: Record<string, unknown> = {},
  opts: { signed?: boolean } = {},
): Promise<InvokeResult> {
  const payload = JSON.stringify(body);
  const target = new URL(OPERATION_PATHS[operation], url);
  const headers: http.OutgoingHttpHeaders = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
  };
  if (opts.signed ?? true) {
    headers.authorization = "AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/20250101/us-east-1/account/aws4_request, SignedHeaders=host, Signature=0";
  }
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) });
        } catch (e) {
          reject(new Error(`non-JSON response ${res.statusCode}: ${text}`, { cause: e }));
        }
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}
