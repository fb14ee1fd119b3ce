/**
 * Whether a directory account is current, in each dialect's own terms, judged as of the read's time. Pure
 * functions of the attribute values, so the rules' notion of "current" is pinned by tests without a server.
 */
import type { LdapSourceConfig, MemberState } from "../../model/directory-reading";

export interface StateJudgment {
  state: MemberState;
  stateReason?: string;
}

/** userAccountControl's ACCOUNTDISABLE flag. */
const ACCOUNTDISABLE = 0x2;
/** accountExpires values that mean "never": 0 and the largest FILETIME. */
const NEVER = new Set(["0", "9223372036854775807"]);
/** 100-nanosecond intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** An AD FILETIME (100 ns since 1601, as a decimal string) as a Date, or undefined when it means never or is not a number. */
export function fileTimeToDate(value: string): Date | undefined {
  if (NEVER.has(value) || !/^\d+$/.test(value)) return undefined;
  return new Date(Number((BigInt(value) - FILETIME_UNIX_EPOCH) / 10000n));
}

/** Why an account's state cannot be told: an attribute the reader could not read, or one that is not what AD writes. */
export interface UnreadableState {
  unreadable: string;
}

/**
 * Every AD user has both attributes; one missing (the reader's account may not read it) or malformed is no
 * evidence the account is current, so the judgment says so and the read fails rather than count the person.
 */
export function activeDirectoryState(userAccountControl: string | undefined, accountExpires: string | undefined, now: Date): StateJudgment | UnreadableState {
  if (userAccountControl === undefined || !/^\d+$/.test(userAccountControl))
    return {
      unreadable:
        userAccountControl === undefined ? "it has no userAccountControl" : `its userAccountControl ${JSON.stringify(userAccountControl)} is not a number`,
    };
  if (accountExpires === undefined || !/^\d+$/.test(accountExpires))
    return { unreadable: accountExpires === undefined ? "it has no accountExpires" : `its accountExpires ${JSON.stringify(accountExpires)} is not a FILETIME` };
  const flags = Number(userAccountControl);
  if ((flags & ACCOUNTDISABLE) !== 0) return { state: "disabled", stateReason: "userAccountControl has ACCOUNTDISABLE" };
  const expires = fileTimeToDate(accountExpires);
  if (expires !== undefined && expires.getTime() <= now.getTime()) return { state: "expired", stateReason: `accountExpires ${expires.toISOString()}` };
  return { state: "current" };
}

/** OpenLDAP: disabled when the configured attribute is present (or holds the configured value, compared case-insensitively). */
export function openLdapState(config: LdapSourceConfig, values: string[]): StateJudgment {
  const attribute = config.disabledAttribute;
  if (attribute === undefined || values.length === 0) return { state: "current" };
  if (config.disabledValue === undefined) return { state: "disabled", stateReason: `${attribute} set` };
  const wanted = config.disabledValue.toLowerCase();
  const match = values.find((value) => value.toLowerCase() === wanted);
  return match === undefined ? { state: "current" } : { state: "disabled", stateReason: `${attribute} is ${JSON.stringify(match)}` };
}
