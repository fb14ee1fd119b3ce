import type { FaultKind } from "./types";

/**
 * An error answer of either API the stand-in serves. The server writes it in the protocol of the
 * request: a restJson1 body `{ message }` for Account Management, an awsJson1_1 body `{ __type, Message }`
 * for Organizations; both also carry the code in the `x-amzn-ErrorType` header.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly fault?: FaultKind,
  ) {
    super(message);
  }
}
