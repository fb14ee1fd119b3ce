import type { DirectoryGroupRef, DirectoryMember } from "../../model/directory-reading";
import { GraphDirectoryError } from "./graph-errors";

/** Where a Graph object came from, for the error when it cannot be read. */
export interface ObjectContext {
  source: string;
  address: string;
}

type Json = Record<string, unknown>;

function unreadable(context: ObjectContext, what: string, why: string, fix: string): GraphDirectoryError {
  return new GraphDirectoryError(context.source, context.address, what, why, fix);
}

function optionalString(item: Json, key: string, context: ObjectContext): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw unreadable(context, `Graph returned ${key} that is not a string`, "an entry that cannot be read may hide a member", "run the read again");
  return value;
}

function objectId(item: unknown, context: ObjectContext): string {
  const id = typeof item === "object" && item !== null ? (item as Json).id : undefined;
  if (typeof id !== "string" || id === "") {
    throw unreadable(context, "Graph returned an entry without an id", "an entry that cannot be read may hide a member", "run the read again");
  }
  return id;
}

/** A group as the look-up returned it; mailEnabled and securityEnabled say whether it is a distribution list. */
export function groupFrom(item: unknown, context: ObjectContext): DirectoryGroupRef {
  const id = objectId(item, context);
  const o = item as Json;
  const flag = (key: string): boolean | undefined => (typeof o[key] === "boolean" ? (o[key] as boolean) : undefined);
  return { id, displayName: optionalString(o, "displayName", context), mailEnabled: flag("mailEnabled"), securityEnabled: flag("securityEnabled") };
}

/**
 * A user and its state as of `now`: disabled when accountEnabled is false, left when employeeLeaveDateTime is at
 * or before now, else current. Both properties come back only when selected, and only with the permissions to read
 * them: one that is missing means the state cannot be judged, which fails the read (never "current" by default).
 */
export function memberFrom(item: unknown, now: Date, context: ObjectContext): DirectoryMember {
  const id = objectId(item, context);
  const o = item as Json;
  const type = o["@odata.type"];
  if (type !== undefined && type !== "#microsoft.graph.user") {
    throw unreadable(
      context,
      `Graph returned a ${JSON.stringify(type)} where a user was asked for`,
      "only users are people a contact reaches",
      "this is a bug in contacts: please report it",
    );
  }
  if (typeof o.accountEnabled !== "boolean") {
    throw unreadable(
      context,
      `Graph returned user ${id} without accountEnabled`,
      "without it a disabled account would count as a current person; Graph leaves it out when the application may not read users",
      "grant the application the User.Read.All application permission",
    );
  }
  if (!("employeeLeaveDateTime" in o)) {
    throw unreadable(
      context,
      `Graph returned user ${id} without employeeLeaveDateTime`,
      "without it a person past their leave date would count as current",
      "grant the application the User-LifeCycleInfo.Read.All application permission",
    );
  }
  const member: DirectoryMember = { id, state: "current" };
  const displayName = optionalString(o, "displayName", context);
  const mail = optionalString(o, "mail", context);
  if (displayName !== undefined) member.displayName = displayName;
  if (mail !== undefined) member.mail = mail;
  const leave = optionalString(o, "employeeLeaveDateTime", context);
  const leaveAt = leave === undefined ? undefined : Date.parse(leave);
  if (leave !== undefined && (Number.isNaN(leaveAt) || !/^\d{4}-\d{2}-\d{2}T/.test(leave))) {
    throw unreadable(
      context,
      `Graph returned user ${id} with employeeLeaveDateTime ${JSON.stringify(leave)}, not a date and time`,
      "the leave date cannot be judged",
      "correct the user's employeeLeaveDateTime in Entra ID",
    );
  }
  if (o.accountEnabled === false) return { ...member, state: "disabled", stateReason: "accountEnabled false" };
  if (leaveAt !== undefined && leaveAt <= now.getTime()) return { ...member, state: "left", stateReason: `employeeLeaveDateTime ${leave}` };
  return member;
}
