import * as path from "path";
import type { OrganizationSnapshot } from "../model/organization";

/**
 * The organization snapshot as a file synthesis reads as `organization.accountsFile`: one page of
 * `aws organizations list-accounts` output (so every reader of that format still reads it), whose
 * accounts also carry `OuPath`, the OU path by names ("" directly under the root), against which
 * synthesis checks every registry account's `ou` (ou-mismatch). One account a line, ordered by id, so a
 * nightly refresh shows in a pull request as the accounts that changed. `importId` when `contacts import`
 * writes it, one of its three files (see import-set.ts).
 */
export function organizationSnapshotText(snapshot: OrganizationSnapshot, importId?: string): string {
  const organization = {
    Id: snapshot.organizationId,
    ManagementAccountId: snapshot.managementAccountId,
    ReadAt: snapshot.readAt,
    ...(importId ? { ImportId: importId } : {}),
  };
  const lines = snapshot.accounts.map((a) => `    ${JSON.stringify({ Id: a.id, Name: a.name ?? a.id, State: a.state, OuPath: a.ouPath ?? "" })}`);
  return `{\n  "Organization": ${JSON.stringify(organization)},\n  "Accounts": [\n${lines.join(",\n")}\n  ]\n}\n`;
}

/** The snapshot's name when nothing names it: beside the registry, as `contacts import` writes it. */
export const SNAPSHOT_FILE_NAME = "organization-accounts.json";

/** Where the snapshot goes by default: SNAPSHOT_FILE_NAME in the registry's folder (contacts/organization-accounts.json for the default registry). */
export function snapshotBesideRegistry(registryFile: string): string {
  return path.join(path.dirname(registryFile), SNAPSHOT_FILE_NAME);
}

/**
 * One line per OU whose name holds "/": AWS allows it, but an OU path (the snapshot's OuPath, the registry's
 * `ou` and OU overrides) reads every "/" as a step down the tree, so the accounts in it read as nested one
 * level deeper than they are, and their path can be the same text as another OU's. Paths are compared as
 * text (ou-mismatch, overrides), so nothing is misplaced silently unless two OUs share a path.
 */
export function ouNameWarnings(command: string, snapshot: Pick<OrganizationSnapshot, "ousNamedWithSlash">): string[] {
  return (snapshot.ousNamedWithSlash ?? []).map(
    (ou) =>
      `${command}: warning: OU ${ou.id} is named ${JSON.stringify(ou.name)}; a "/" in an OU name reads as a separator in OU paths, so its accounts have the path ${JSON.stringify(ou.path)}, as if in an OU ${JSON.stringify(ou.name.split("/").pop())} nested below. Paths are compared as text, so this holds together unless another OU has the same path. Fix: rename the OU in AWS Organizations without "/", or check the OU overrides under that path by hand.`,
  );
}
