/**
 * The Graph requests the reader sends, built in one place so each can be checked against Microsoft's
 * "Advanced query capabilities on Microsoft Entra ID objects" (learn.microsoft.com/graph/aad-advanced-queries):
 *
 * - `mail eq '…'` and `proxyAddresses/any(p:p eq '…')` on groups and users work by default: that page lists only
 *   `endsWith`, `ne`/`not`, `$count`, `$search` and `$orderby` with `$filter` as needing the advanced query
 *   parameters, and the group and user resources say proxyAddresses supports `$filter` (eq, not, ge, le,
 *   startsWith) with the `any` operator. So the look-ups go without them (and so read consistently).
 * - "Use of OData cast with transitive members list" is in that page's table of scenarios supported only in
 *   advanced queries: `/groups/{id}/transitiveMembers/microsoft.graph.user` needs the `ConsistencyLevel:
 *   eventual` header and `$count=true`, or Graph answers 400 Request_UnsupportedQuery.
 * - accountEnabled and employeeLeaveDateTime are returned only on `$select` (the user resource's notes).
 */

/** Graph's page-size ceiling for directory objects. */
export const MAX_PAGE_SIZE = 999;

/** An OData string literal: single quotes doubled (OData ABNF `SQUOTE-in-string`), so an address cannot end it. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A query string with each value percent-encoded (a space as %20, not +), keys kept as Graph spells them. */
function query(parameters: ReadonlyArray<[string, string]>): string {
  return parameters.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join("&");
}

/** The filter that finds a directory object whose primary mail or any SMTP proxy address is `address`. */
export function addressFilter(address: string): string {
  return `mail eq ${odataString(address)} or proxyAddresses/any(p:p eq ${odataString(`smtp:${address}`)})`;
}

export const GROUP_FIELDS = "id,displayName,mail,mailEnabled,securityEnabled";
export const USER_FIELDS = "id,displayName,mail,accountEnabled,employeeLeaveDateTime";

export interface GraphRequest {
  url: string;
  /** True for an advanced query: sent with `ConsistencyLevel: eventual`. */
  advanced: boolean;
}

export function groupsByAddress(root: string, address: string): GraphRequest {
  return {
    url: `${root}/v1.0/groups?${query([
      ["$filter", addressFilter(address)],
      ["$select", GROUP_FIELDS],
    ])}`,
    advanced: false,
  };
}

export function usersByAddress(root: string, address: string): GraphRequest {
  return {
    url: `${root}/v1.0/users?${query([
      ["$filter", addressFilter(address)],
      ["$select", USER_FIELDS],
    ])}`,
    advanced: false,
  };
}

export function transitiveUserMembers(root: string, groupId: string): GraphRequest {
  const parameters: [string, string][] = [
    ["$select", USER_FIELDS],
    ["$top", String(MAX_PAGE_SIZE)],
    ["$count", "true"],
  ];
  return { url: `${root}/v1.0/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?${query(parameters)}`, advanced: true };
}
