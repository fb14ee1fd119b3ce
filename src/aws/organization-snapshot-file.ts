import type { OrganizationSnapshot } from "./organization-tree";

/**
 * The organization snapshot as a file synthesis reads as `organization.accountsFile`: one page of
 * `aws organizations list-accounts` output (so every reader of that format still reads it), whose
 * accounts also carry `OuPath`, the OU path by names ("" directly under the root), against which
 * synthesis checks every registry account's `ou` (ou-mismatch). One account a line, ordered by id, so a
 * nightly refresh shows in a pull request as the accounts that changed.
 */
export function organizationSnapshotText(snapshot: OrganizationSnapshot): string {
  const organization = { Id: snapshot.organizationId, ManagementAccountId: snapshot.managementAccountId, ReadAt: snapshot.readAt };
  const lines = snapshot.accounts.map((a) => `    ${JSON.stringify({ Id: a.id, Name: a.name ?? a.id, State: a.state, OuPath: a.ouPath ?? "" })}`);
  return `{\n  "Organization": ${JSON.stringify(organization)},\n  "Accounts": [\n${lines.join(",\n")}\n  ]\n}\n`;
}
