import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { OrganizationAccount, OrganizationAccountState, OrganizationSnapshot } from "../model/organization";
import { AwsCommandError, awsCommandError, repeatedPageTokenError } from "./aws-errors";

/** OUs listed at once: the tree is walked breadth first, a few parents side by side. */
const PARENTS_AT_ONCE = 4;

/**
 * Walks the organization from its root: the OUs of each parent and the accounts directly in it, every
 * page of every listing. Calls grow with the OUs and pages (about two per OU), not with accounts times
 * OUs. Any failure stops the read with one line naming the call (a tree with a hole would misplace accounts).
 */
export async function readOrganizationTree(client: OrganizationsClient, command: string): Promise<OrganizationSnapshot> {
  const call = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw error instanceof AwsCommandError ? error : awsCommandError(command, action, error);
    }
  };
  const readAt = new Date().toISOString();
  const described = await call("organizations:DescribeOrganization", () => client.send(new DescribeOrganizationCommand({})));
  const organization = described.Organization;
  if (!organization?.Id || !organization.MasterAccountId)
    throw awsCommandError(command, "organizations:DescribeOrganization", new Error("the answer names no organization"));

  const roots = await call("organizations:ListRoots", async () => {
    const ids: string[] = [];
    for await (const page of pages(command, "organizations:ListRoots", "", (NextToken) => client.send(new ListRootsCommand({ NextToken }))))
      for (const root of page.Roots ?? []) if (root.Id) ids.push(root.Id);
    return ids;
  });
  const accounts: OrganizationAccount[] = [];
  const ousNamedWithSlash: NonNullable<OrganizationSnapshot["ousNamedWithSlash"]> = [];
  let parents = roots.map((id) => ({ id, path: "" }));
  while (parents.length) {
    const next: { id: string; path: string }[] = [];
    for (let i = 0; i < parents.length; i += PARENTS_AT_ONCE) {
      await Promise.all(
        parents.slice(i, i + PARENTS_AT_ONCE).map(async (parent) => {
          await call("organizations:ListAccountsForParent", async () => {
            const listing = pages(command, "organizations:ListAccountsForParent", parent.id, (NextToken) =>
              client.send(new ListAccountsForParentCommand({ ParentId: parent.id, NextToken })),
            );
            for await (const page of listing) {
              for (const account of page.Accounts ?? []) {
                if (!account.Id) continue;
                const state = (account.State ?? account.Status ?? "ACTIVE") as OrganizationAccountState;
                accounts.push({ id: account.Id, name: account.Name, state, ouPath: parent.path });
              }
            }
          });
          await call("organizations:ListOrganizationalUnitsForParent", async () => {
            const listing = pages(command, "organizations:ListOrganizationalUnitsForParent", parent.id, (NextToken) =>
              client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, NextToken })),
            );
            for await (const page of listing) {
              for (const unit of page.OrganizationalUnits ?? []) {
                if (!unit.Id) continue;
                const name = unit.Name ?? unit.Id;
                const path = parent.path === "" ? name : `${parent.path}/${name}`;
                next.push({ id: unit.Id, path });
                if (name.includes("/")) ousNamedWithSlash.push({ id: unit.Id, name, path });
              }
            }
          });
        }),
      );
    }
    parents = next;
  }
  accounts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  ousNamedWithSlash.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { organizationId: organization.Id, managementAccountId: organization.MasterAccountId, accounts, readAt, ousNamedWithSlash };
}

/**
 * Every page of one listing. The SDK's paginators follow NextToken for as long as AWS returns one; a token
 * that comes back a second time would have them ask for the same pages for ever, so it stops the read.
 */
async function* pages<P extends { NextToken?: string }>(
  command: string,
  action: string,
  parentId: string,
  read: (token: string | undefined) => Promise<P>,
): AsyncGenerator<P> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await read(token);
    yield page;
    token = page.NextToken || undefined;
    if (token !== undefined && seen.has(token)) throw repeatedPageTokenError(command, action, parentId, seen.size + 1);
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
}
