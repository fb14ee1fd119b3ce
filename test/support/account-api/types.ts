// Shapes of the AWS Account Management API (service "account", API version 2021-02-01),
// restricted to the contact operations this project manages.
// Reference: https://docs.aws.amazon.com/accounts/latest/reference/API_Operations.html
// The Organizations API the same server answers is in organizations-types.ts.

import type { OrganizationOptions, OrganizationsOperation } from "./organizations-types";

export const ALTERNATE_CONTACT_TYPES = ["BILLING", "OPERATIONS", "SECURITY"] as const;
export type AlternateContactType = (typeof ALTERNATE_CONTACT_TYPES)[number];

export interface AlternateContact {
  AlternateContactType: AlternateContactType;
  EmailAddress: string;
  Name: string;
  PhoneNumber: string;
  Title: string;
}

export type AlternateContactInput = Omit<AlternateContact, "AlternateContactType">;

export interface ContactInformation {
  FullName: string;
  PhoneNumber: string;
  AddressLine1: string;
  AddressLine2?: string;
  AddressLine3?: string;
  City: string;
  CompanyName?: string;
  CountryCode: string;
  DistrictOrCounty?: string;
  PostalCode: string;
  StateOrRegion?: string;
  WebsiteUrl?: string;
}

export const ACCOUNT_API_OPERATIONS = [
  "PutAlternateContact",
  "GetAlternateContact",
  "DeleteAlternateContact",
  "PutContactInformation",
  "GetContactInformation",
] as const;
export type AccountApiOperation = (typeof ACCOUNT_API_OPERATIONS)[number];

/** REST-JSON request URI of each operation (all are POST with a JSON body). */
export const OPERATION_PATHS: Readonly<Record<AccountApiOperation, string>> = {
  PutAlternateContact: "/putAlternateContact",
  GetAlternateContact: "/getAlternateContact",
  DeleteAlternateContact: "/deleteAlternateContact",
  PutContactInformation: "/putContactInformation",
  GetContactInformation: "/getContactInformation",
};

export type AccountApiErrorCode =
  | "ValidationException"
  | "AccessDeniedException"
  | "ResourceNotFoundException"
  | "TooManyRequestsException"
  | "InternalServerException"
  // Not modelled by the service, but what AWS front ends answer for an unknown
  // path, an unparseable body, or an unsigned request.
  | "UnknownOperationException"
  | "SerializationException"
  | "MissingAuthenticationTokenException";

export const ERROR_STATUS: Readonly<Record<AccountApiErrorCode, number>> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InternalServerException: 500,
  UnknownOperationException: 404,
  SerializationException: 400,
  MissingAuthenticationTokenException: 403,
};

export interface RateLimit {
  /** Sustained requests per second (token refill rate). */
  perSecond: number;
  /** Bucket size: requests that may arrive at once after a quiet period. */
  burst: number;
}

/**
 * Default per-account request rates AWS documents for these operations.
 *
 * Source: "Quotas for AWS Account Management",
 * https://docs.aws.amazon.com/accounts/latest/reference/quotas.html
 * ("Rate of <Operation> requests per account: N per second, burst to M per second").
 * Older revisions of that page (still served by the China-region mirror,
 * docs.amazonaws.cn/en_us/accounts/latest/reference/quotas.html) list lower values:
 * Get* 3/s burst 5, PutAlternateContact 1/s burst 6, PutContactInformation 1/s burst 2,
 * and one revision lists DeleteAlternateContact burst 2. The current values are used here.
 */
export const ACCOUNT_API_DOCUMENTED_RATES: Readonly<Record<AccountApiOperation, RateLimit>> = {
  GetAlternateContact: { perSecond: 10, burst: 15 },
  GetContactInformation: { perSecond: 10, burst: 15 },
  PutAlternateContact: { perSecond: 5, burst: 8 },
  PutContactInformation: { perSecond: 5, burst: 8 },
  DeleteAlternateContact: { perSecond: 1, burst: 6 },
};

export interface EventualConsistencyOptions {
  /** Reads of a key that still see the value from before the latest write (default 1). */
  staleReads?: number;
  /** Apply to Get/Put/DeleteAlternateContact (default true). */
  alternateContacts?: boolean;
  /**
   * Apply to Get/PutContactInformation (default false): terraform-provider-aws 5.100.0
   * reads the primary contact exactly once after PutContactInformation, with no wait
   * loop, so a stale read there fails the apply or leaves drift.
   */
  contactInformation?: boolean;
}

export interface AccountApiOptions {
  managementAccountId: string;
  memberAccountIds: readonly string[];
  /** Loopback address to listen on (default 127.0.0.1); anything else is refused. */
  host?: string;
  /** Port to listen on (default 0: an ephemeral port). */
  port?: number;
  /** Seed of the PRNG that decides injected faults (default 1). */
  seed?: number;
  /** Share of requests answered 429 TooManyRequestsException (0..1). */
  throttleRate?: number;
  /** Share of requests answered 500 InternalServerException (0..1). */
  errorRate?: number;
  /**
   * At most this many injected throttles/errors for one SDK invocation (all attempts of
   * one API call share the amz-sdk-invocation-id header); later attempts go through.
   * Default unlimited. The SDK's backoff doubles per attempt (up to 20 s), so a cap keeps
   * a fault test's run time bounded while every call can still meet faults.
   */
  maxFaultsPerInvocation?: number;
  eventualConsistency?: boolean | EventualConsistencyOptions;
  /**
   * Token bucket per operation (the caller is always the management account, so per
   * operation is per caller account). One RateLimit applies to every operation of both APIs;
   * "documented" uses ACCOUNT_API_DOCUMENTED_RATES; a record sets operations individually.
   */
  rateLimit?: RateLimit | "documented" | Partial<Record<ApiOperation, RateLimit>>;
  /** Millisecond clock for the rate limiter (default Date.now); tests may pass a fake one. */
  clock?: () => number;
  /**
   * A request header carrying the client's send time (Date.now() milliseconds), which the rate limiter then charges
   * the request at. AWS counts a request when it arrives, moments after it was sent; a stand-in in the test's own
   * process may handle requests only after a stall of that process (a busy machine), and would then see, all at
   * once, a burst its client spread out. For a client in the same process as the stand-in.
   */
  sentAtHeader?: string;
  /** Answer unsigned requests 403 MissingAuthenticationTokenException (default true). */
  requireSignature?: boolean;
  /** The organization's tree, names and states, for the Organizations API (default: every account ACTIVE under the root). */
  organization?: OrganizationOptions;
  /** Operations (of either API) and accounts the caller may not touch: answered 403 AccessDeniedException. */
  denied?: { operations?: readonly string[]; accounts?: readonly string[] };
  /** The caller's account is in no organization: every Organizations operation answers AWSOrganizationsNotInUseException. */
  organizationNotInUse?: boolean;
  /**
   * Faults by count, not by chance, so a test sees them whatever the timing: the first `throttle` calls (SDK
   * invocations; retries of one call share it) of each account to Account Management, and of each
   * Organizations operation, answer 429 on their first attempt; the next `error` calls answer 500 on it.
   * Their retries go through.
   */
  firstCalls?: { throttle?: number; error?: number };
  /** Account Management calls on these accounts are never answered: the request is held open until the server stops. */
  unansweredAccounts?: readonly string[];
  /** This Organizations listing answers every page with the same NextToken, and takes it back for the same page, for ever. */
  repeatingNextToken?: OrganizationsOperation;
}

export type FaultKind = "throttle" | "error" | "rate-limit";

/** An operation of either API the stand-in serves. */
export type ApiOperation = AccountApiOperation | OrganizationsOperation;

export interface AccountApiCall {
  seq: number;
  /** Clock value when the request arrived. */
  at: number;
  operation: ApiOperation | "Unknown";
  path: string;
  /** AccountId exactly as the request body gave it (absent: standalone context). */
  requestedAccountId?: string;
  /** The account the request acted on, once known. */
  targetAccountId?: string;
  alternateContactType?: string;
  status: number;
  errorCode?: string;
  fault?: FaultKind;
  /** The response deliberately showed the value from before the latest write. */
  stale?: boolean;
  /** SDK attempt number from the amz-sdk-request header (1 = first try), when sent. */
  attempt?: number;
  /** The client's send time from the `sentAtHeader` header, when the stand-in was given one and the request had it. */
  sentAt?: number;
  /** The SDK's amz-sdk-invocation-id header: the same for every retry of one call. */
  invocationId?: string;
  /** The request was held and never answered (unansweredAccounts). */
  unanswered?: boolean;
  /** Parsed from the SigV4 Authorization header, when present. */
  credentialScope?: { accessKeyId: string; region: string; service: string };
}

export interface AccountSnapshot {
  alternateContacts: Partial<Record<AlternateContactType, AlternateContact>>;
  contactInformation?: ContactInformation;
}

export interface AccountApiSnapshot {
  managementAccountId: string;
  memberAccountIds: string[];
  accounts: Record<string, AccountSnapshot>;
}
