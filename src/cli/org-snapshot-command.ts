import * as fs from "fs";
import * as path from "path";
import { openOrganizationsClient } from "../aws/organizations-client";
import { organizationSnapshotText } from "../aws/organization-snapshot-file";
import { readOrganizationTree } from "../aws/organization-tree";
import { loadRegistry } from "../registry/load-registry";
import { organizationAccountsPath } from "../registry/organization-accounts";
import { EXIT_OK } from "../run/exit-codes";
import { readRunContext } from "../run/run-context";
import { REGISTRY_LOOKUP } from "../run/settings";
import { stopCleanlyOnInterrupt, writeOutputs } from "./aws-command-support";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";

const NAME = "org-snapshot";
const DEFAULT_SNAPSHOT = "contacts/organization-accounts.json";

const OPTIONS = {
  output: {
    value: "<file>",
    defaultFrom: `the registry's organization.accountsFile, else ${DEFAULT_SNAPSHOT}`,
    description: "the snapshot to write (replaced whole: refreshing it is the point)",
  },
  registry: { value: "<file>", defaultFrom: REGISTRY_LOOKUP, description: "the registry whose organization.accountsFile names the snapshot" },
} as const satisfies OptionTable;

const ABOUT = `Writes the organization's accounts, each with its state and OU path (nested OUs by name, as AWS
Organizations has them), read from AWS Organizations. The file is one page of \`aws organizations
list-accounts\` output with an OuPath on each account: name it as the registry's organization.accountsFile,
and synthesis checks coverage (uncovered-account, stale-account) and every registry account's ou against
the real path (ou-mismatch). Run it on a schedule and commit the file through a pull request.
`;

const NOTES = `AWS access: the SDK's own credentials, region (default us-east-1) and endpoint
(AWS_ENDPOINT_URL_ORGANIZATIONS), as the management account or a delegated administrator, with
organizations:DescribeOrganization, organizations:ListRoots, organizations:ListOrganizationalUnitsForParent
and organizations:ListAccountsForParent.

Exit status: 0 written; 2 wrong usage, or AWS refusing or failing a call (one line says which and how to fix it).
`;

export const orgSnapshotCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    const output = values.output ?? snapshotNamedByRegistry(io, values.registry) ?? DEFAULT_SNAPSHOT;
    const stopped = stopCleanlyOnInterrupt(NAME, io);
    try {
      const organization = await readOrganizationTree(await openOrganizationsClient(), `contacts ${NAME}`);
      writeOutputs(NAME, io.cwd, [{ file: output, text: organizationSnapshotText(organization) }]);
      const active = organization.accounts.filter((a) => a.state === "ACTIVE").length;
      const units = new Set(organization.accounts.map((a) => a.ouPath).filter(Boolean)).size;
      io.stdout(
        `Wrote ${output}: ${organization.accounts.length} accounts (${active} ACTIVE) in ${units} OU path(s) of organization ${organization.organizationId}.\n`,
      );
      return EXIT_OK;
    } finally {
      stopped();
    }
  },
};

/** The registry's organization.accountsFile, when there is a registry that names one; a registry that does not load is its own error. */
function snapshotNamedByRegistry(io: CliIo, registryFlag: string | undefined): string | undefined {
  const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag });
  if (!fs.existsSync(path.resolve(io.cwd, context.registry.path))) return undefined;
  return organizationAccountsPath(loadRegistry(context.registry.path, context.registry.origin, io.cwd));
}
