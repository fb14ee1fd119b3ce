import * as fs from "fs";
import * as path from "path";
import { failureCauses, listed, unreadAccountsLine } from "../drift/drift-report";
import { existingContactsText, updateExistingContacts } from "../registry/existing-contacts-file";
import { newImportId } from "../registry/import-set";
import { unreadTypes } from "../model/live-contacts";
import { organizationSnapshotText, ouNameWarnings, SNAPSHOT_FILE_NAME, snapshotBesideRegistry } from "../registry/organization-snapshot-file";
import { registryFromOrganization } from "../import/registry-from-organization";
import { loadableRegistryYaml, registryYaml } from "../import/registry-yaml";
import { EXIT_BAD_INPUT, EXIT_OK } from "../run/exit-codes";
import { readRunContext } from "../run/run-context";
import { DEFAULT_EXISTING_CONTACTS_FILE, DEFAULT_REGISTRY } from "../run/settings";
import { UsageError } from "../model/usage-error";
import { callLimitsFor, CONCURRENCY_OPTION, parseConcurrency, readContactsFromAws, relativeFrom, stopCleanlyOnInterrupt } from "./aws-command-support";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";
import { writeOutputs } from "../run/write-atomically";

const NAME = "import";

const OPTIONS = {
  output: { value: "<file>", default: DEFAULT_REGISTRY, description: "the registry to write, in YAML (.yaml or .yml)" },
  snapshot: {
    value: "<file>",
    description: `the organization snapshot to write, which the registry names as organization.accountsFile (default: ${SNAPSHOT_FILE_NAME} beside the registry)`,
  },
  existing: {
    value: "<file>",
    defaultFrom: `cdktf.json's existingContactsFile, else ${path.basename(DEFAULT_EXISTING_CONTACTS_FILE)} beside the registry`,
    description: "the record of which contacts AWS holds, which synthesis reads for import blocks when importExistingContacts is on",
  },
  force: { description: "replace files that exist (without it, an existing registry, snapshot or record stops the command before it reads anything)" },
  concurrency: CONCURRENCY_OPTION,
} as const satisfies OptionTable;

const ABOUT = `Writes a registry from the live organization, to start from instead of typing every account: every
ACTIVE account with its OU path (nested OUs, as AWS Organizations has them) and the management account
marked; the alternate and primary contacts AWS holds now as cards (identical values are one card; the
card most accounts hold is the default; an OU whose accounts all hold another card gets an override;
any other account its own). Addresses are left as they are: people and groups are yours to fill in,
and synthesis (policy.mode warn until then) says which addresses need a group with members.

An account whose contacts could not all be read, or hold a value the registry cannot hold as it is
(white space at an end, "\${"), is left out, named in a comment with why: nothing writes over its
contacts until an import can read them (synthesis reports it as uncovered-account).

Also writes the organization snapshot (every account's state and OU path, for organization.accountsFile)
and the record of the contacts that exist, so that with importExistingContacts on the first plan imports
those and creates only the missing ones. Nothing is written until everything was read, and then the
three files are written all or none.
`;

const NOTES = `AWS access: the SDK's own credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO, a role), region (default
us-east-1) and endpoints (AWS_ENDPOINT_URL_ORGANIZATIONS, AWS_ENDPOINT_URL_ACCOUNT), as the organization's
management account, with organizations:DescribeOrganization, organizations:ListRoots,
organizations:ListOrganizationalUnitsForParent, organizations:ListAccountsForParent,
account:GetAlternateContact and account:GetContactInformation. Progress goes to standard error. An
attempt of a call gives up after 10 s (CONTACTS_AWS_TIMEOUT_MS, in milliseconds); an account whose reads
AWS does not answer in time is left out like one AWS refuses.

The three files carry one import id; validate, check-plan and synthesis stop when their ids differ (a
run killed between its writes): run contacts import --force again, or delete the registry's
# contacts-import-id: line when it holds edits made since.

Exit status: 0 written; 2 wrong usage, a file that exists (without --force), a file that cannot be
written (none is), AWS refusing or failing a call the command cannot do without (one line says which
and how to fix it), or accounts left out (named; the files are still written, without those accounts).
`;

export const importCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    const concurrency = parseConcurrency(NAME, values.concurrency);
    const context = readRunContext({ env: io.env, cwd: io.cwd });
    const registryFile = values.output;
    if (!/\.ya?ml$/i.test(registryFile)) {
      throw new UsageError(
        `contacts ${NAME}: --output ${registryFile} is not a .yaml file, and the registry is written in YAML. Fix: e.g. --output contacts/registry.yaml.`,
      );
    }
    const snapshotFile = values.snapshot ?? snapshotBesideRegistry(registryFile);
    const existingFile = values.existing ?? existingBesideRegistry(context.deployment.existingContactsFile, registryFile);
    const outputs = [registryFile, snapshotFile, existingFile];
    const present = outputs.filter((file) => fs.existsSync(path.resolve(io.cwd, file)));
    if (present.length && !values.force) {
      throw new UsageError(
        `contacts ${NAME}: ${present.join(", ")} already exist${present.length === 1 ? "s" : ""}. Fix: pass --force to replace, or choose other paths (--output, --snapshot, --existing).`,
      );
    }

    const stopped = stopCleanlyOnInterrupt(NAME, io);
    let result: Awaited<ReturnType<typeof readAndWrite>>;
    try {
      result = await readAndWrite(io, concurrency, { registryFile, snapshotFile, existingFile });
    } finally {
      stopped();
    }
    const { organization, registry, existing, failures } = result;
    const held = [...existing.values()].reduce((n, types) => n + types.size, 0);
    const active = registry.accounts.length + registry.leftOut.length;
    io.stdout(
      `Wrote ${registryFile}: ${registry.accounts.length} of ${active} ACTIVE accounts${registry.leftOut.length ? ` (${registry.leftOut.length} left out, listed at the end of accounts)` : ""}, ` +
        `${registry.contacts.size} contact card(s), ${registry.primaryContacts.size} primary contact card(s), ` +
        `${registry.organizationalUnits.size} OU override(s), ${registry.accounts.filter((a) => Object.keys(a.contacts).length).length} account(s) with their own cards.\n` +
        `Wrote ${snapshotFile} (${organization.accounts.length} accounts with their state and OU path) and ${existingFile} (${held} contacts AWS holds).\n` +
        `Next: fill in people and groups (see the comments at the top of ${registryFile}), set "importExistingContacts": true` +
        `${existingFile === context.deployment.existingContactsFile ? "" : ` and "existingContactsFile": "${existingFile}"`} in cdktf.json's context, then npx cdktf synth.\n`,
    );
    for (const cause of failureCauses(failures)) {
      const again = `contacts ${NAME} --force again`;
      const fix = cause.code === "TimeoutError" ? `run ${again} later (CONTACTS_AWS_TIMEOUT_MS allows an attempt more time)` : `give access, then run ${again}`;
      io.stderr(`contacts ${NAME}: ${unreadAccountsLine(cause, `left out of ${registryFile}, so nothing writes over their contacts. Fix: ${fix}.`)}\n`);
    }
    const unread = new Set(failures.map((f) => f.accountId));
    const unusable = registry.leftOut.filter((a) => !unread.has(a.id));
    if (unusable.length) {
      io.stderr(
        `contacts ${NAME}: left ${unusable.length} account(s) out of ${registryFile}, whose contacts or OU path the registry cannot hold as AWS has them: ` +
          `${listed(unusable.map((a) => `${a.id} (${a.reason})`))}. Fix: correct them in AWS, then run contacts ${NAME} --force again.\n`,
      );
    }
    for (const line of ouNameWarnings(`contacts ${NAME}`, organization)) io.stderr(`${line}\n`);
    return registry.leftOut.length ? EXIT_BAD_INPUT : EXIT_OK;
  },
};

/**
 * The record's default: cdktf.json's existingContactsFile when it names one, else beside the registry, as the
 * snapshot is, so that `--output DIR/registry.yaml` keeps all three files of one import together in DIR.
 */
function existingBesideRegistry(configured: string, registryFile: string): string {
  if (configured !== DEFAULT_EXISTING_CONTACTS_FILE) return configured;
  return path.join(path.dirname(registryFile), path.basename(DEFAULT_EXISTING_CONTACTS_FILE));
}

/**
 * Reads the organization and every ACTIVE account's contacts, then writes the three files, all or none.
 * The AWS SDK is loaded here, not with the module: `contacts import --help` never loads it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): the binary registers tsx for CommonJS only */
async function readAndWrite(io: CliIo, concurrency: number, files: { registryFile: string; snapshotFile: string; existingFile: string }) {
  const { openOrganizationsClient } = require("../aws/organizations-client") as typeof import("../aws/organizations-client");
  const { readOrganizationTree } = require("../aws/organization-tree") as typeof import("../aws/organization-tree");
  const { registryFile, snapshotFile, existingFile } = files;
  io.stderr("Reading the organization's OUs and accounts from AWS Organizations...\n");
  const organization = await readOrganizationTree(await openOrganizationsClient(callLimitsFor(io)), `contacts ${NAME}`);
  const active = organization.accounts.filter((a) => a.state === "ACTIVE");
  const { contacts, failures } = await readContactsFromAws(
    NAME,
    io,
    active.map((a) => ({ id: a.id, management: a.id === organization.managementAccountId })),
    { concurrency, primary: true },
  );
  const registry = registryFromOrganization(organization.accounts, organization.managementAccountId, contacts, failures);
  const importId = newImportId();
  const schema = path.resolve(io.cwd, "schema/registry.schema.json");
  const yaml = registryYaml(registry, {
    organizationId: organization.organizationId,
    managementAccountId: organization.managementAccountId,
    readAt: organization.readAt,
    accountsFile: relativeFrom(path.resolve(io.cwd, registryFile), path.resolve(io.cwd, snapshotFile)),
    schema: fs.existsSync(schema) ? relativeFrom(path.resolve(io.cwd, registryFile), schema) : undefined,
    inactive: organization.accounts.length - active.length,
    ousNamedWithSlash: (organization.ousNamedWithSlash ?? []).map((ou) => ou.path),
    importId,
  });
  // An account read only in part is not recorded: the record would say its other contacts do not exist.
  const existing = updateExistingContacts(undefined, contacts, unreadTypes(failures));
  writeOutputs(
    NAME,
    io.cwd,
    [
      { file: registryFile, text: loadableRegistryYaml(`contacts ${NAME}`, registryFile, yaml) },
      { file: snapshotFile, text: organizationSnapshotText(organization, importId) },
      { file: existingFile, text: existingContactsText(existing, organization.readAt, importId) },
    ],
    importId,
  );

  return { organization, registry, existing, failures };
}
/* eslint-enable @typescript-eslint/no-require-imports */
