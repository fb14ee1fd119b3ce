import * as fs from "fs";
import * as path from "path";
import packageJson from "../../package.json";
import { heldAccountsOfOrganization, reachByType, typeReachLine, type TypeReach } from "../engine/audit-reach";
import { judgeHeldContacts, type HeldAccount } from "../engine/judge-held";
import { failureCauses, unreadAccountsLine } from "../drift/drift-report";
import { ALTERNATE_CONTACT_TYPES } from "../model/contact-types";
import { unreadTypes, type ReadFailure } from "../model/live-contacts";
import type { Registry } from "../model/types";
import { UsageError } from "../model/usage-error";
import { renderVerdict } from "../reports/render-verdict";
import { buildEvidence } from "../evidence/build-evidence";
import type { Evidence } from "../evidence/evidence";
import { provenanceOf } from "../evidence/provenance";
import { EVIDENCE_FILES, writeEvidence } from "../evidence/write-evidence";
import { checkOutputPath } from "../run/output-path";
import { EXIT_BAD_INPUT } from "../run/exit-codes";
import { RegistryNotLoaded } from "../run/load-inputs";
import { RegistryError, restateIssues } from "../registry/errors";
import { parseRegistry } from "../registry/load-registry";
import { policyModeFor, readRunContext, type RunContext } from "../run/run-context";
import { REGISTRY_LOOKUP } from "../run/settings";
import { judgeVerdict } from "../run/verdict";
import { callLimitsFor, CONCURRENCY_OPTION, parseConcurrency, readContactsFromAws, stopCleanlyOnInterrupt } from "./aws-command-support";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { heldAddresses, readDirectoryNow, snapshotCovering, type AuditRegistry } from "./audit-directory";
import { parseFlags } from "./parse-flags";

const NAME = "audit";
const FORMATS = ["text", "json", "sarif"] as const;
const TYPES = [...ALTERNATE_CONTACT_TYPES];

const OPTIONS = {
  registry: {
    value: "<file>",
    defaultFrom: REGISTRY_LOOKUP,
    description: "the registry whose directories, policy, people, groups and exceptions judge what AWS holds (its accounts may be left out)",
  },
  "directory-snapshot": {
    value: "<file>",
    description: "judge against this directory snapshot instead of reading the directory now; it must hold every address AWS holds",
  },
  format: { value: "<format>", choices: FORMATS, default: "text", description: "text (one line per root cause, a line per type), json or sarif" },
  evidence: {
    value: "<folder>",
    description: "also write contact-evidence.html, .csv and .md there: every account and type with who its address reaches (the three files are replaced)",
  },
  concurrency: CONCURRENCY_OPTION,
} as const satisfies OptionTable;

const ABOUT = `CIS AWS Foundations 1.1 from AWS and the company directory alone, for an organization that does not
manage its contacts as code (yet): reads every ACTIVE account of the organization and the alternate
contacts AWS holds for it, asks the company directory what each address is now (a group and its
current members, a person, or nothing), and judges every contact with the contact policy: per account
and type, who the address really reaches. The registry needs only a directories section (and, if you
like, a policy, people, groups and exceptions); policy.resolveAddressesIn defaults to the one directory.
The directory resolves emails, not phones: a phone AWS holds is judged against the registry's people and
groups (a hunt group's phone with its members), and one the registry does not register fails as unlisted.

The text is one line per root cause (one address failing on 400 accounts is one line), then one line
per type: how many accounts reach policy.minRecipients current people. --format json lists every
contact with the people it reaches; --format sarif is for code scanning. --evidence writes the evidence
page, CSV and Markdown (as contacts evidence does) of the audit: every account and type, its address, the
people it reaches and each rule's result.
`;

const NOTES = `AWS access: as contacts import, from the organization's management account (organizations:List* and
DescribeOrganization, account:GetAlternateContact). Directory access: as contacts directory read; the
addresses asked are exactly those AWS holds, one query per address. Progress goes to standard error.

Fail closed: a directory that cannot be read completely stops the audit (nothing is judged); an
account whose contacts could not be read is named and not judged.

Exit status: 0 every contact reaches enough current people and passes the policy; 1 a contact fails
(in enforce mode); 2 wrong usage, a registry or snapshot that does not load, a directory that could not
be read, or an account that could not be read (what was read is still reported).
`;

export const auditCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    const concurrency = parseConcurrency(NAME, values.concurrency);
    const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag: values.registry });
    const registry = withResolveAddressesIn(loadAuditRegistry(context, io.cwd));
    // Refused before AWS is read, so a wrong folder costs nothing.
    if (values.evidence !== undefined) checkEvidenceOutputs(io.cwd, values.evidence, [registry.file, values["directory-snapshot"]]);
    const stopped = stopCleanlyOnInterrupt(NAME, io);
    try {
      const { organization, accounts, failures } = await readOrganization(io, concurrency);
      const addresses = heldAddresses(accounts);
      const companyDirectory =
        values["directory-snapshot"] === undefined
          ? await readDirectoryNow(registry, addresses, io, context)
          : snapshotCovering(registry, values["directory-snapshot"], addresses, io.cwd, context.today);
      const judged = { ...registry, companyDirectory };
      const evaluation = judgeHeldContacts(judged, { today: context.today, rules: context.rules, accounts, types: TYPES });
      const verdict = judgeVerdict(evaluation, policyModeFor(context, registry));
      const reach = reachByType(evaluation.contacts, accounts, TYPES, registry.policy.minRecipients);
      const source = `contacts ${NAME}`;
      const options = { registryFile: registry.file, source, toolVersion: packageJson.version, cwd: io.cwd };
      if (values.format === "text") {
        const lines = reach.map((r) => typeReachLine(r, registry.policy.minRecipients));
        io.stdout(renderVerdict(verdict, "text", { ...options, text: { afterFindings: lines } }));
      } else io.stdout(renderVerdict(verdict, values.format, { ...options, json: { audit: auditSummary(accounts, reach, failures) } }));
      if (values.evidence !== undefined) {
        const auditAccounts = organization.map((a) => ({ ...a, contacts: {}, position: { file: registry.file, line: 1, column: 1 } }));
        const provenance = provenanceOf({ registryFile: registry.file, cwd: io.cwd, source, toolVersion: packageJson.version });
        const evidence = buildEvidence({ verdict, provenance, registry: { ...judged, accounts: auditAccounts }, effective: [] });
        io.stderr(`Evidence: ${writeAuditEvidence(io.cwd, values.evidence, evidence).join(", ")}\n`);
      }
      for (const cause of failureCauses(failures)) io.stderr(`error: ${unreadAccountsLine(cause, "those contacts were not judged.")}\n`);
      return failures.length ? EXIT_BAD_INPUT : verdict.exitStatus;
    } finally {
      stopped();
    }
  },
};

/**
 * The registry as the audit reads it: an organization that does not manage contacts as code has no accounts
 * to list, so a registry without an `accounts` section is read as if it had an empty one (appended, so every
 * line the loader names stays the file's own).
 */
function loadAuditRegistry(context: RunContext, cwd: string): Registry {
  const file = context.registry.path;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(
      `contacts ${NAME}: cannot read the registry ${file} (${(error as Error).message}); nothing was judged. Fix: give the registry that names your directories with --registry, e.g. version: 1 and a directories section.`,
    );
  }
  const withAccounts = /^accounts\s*:/m.test(text) ? text : `${text}${text.endsWith("\n") ? "" : "\n"}accounts: {}\n`;
  try {
    // With the run's today, as the loader reads any registry it judges (an exception's expiry is checked against it).
    return parseRegistry(file, withAccounts, { today: context.today });
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new RegistryNotLoaded(error, "registry", restateIssues(error, error.subject, "nothing was judged"));
  }
}

/** policy.resolveAddressesIn, or the registry's only directory: every address AWS holds is resolved there. */
function withResolveAddressesIn(registry: Registry): AuditRegistry {
  const named = registry.policy.resolveAddressesIn;
  const ids = [...(registry.directories?.keys() ?? [])];
  if (named !== undefined) return { ...registry, policy: { ...registry.policy, resolveAddressesIn: named } };
  if (ids.length === 1) return { ...registry, policy: { ...registry.policy, resolveAddressesIn: ids[0] } };
  throw new UsageError(
    ids.length === 0
      ? `contacts ${NAME}: ${registry.file} names no directories, so no address AWS holds can be resolved; nothing was judged. Fix: add a directories section naming your company directory (see docs/directories.md).`
      : `contacts ${NAME}: ${registry.file} names ${ids.length} directories (${ids.join(", ")}) and no policy.resolveAddressesIn, so which one resolves the addresses AWS holds is unclear; nothing was judged. Fix: set policy.resolveAddressesIn to one of them.`,
  );
}

/** Every ACTIVE account of the organization with the alternate contacts AWS holds; the SDK is loaded only here. */
/* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): the binary registers tsx for CommonJS only */
async function readOrganization(
  io: CliIo,
  concurrency: number,
): Promise<{ organization: { id: string; name: string; management: boolean }[]; accounts: HeldAccount[]; failures: ReadFailure[] }> {
  const { openOrganizationsClient } = require("../aws/organizations-client") as typeof import("../aws/organizations-client");
  const { readOrganizationTree } = require("../aws/organization-tree") as typeof import("../aws/organization-tree");
  io.stderr("Reading the organization's accounts from AWS Organizations...\n");
  const organization = await readOrganizationTree(await openOrganizationsClient(callLimitsFor(io)), `contacts ${NAME}`);
  const active = organization.accounts.filter((a) => a.state === "ACTIVE");
  const { contacts, failures } = await readContactsFromAws(
    NAME,
    io,
    active.map((a) => ({ id: a.id, management: a.id === organization.managementAccountId })),
    { concurrency, primary: false },
  );
  return {
    organization: active.map((a) => ({ id: a.id, name: a.name ?? a.id, management: a.id === organization.managementAccountId })),
    accounts: heldAccountsOfOrganization(active, contacts, unreadTypes(failures), TYPES),
    failures,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Each of the three evidence files: a new path or a regular file, none of the files this command reads. */
function checkEvidenceOutputs(cwd: string, folder: string, inputs: (string | undefined)[]): void {
  const read = inputs.flatMap((file) => (file === undefined ? [] : [{ file, role: "an input of contacts audit" }]));
  for (const name of Object.values(EVIDENCE_FILES)) checkOutputPath({ command: NAME, option: "--evidence", file: path.join(folder, name), cwd, inputs: read });
}

function writeAuditEvidence(cwd: string, folder: string, evidence: Evidence): string[] {
  try {
    return Object.values(writeEvidence(path.resolve(cwd, folder), evidence)).map((file) => path.relative(cwd, file));
  } catch (error) {
    throw new UsageError(
      `contacts ${NAME}: cannot write the evidence into ${folder} (${(error as Error).message}). Fix: choose a writable folder with --evidence.`,
    );
  }
}

/** The JSON and SARIF reports' own part: the accounts judged, the reach per type, the accounts that could not be read. */
function auditSummary(accounts: readonly HeldAccount[], reach: readonly TypeReach[], failures: readonly ReadFailure[]) {
  return { accountsJudged: accounts.length, reachByType: reach, unread: failures.map(({ accountId, type, code }) => ({ accountId, type, code })) };
}
