import * as fs from "fs";
import * as path from "path";
import { organizationSnapshotText, ouNameWarnings, SNAPSHOT_FILE_NAME, snapshotBesideRegistry } from "../registry/organization-snapshot-file";
import { readDocument } from "../registry/read-document";
import { EXIT_OK } from "../run/exit-codes";
import { readRunContext } from "../run/run-context";
import { REGISTRY_LOOKUP } from "../run/settings";
import { UsageError } from "../model/usage-error";
import { callLimitsFor, stopCleanlyOnInterrupt } from "./aws-command-support";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";
import { writeOutputs } from "../run/write-atomically";

const NAME = "org-snapshot";

const OPTIONS = {
  output: {
    value: "<file>",
    defaultFrom: `the registry's organization.accountsFile (a path inside the registry's folder), else ${SNAPSHOT_FILE_NAME} beside the registry`,
    description: "the snapshot to write (replaced whole: refreshing it is the point)",
  },
  registry: { value: "<file>", defaultFrom: REGISTRY_LOOKUP, description: "the registry whose organization.accountsFile names the snapshot" },
} as const satisfies OptionTable;

const ABOUT = `Writes the organization's accounts, each with its state and OU path (nested OUs by name, as AWS
Organizations has them), read from AWS Organizations. The file is one page of \`aws organizations
list-accounts\` output with an OuPath on each account: name it as the registry's organization.accountsFile,
and synthesis checks coverage (uncovered-account, stale-account) and every registry account's ou against
the real path (ou-mismatch). Run it on a schedule and commit the file through a pull request.

Of the registry, only organization.accountsFile is read, so a registry with errors does not stop a
refresh; a path there outside the registry's folder (absolute or through ..) is refused: a scheduled
job must not overwrite a file elsewhere because a registry names it. Give such a path with --output.
`;

const NOTES = `AWS access: the SDK's own credentials, region (default us-east-1) and endpoint
(AWS_ENDPOINT_URL_ORGANIZATIONS), as the management account or a delegated administrator, with
organizations:DescribeOrganization, organizations:ListRoots, organizations:ListOrganizationalUnitsForParent
and organizations:ListAccountsForParent.

Exit status: 0 written; 2 wrong usage, an accountsFile outside the registry's folder, or AWS refusing or
failing a call (one line says which and how to fix it).
`;

export const orgSnapshotCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    const output = values.output ?? snapshotNamedByRegistry(io, values.registry);
    // The AWS SDK is loaded only here: `contacts org-snapshot --help` never loads it.
    /* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): the binary registers tsx for CommonJS only */
    const { openOrganizationsClient } = require("../aws/organizations-client") as typeof import("../aws/organizations-client");
    const { readOrganizationTree } = require("../aws/organization-tree") as typeof import("../aws/organization-tree");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const stopped = stopCleanlyOnInterrupt(NAME, io);
    try {
      const organization = await readOrganizationTree(await openOrganizationsClient(callLimitsFor(io)), `contacts ${NAME}`);
      writeOutputs(NAME, io.cwd, [{ file: output, text: organizationSnapshotText(organization) }]);
      const active = organization.accounts.filter((a) => a.state === "ACTIVE").length;
      const units = new Set(organization.accounts.map((a) => a.ouPath).filter(Boolean)).size;
      io.stdout(
        `Wrote ${output}: ${organization.accounts.length} accounts (${active} ACTIVE) in ${units} OU path(s) of organization ${organization.organizationId}.\n`,
      );
      for (const line of ouNameWarnings(`contacts ${NAME}`, organization)) io.stderr(`${line}\n`);
      return EXIT_OK;
    } finally {
      stopped();
    }
  },
};

/**
 * Where the snapshot goes without --output: the registry's organization.accountsFile, else beside the
 * registry. Only that key is read (a registry that does not load for other reasons does not block a
 * refresh), and it must name a file inside the registry's folder.
 */
function snapshotNamedByRegistry(io: CliIo, registryFlag: string | undefined): string {
  const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag });
  const registryFile = context.registry.path;
  const fallback = snapshotBesideRegistry(registryFile);
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(io.cwd, registryFile), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw new UsageError(
      `contacts ${NAME}: cannot read ${registryFile} (${(error as Error).message}). Fix: check its permissions, or give the snapshot's path with --output.`,
    );
  }
  const doc = readDocument(registryFile, text);
  const where = doc.valueAt(["organization", "accountsFile"]);
  const at = `${where.file}:${where.line}:${where.column}`;
  if (doc.value === undefined) {
    throw new UsageError(
      `contacts ${NAME}: cannot read organization.accountsFile from ${registryFile}, which does not parse (${doc.issues[0]?.message ?? "no document"}). Fix: correct it, or give the snapshot's path with --output.`,
    );
  }
  const named = (doc.value as { organization?: { accountsFile?: unknown } } | null)?.organization?.accountsFile;
  if (named === undefined) return fallback;
  if (typeof named !== "string" || named === "") {
    throw new UsageError(`contacts ${NAME}: ${at} organization.accountsFile is not a file name. Fix: correct it, or give the snapshot's path with --output.`);
  }
  const folder = path.dirname(path.resolve(io.cwd, registryFile));
  const target = path.resolve(folder, named);
  const inside = path.relative(folder, target);
  if (inside === "" || inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    throw new UsageError(
      `contacts ${NAME}: ${at} organization.accountsFile ${JSON.stringify(named)} is outside the registry's folder ${path.relative(io.cwd, folder) || "."}, and a snapshot refresh writes only there unless told. Fix: keep the snapshot in the registry's folder, or give its path with --output ${path.relative(io.cwd, target)}.`,
    );
  }
  return path.join(path.dirname(registryFile), inside);
}
