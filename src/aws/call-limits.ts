import type { RunEnvironment } from "../run/environment";
import { UsageError } from "../model/usage-error";

/** How long one attempt of one AWS call may take: a read AWS never answers must not hold a command for ever. */
export interface AwsCallLimits {
  /** Milliseconds to open the connection. */
  connectionTimeoutMs: number;
  /** Milliseconds from sending the request to the whole answer. */
  requestTimeoutMs: number;
}

/**
 * Organizations and Account Management answer a read in well under a second; ten seconds is a call that is
 * not coming. With the SDK's standard retry (3 attempts unless AWS_MAX_ATTEMPTS says otherwise, backoff
 * capped, and a retry quota shared by the client's calls) one call gives up after about half a minute.
 */
export const DEFAULT_CALL_LIMITS: AwsCallLimits = { connectionTimeoutMs: 5_000, requestTimeoutMs: 10_000 };

/** The limits of this run: CONTACTS_AWS_TIMEOUT_MS sets the request timeout (and caps the connection timeout). */
export function awsCallLimits(environment: Pick<RunEnvironment, "awsTimeoutMs">): AwsCallLimits {
  const value = environment.awsTimeoutMs;
  if (value === undefined) return DEFAULT_CALL_LIMITS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 600_000) {
    throw new UsageError(
      `CONTACTS_AWS_TIMEOUT_MS=${JSON.stringify(value)} is not a whole number of milliseconds from 1 to 600000. Fix: e.g. CONTACTS_AWS_TIMEOUT_MS=10000, or unset it for the default (${DEFAULT_CALL_LIMITS.requestTimeoutMs}).`,
    );
  }
  return { connectionTimeoutMs: Math.min(ms, DEFAULT_CALL_LIMITS.connectionTimeoutMs), requestTimeoutMs: ms };
}

/**
 * What every client is given beyond the SDK's own chain (credentials, region, AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_MAX_ATTEMPTS stay the SDK's): timeouts that throw (the handler only warns without
 * throwOnRequestTimeout), and standard retry. Not adaptive: after one 429 its client-side limiter slows
 * every later call to about one in two seconds, where the readers already pace themselves under the quota.
 */
export function clientOptions(limits: AwsCallLimits = DEFAULT_CALL_LIMITS) {
  return {
    retryMode: "standard",
    requestHandler: { connectionTimeout: limits.connectionTimeoutMs, requestTimeout: limits.requestTimeoutMs, throwOnRequestTimeout: true },
  } as const;
}
