import { UsageError } from "../model/usage-error";

/** What went wrong with an AWS call, in the terms the fix depends on. */
export type AwsFailureKind = "credentials" | "denied" | "not-in-organization" | "throttled" | "unavailable" | "timeout" | "network" | "other";

export interface AwsFailure {
  kind: AwsFailureKind;
  /** The error's code as AWS or the SDK names it: AccessDeniedException, ECONNREFUSED, ... */
  code: string;
  message: string;
  /** Attempts the SDK made, retries included. */
  attempts?: number;
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const REJECTED_CREDENTIALS = new Set([
  "CredentialsProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
]);
const THROTTLING = new Set(["TooManyRequestsException", "ThrottlingException", "Throttling", "RequestLimitExceeded"]);
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

/** Classifies an error the SDK threw; never throws itself. */
export function classifyAwsError(error: unknown): AwsFailure {
  const e = (error ?? {}) as SdkError;
  const code = e.name && e.name !== "Error" ? e.name : (e.code ?? "Error");
  const message = (e.message ?? String(error)).split("\n")[0];
  const status = e.$metadata?.httpStatusCode;
  const failure = (kind: AwsFailureKind): AwsFailure => ({ kind, code, message, attempts: e.$metadata?.attempts });
  if (REJECTED_CREDENTIALS.has(code)) return failure("credentials");
  if (code === "AccessDeniedException" || code === "AccessDenied") return failure("denied");
  if (code === "AWSOrganizationsNotInUseException") return failure("not-in-organization");
  if (THROTTLING.has(code) || status === 429) return failure("throttled");
  if (e.$fault === "server" || (status !== undefined && status >= 500)) return failure("unavailable");
  // The SDK's handler names both of its timeouts (connection, request) TimeoutError; its message holds the limit.
  // It also renames a reset or broken connection (code ECONNRESET, EPIPE) TimeoutError: that is the network.
  const resetConnection = e.code === "ECONNRESET" || e.code === "EPIPE";
  if ((code === "TimeoutError" && !resetConnection) || e.code === "ETIMEDOUT") {
    const limit = /(\d+) ?ms/.exec(message)?.[1];
    return { ...failure("timeout"), code: "TimeoutError", message: `AWS did not answer within ${limit ? `${limit} ms` : "the time allowed"}` };
  }
  if (NETWORK.has(code) || NETWORK.has(e.code ?? "")) return { ...failure("network"), code: e.code ?? code };
  return failure("other");
}

/** A failure that stops the command: one line, exit 2, no stack trace (a UsageError, as runCli prints them). */
export class AwsCommandError extends UsageError {}

const PERMISSIONS = "see docs/operations-and-iam.md, IAM permissions";

/**
 * The one line a command prints when an AWS call it cannot do without fails.
 * @param command e.g. "contacts import"
 * @param action what the call was for, e.g. "organizations:ListRoots"
 */
export function awsCommandError(command: string, action: string, error: unknown): AwsCommandError {
  const failure = classifyAwsError(error);
  const said = `${failure.code}: ${failure.message}`;
  const tries = failure.attempts && failure.attempts > 1 ? ` after ${failure.attempts} attempts` : "";
  const line = (what: string, fix: string) => new AwsCommandError(`${command}: ${what}. Fix: ${fix}.`);
  switch (failure.kind) {
    case "credentials":
      return line(
        `no usable AWS credentials for ${action} (${said})`,
        "run with credentials of the organization's management account that the AWS SDK finds: AWS_PROFILE (after `aws sso login`), AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role",
      );
    case "denied":
      return line(`AWS denied ${action} (${said})`, `run as the management account, with the permissions the command needs (${PERMISSIONS})`);
    case "not-in-organization":
      return line(
        `the account of these credentials is in no AWS organization (${failure.code})`,
        "use credentials of the organization's management account (or of a delegated administrator)",
      );
    case "throttled":
      return line(
        `AWS kept throttling ${action}${tries} (${said})`,
        "run again later, when other tools are not using the same quota, or raise AWS_MAX_ATTEMPTS",
      );
    case "unavailable":
      return line(`AWS could not answer ${action}${tries} (${said})`, "run again later");
    case "timeout":
      return line(
        `AWS did not answer ${action}${tries} (${said})`,
        "run again later; if AWS is slow rather than unreachable, allow more time with CONTACTS_AWS_TIMEOUT_MS (milliseconds an attempt may take)",
      );
    case "network":
      return line(`cannot reach AWS for ${action} (${said})`, "check the network, a proxy, and any AWS_ENDPOINT_URL_* variable");
    case "other":
      return line(`${action} failed (${said})`, `check the credentials and permissions (${PERMISSIONS})`);
  }
}

/** AWS handed back a NextToken it had already given for this listing: following it would never end. */
export function repeatedPageTokenError(command: string, action: string, parentId: string, page: number): AwsCommandError {
  const of = parentId ? ` of ${parentId}` : "";
  return new AwsCommandError(
    `${command}: ${action}${of} returned on page ${page} a NextToken it had already returned, so the listing would never end; nothing was written. Fix: run again later, and if it repeats, report it to AWS Support with the call named here.`,
  );
}
