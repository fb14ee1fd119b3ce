import { GRAPH_PERMISSIONS, GraphDirectoryError } from "./graph-errors";
import type { GraphRequest } from "./odata";

/** What one Graph call needs besides its request: who asks, for which address, and how patient to be. */
export interface GraphCallContext {
  source: string;
  address: string;
  /** A bearer token for Graph (the credential caches and renews it). */
  token: () => Promise<string>;
  limits: GraphCallLimits;
}

export interface GraphCallLimits {
  /** How long one attempt may take before it is abandoned (AbortSignal.timeout). */
  requestTimeoutMs: number;
  /** Retries after a 429, a 5xx, a timeout or a broken connection; then the read fails. */
  maxRetries: number;
  /** The longest Retry-After honoured; a longer one fails the read rather than stalling it. */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_GRAPH_CALL_LIMITS: GraphCallLimits = { requestTimeoutMs: 30_000, maxRetries: 4, maxRetryAfterSeconds: 120 };

// Graph's throttling guidance: 429 (and 503) carry Retry-After; the gateway's 502/504 and a 500 are worth another try.
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** The GET of one page, as parsed JSON: retried within limits, and every other outcome a GraphDirectoryError. */
export async function getGraphJson(request: GraphRequest, context: GraphCallContext): Promise<Record<string, unknown>> {
  const { limits } = context;
  const fail = (what: string, why: string, fix: string) => new GraphDirectoryError(context.source, context.address, what, why, fix);
  let lastProblem = "";
  for (let attempt = 0; attempt <= limits.maxRetries; attempt++) {
    const headers: Record<string, string> = { Authorization: `Bearer ${await context.token()}`, Accept: "application/json" };
    if (request.advanced) headers.ConsistencyLevel = "eventual";
    let response: Response;
    let text: string;
    try {
      // redirect "error": a redirect would carry the bearer token to wherever Graph's answer pointed.
      response = await fetch(request.url, { headers, redirect: "error", signal: AbortSignal.timeout(limits.requestTimeoutMs) });
      text = await response.text();
    } catch (error) {
      lastProblem = networkProblem(error, limits.requestTimeoutMs);
      if (attempt < limits.maxRetries) await sleep(backoffSeconds(attempt));
      continue;
    }
    if (response.ok) return parsePage(text, fail);
    const said = graphError(text);
    const status = `${response.status}${said.code ? ` ${said.code}` : ""}${said.message ? `: ${said.message}` : ""}`;
    if (RETRYABLE.has(response.status)) {
      lastProblem = `Graph answered ${status}`;
      if (attempt === limits.maxRetries) break;
      const wait = retryAfterSeconds(response.headers.get("retry-after")) ?? backoffSeconds(attempt);
      if (wait > limits.maxRetryAfterSeconds) {
        throw fail(
          `Graph answered ${status} and asked to wait ${wait} s`,
          `that is longer than the ${limits.maxRetryAfterSeconds} s this read waits, and a partial reading is never used`,
          "run the read again later, when Graph is not throttling this application",
        );
      }
      await sleep(wait);
      continue;
    }
    throw statusError(response.status, status, said.code, fail);
  }
  throw fail(
    `${lastProblem} on each of ${limits.maxRetries + 1} attempts`,
    "the directory could not be read, and the typed members are never used instead",
    "run the read again when Microsoft Graph answers (see https://status.cloud.microsoft), or record an expiring exception",
  );
}

type Fail = (what: string, why: string, fix: string) => GraphDirectoryError;

function statusError(httpStatus: number, status: string, code: string | undefined, fail: Fail): GraphDirectoryError {
  if (httpStatus === 401) {
    return fail(
      `Graph refused the token (${status})`,
      "the token is not valid for Microsoft Graph in this tenant",
      "check the source's tenantId, clientId and endpoint, and that the application's credential is current",
    );
  }
  if (httpStatus === 403) {
    return fail(
      `Graph denied the read (${status})`,
      "the application lacks a Microsoft Graph permission the read needs",
      `grant the application ${GRAPH_PERMISSIONS}; see docs/graph-directory.md`,
    );
  }
  if (code === "Request_UnsupportedQuery") {
    return fail(
      `Graph did not support the query (${status})`,
      "the request did not match what Graph accepts (an advanced query needs ConsistencyLevel: eventual and $count=true)",
      "this is a bug in contacts: please report it with this message",
    );
  }
  if (httpStatus === 404) {
    return fail(`Graph did not find what it was asked for (${status})`, "the group was removed while it was being read", "run the read again");
  }
  return fail(`Graph answered ${status}`, "a request Graph refuses cannot be read around", "check the source's settings in the registry's directories section");
}

function parsePage(text: string, fail: Fail): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Array.isArray((parsed as { value?: unknown }).value)) {
    throw fail(
      "a page Graph returned could not be read (not a JSON object with a value list)",
      "a page that cannot be read may hide members, so nothing from this group is used",
      "run the read again; if it persists, check what answers at the source's endpoint",
    );
  }
  return parsed as Record<string, unknown>;
}

/** Graph's `{ error: { code, message } }`, trimmed: the words are the server's, and may be anyone's. */
function graphError(text: string): { code?: string; message?: string } {
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    const clip = (v: unknown) => (typeof v === "string" ? v.replace(/\s+/g, " ").slice(0, 300) : undefined);
    return { code: clip(error?.code), message: clip(error?.message) };
  } catch {
    return {};
  }
}

/** Retry-After as Graph sends it (whole seconds), or an HTTP date; undefined when absent or unreadable. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function backoffSeconds(attempt: number): number {
  return Math.min(2 ** attempt, 30);
}

function networkProblem(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return `Graph did not answer within ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return `the connection to Graph failed (${String(cause).slice(0, 200)})`;
}

function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
