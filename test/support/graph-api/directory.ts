import { randomUUID } from "node:crypto";

/** A user as Entra ID holds it; `mail` may be absent (a user without a mailbox). */
export interface StandInUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  proxyAddresses: string[];
  accountEnabled: boolean;
  /** ISO 8601, or null when no leave date is set. */
  employeeLeaveDateTime: string | null;
}

/** A group: a distribution list is mailEnabled and not securityEnabled. Members are user or group ids. */
export interface StandInGroup {
  id: string;
  displayName: string;
  mail?: string;
  proxyAddresses: string[];
  mailEnabled: boolean;
  securityEnabled: boolean;
  members: string[];
}

/** The tenant's users and groups, seeded by a test. */
export class StandInDirectory {
  readonly users = new Map<string, StandInUser>();
  readonly groups = new Map<string, StandInGroup>();

  addUser(fields: Partial<StandInUser> & { displayName: string }): StandInUser {
    const id = fields.id ?? randomUUID();
    const upn = fields.userPrincipalName ?? `${id}@tenant.example`;
    const user: StandInUser = {
      proxyAddresses: fields.mail ? [`SMTP:${fields.mail}`] : [],
      accountEnabled: true,
      employeeLeaveDateTime: null,
      ...fields,
      id,
      userPrincipalName: upn,
    };
    this.users.set(id, user);
    return user;
  }

  addGroup(fields: Partial<StandInGroup> & { displayName: string }): StandInGroup {
    const id = fields.id ?? randomUUID();
    const group: StandInGroup = {
      proxyAddresses: fields.mail ? [`SMTP:${fields.mail}`] : [],
      mailEnabled: true,
      securityEnabled: false,
      members: [],
      ...fields,
      id,
    };
    this.groups.set(id, group);
    return group;
  }

  /** The users a group reaches through nested groups, each once (cycles allowed, as Entra ID does not forbid them through sync). */
  transitiveUsers(groupId: string): StandInUser[] {
    const users = new Map<string, StandInUser>();
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const member of this.groups.get(id)?.members ?? []) {
        const user = this.users.get(member);
        if (user) users.set(user.id, user);
        else visit(member);
      }
    };
    visit(groupId);
    return [...users.values()];
  }
}
