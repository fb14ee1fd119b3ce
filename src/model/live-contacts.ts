import type { ContactType } from "./contact-types";

/**
 * What a read of Account Management found, without the AWS SDK: the drift, the evidence and the import
 * work on it, and `--help` of their commands loads none of the SDK.
 */

/** The contacts AWS holds for one account, by registry field name (email, phone, fullName, ...); a type AWS has none of is absent. */
export type LiveContacts = Partial<Record<ContactType, Record<string, string>>>;

/** One contact type of one account that could not be read: reported with the account, never skipped silently. */
export interface ReadFailure {
  accountId: string;
  type: ContactType;
  /** AccessDeniedException, TooManyRequestsException, ... */
  code: string;
  message: string;
}

/**
 * The types that could not be read, by account. A type listed here is absent from the account's
 * LiveContacts although AWS may hold one: it must be neither compared nor recorded as missing.
 */
export function unreadTypes(failures: readonly ReadFailure[]): Map<string, Set<ContactType>> {
  const unread = new Map<string, Set<ContactType>>();
  for (const { accountId, type } of failures) {
    const types = unread.get(accountId);
    if (types) types.add(type);
    else unread.set(accountId, new Set([type]));
  }
  return unread;
}
