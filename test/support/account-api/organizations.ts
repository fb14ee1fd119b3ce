import { createHash } from "node:crypto";
import { ApiError } from "./api-error";
import {
  ORGANIZATIONS_ERROR_STATUS,
  type OrganizationAccountState,
  type OrganizationOptions,
  type OrganizationsAccount,
  type OrganizationsErrorCode,
  type OrganizationsOperation,
  type OrganizationsUnit,
} from "./organizations-types";

/** Largest MaxResults AWS accepts on the List operations. */
const MAX_RESULTS = 20;
/** 2021-03-01T09:00:00Z, in the epoch seconds awsJson1_1 writes. */
const JOINED = 1614589200;

export function organizationsError(code: OrganizationsErrorCode, message: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(code, ORGANIZATIONS_ERROR_STATUS[code], message, extra);
}

interface Unit {
  id: string;
  name: string;
  parentId: string;
}

type Body = Record<string, unknown>;

/**
 * The organization's tree and accounts, answering the Organizations read operations as the management
 * account sees them: OUs built from the accounts' paths, ids derived from the paths (stable across runs),
 * every list paginated with an opaque NextToken that only the same listing accepts back.
 */
export class OrganizationModel {
  readonly id: string;
  readonly rootId: string;
  private readonly units = new Map<string, Unit>();
  private readonly unitByPath = new Map<string, string>();
  private readonly parentOf = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly states = new Map<string, OrganizationAccountState>();
  private readonly pageSize: number;
  /** The listing that answers every page with the same NextToken (a fault: see FaultSettings). */
  repeatingNextToken?: string;

  constructor(
    readonly managementAccountId: string,
    private readonly accountIds: readonly string[],
    options: OrganizationOptions = {},
  ) {
    this.id = options.id ?? "o-exampleorg1";
    this.rootId = `r-${digest(this.id, 4)}`;
    this.pageSize = options.pageSize ?? 2;
    if (!(this.pageSize >= 1 && this.pageSize <= MAX_RESULTS)) throw new Error(`pageSize must be 1..${MAX_RESULTS}, got ${this.pageSize}`);
    const known = new Set(accountIds);
    for (const table of [options.ouPaths, options.accountNames, options.accountStates]) {
      for (const id of Object.keys(table ?? {})) if (!known.has(id)) throw new Error(`${id} is not in the organization`);
    }
    for (const path of options.emptyOrganizationalUnits ?? []) this.unitFor(path);
    for (const id of accountIds) {
      this.parentOf.set(id, this.unitFor(options.ouPaths?.[id] ?? ""));
      this.names.set(id, options.accountNames?.[id] ?? (id === managementAccountId ? "management" : `account-${id}`));
      this.states.set(id, options.accountStates?.[id] ?? "ACTIVE");
    }
  }

  /** Moves an account to another OU path (created when missing), as `organizations move-account` would. */
  moveAccount(accountId: string, path: string): void {
    if (!this.parentOf.has(accountId)) throw new Error(`${accountId} is not in the organization`);
    this.parentOf.set(accountId, this.unitFor(path));
  }

  dispatch(operation: OrganizationsOperation, body: Body): unknown {
    switch (operation) {
      case "DescribeOrganization":
        return {
          Organization: {
            Id: this.id,
            Arn: `arn:aws:organizations::${this.managementAccountId}:organization/${this.id}`,
            FeatureSet: "ALL",
            MasterAccountArn: this.accountArn(this.managementAccountId),
            MasterAccountId: this.managementAccountId,
            MasterAccountEmail: emailOf(this.managementAccountId),
            AvailablePolicyTypes: [],
          },
        };
      case "ListRoots":
        return this.page(
          operation,
          "",
          body,
          [{ Id: this.rootId, Arn: `arn:aws:organizations::${this.managementAccountId}:root/${this.id}/${this.rootId}`, Name: "Root", PolicyTypes: [] }],
          "Roots",
        );
      case "ListOrganizationalUnitsForParent": {
        const parentId = this.requireParent(body.ParentId);
        const children = [...this.units.values()].filter((u) => u.parentId === parentId).map((u) => this.unitShape(u));
        return this.page(operation, parentId, body, children, "OrganizationalUnits");
      }
      case "ListAccountsForParent": {
        const parentId = this.requireParent(body.ParentId);
        const accounts = this.accountIds.filter((id) => this.parentOf.get(id) === parentId).map((id) => this.accountShape(id));
        return this.page(operation, parentId, body, accounts, "Accounts");
      }
      case "ListAccounts":
        return this.page(
          operation,
          "",
          body,
          this.accountIds.map((id) => this.accountShape(id)),
          "Accounts",
        );
      case "ListParents": {
        const child = typeof body.ChildId === "string" ? body.ChildId : "";
        const parentId = this.parentOf.get(child) ?? this.units.get(child)?.parentId;
        if (parentId === undefined)
          throw organizationsError("ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
        return this.page(operation, child, body, [{ Id: parentId, Type: parentId === this.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT" }], "Parents");
      }
      case "DescribeOrganizationalUnit": {
        const unit = typeof body.OrganizationalUnitId === "string" ? this.units.get(body.OrganizationalUnitId) : undefined;
        if (!unit)
          throw organizationsError(
            "OrganizationalUnitNotFoundException",
            "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.",
          );
        return { OrganizationalUnit: this.unitShape(unit) };
      }
    }
  }

  /** The OU id for a path, creating the OUs along it. */
  private unitFor(path: string): string {
    if (path === "") return this.rootId;
    const existing = this.unitByPath.get(path);
    if (existing) return existing;
    const slash = path.lastIndexOf("/");
    const parentId = this.unitFor(slash < 0 ? "" : path.slice(0, slash));
    const id = `ou-${this.rootId.slice(2)}-${digest(path, 8)}`;
    this.units.set(id, { id, name: path.slice(slash + 1), parentId });
    this.unitByPath.set(path, id);
    return id;
  }

  private requireParent(parentId: unknown): string {
    if (parentId === this.rootId || (typeof parentId === "string" && this.units.has(parentId))) return parentId as string;
    throw organizationsError("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
  }

  /** One page of a listing; the token names the listing it belongs to, so a token from another listing is refused. */
  private page(operation: string, scope: string, body: Body, items: unknown[], key: string): Body {
    const max = body.MaxResults;
    if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1 && (max as number) <= MAX_RESULTS)) {
      throw organizationsError("InvalidInputException", `MaxResults must be between 1 and ${MAX_RESULTS}.`, { Reason: "INVALID_INPUT" });
    }
    if (this.repeatingNextToken === operation) return { [key]: items.slice(0, this.pageSize), NextToken: "repeating-token" };
    let start = 0;
    if (body.NextToken !== undefined) {
      const [op, of, offset] = Buffer.from(String(body.NextToken), "base64url").toString("utf8").split("|");
      start = Number(offset);
      if (op !== operation || of !== scope || !Number.isInteger(start) || start <= 0 || start >= items.length) {
        throw organizationsError("InvalidInputException", "The NextToken value is not valid.", { Reason: "INVALID_PAGINATION_TOKEN" });
      }
    }
    const size = Math.min(this.pageSize, (max as number | undefined) ?? this.pageSize);
    const end = start + size;
    const out: Body = { [key]: items.slice(start, end) };
    if (end < items.length) out.NextToken = Buffer.from(`${operation}|${scope}|${end}`).toString("base64url");
    return out;
  }

  private accountArn(id: string): string {
    return `arn:aws:organizations::${this.managementAccountId}:account/${this.id}/${id}`;
  }

  private accountShape(id: string): OrganizationsAccount {
    const state = this.states.get(id)!;
    // The retired Status knows three values; the newer states map onto the nearest of them.
    const status = state === "SUSPENDED" || state === "CLOSED" ? "SUSPENDED" : state === "PENDING_CLOSURE" ? "PENDING_CLOSURE" : "ACTIVE";
    return {
      Id: id,
      Arn: this.accountArn(id),
      Email: emailOf(id),
      Name: this.names.get(id)!,
      Status: status,
      State: state,
      JoinedMethod: id === this.managementAccountId ? "INVITED" : "CREATED",
      JoinedTimestamp: JOINED,
    };
  }

  private unitShape(unit: Unit): OrganizationsUnit {
    return { Id: unit.id, Arn: `arn:aws:organizations::${this.managementAccountId}:ou/${this.id}/${unit.id}`, Name: unit.name };
  }
}

function emailOf(id: string): string {
  return `aws+${id}@example.com`;
}

function digest(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
