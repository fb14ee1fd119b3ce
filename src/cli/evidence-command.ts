import * as path from "path";
import packageJson from "../../package.json";
import { typesToCompare } from "../drift/drift";
import { failureCauses, unreadAccountsLine } from "../drift/drift-report";
import type { ReadFailure } from "../model/live-contacts";
import { judgeRegistry } from "../engine/judge-registry";
import { buildEvidence } from "../evidence/build-evidence";
import { readDriftFile } from "../evidence/drift-file";
import { notAsRegistered, type Evidence } from "../evidence/evidence";
import type { LiveView } from "../evidence/evidence-rows";
import { liveViewFromAws, liveViewFromDriftFile } from "../evidence/live-view";
import { provenanceOf } from "../evidence/provenance";
import { count, liveVerdictText, verdictText } from "../evidence/wording";
import { EVIDENCE_FILES, writeEvidence } from "../evidence/write-evidence";
import type { ContactType } from "../model/contact-types";
import { resolveEffectiveContacts, type EffectiveContacts } from "../registry/effective-contacts";
import { organizationAccountsPath } from "../registry/organization-accounts";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_POLICY_FAILED } from "../run/exit-codes";
import { checkOutputPath, type CommandInput } from "../run/output-path";
import { loadInputs } from "../run/load-inputs";
import { judgeVerdict } from "../run/verdict";
import { policyModeFor, readRunContext } from "../run/run-context";
import { REGISTRY_LOOKUP } from "../run/settings";
import { UsageError } from "../model/usage-error";
import { CONCURRENCY_OPTION, parseConcurrency, readRegistryAccountsFromAws, stopCleanlyOnInterrupt } from "./aws-command-support";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";

const NAME = "evidence";
const DEFAULT_OUTPUT = "evidence";

const OPTIONS = {
  registry: { value: "<file>", defaultFrom: REGISTRY_LOOKUP, description: "the contacts registry" },
  output: {
    value: "<folder>",
    default: DEFAULT_OUTPUT,
    description: "the folder for contact-evidence.html, contact-evidence.csv and contact-evidence.md (created when missing; the three files are replaced)",
  },
  live: {
    description:
      "also read the contacts AWS holds now, as contacts drift does, and show for every row whether they match the registry, with the time they were read",
  },
  drift: {
    value: "<file>",
    description: "show what AWS held from an earlier `contacts drift --format json` output instead of reading AWS",
  },
  concurrency: { ...CONCURRENCY_OPTION, description: `with --live: ${CONCURRENCY_OPTION.description}` },
} as const satisfies OptionTable;

const ABOUT = `Writes the evidence an auditor asks for about CIS AWS Foundations 1.1 ("maintain current contact
details") into one folder: contact-evidence.html, a self-contained page (no network) with the
organization, the registry's git commit and sha256, the generation time and the policy's verdict,
the summary, every account's contacts by type (card and where it comes from, email, phone, the people
reached, the group and its review date, each rule's result, exceptions) filterable and sortable, and
who is reached: the groups with their members and the accounts that depend on them; contact-evidence.csv,
one row per account and type, safe to open in a spreadsheet; contact-evidence.md, the summary and
the failing and excepted items for a ticket. \`cdktf synth\` writes the same files beside its reports.

With --live (or --drift), each row also shows what AWS holds and whether it matches the registry:
evidence of what is, not only of what was intended.
`;

const NOTES = `AWS access (--live only): as contacts drift, with account:GetAlternateContact and
account:GetContactInformation from the management account; progress goes to standard error.
CONTACTS_POLICY_MODE and CONTACTS_TODAY apply as in synth.

With AWS's values, the page, the CSV and the Markdown also give a separate verdict on what AWS
holds now: its contacts judged by the same rules, with the registry's people, groups and exceptions.

Exit status: 0 the files were written and the registry passes (or fails in warn mode) and, with
--live or --drift, AWS matches it and what AWS holds passes; 1 the files were written and the policy
fails in enforce mode, AWS differs, or a contact AWS holds fails the policy in enforce mode; 2 wrong
usage, a registry, accounts file or drift file that does not load (nothing written), or an account
whose contacts could not be read (the files are written, those rows say so).
`;

export const evidenceCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    if (values.live && values.drift !== undefined)
      throw new UsageError(`contacts ${NAME}: --live and --drift both say where AWS's contacts come from. Fix: give one of them.`);
    const concurrency = values.live ? parseConcurrency(NAME, values.concurrency) : 0;
    const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag: values.registry });
    const { registry, organization } = loadInputs(context, {
      cwd: io.cwd,
      want: { organization: true, importSet: true, directorySnapshot: true },
      consequence: "no evidence was written",
    });
    const driftReport = values.drift === undefined ? undefined : readDriftFile(NAME, values.drift, io.cwd);
    checkEvidenceOutputs(io.cwd, values.output, [
      { file: registry.file, role: "the contacts registry" },
      ...[organizationAccountsPath(registry)].flatMap((file) => (file ? [{ file, role: "the organization accounts file" }] : [])),
      ...(values.drift === undefined ? [] : [{ file: values.drift, role: "the drift file" }]),
    ]);
    const effective = resolveEffectiveContacts(registry);
    const verdict = judgeVerdict(
      judgeRegistry(registry, { today: context.today, rules: context.rules, organization, effective }),
      policyModeFor(context, registry),
    );
    const types = typesToCompare(effective);
    const provenance = provenanceOf({ registryFile: registry.file, cwd: io.cwd, source: `contacts ${NAME}`, toolVersion: packageJson.version });

    let live: LiveView | undefined;
    let failures: readonly ReadFailure[] = [];
    if (driftReport) live = liveViewFromDriftFile(effective, driftReport, types, { file: values.drift!, registrySha256: provenance.registrySha256 });
    if (values.live) ({ live, failures } = await readAws(io, effective, types, concurrency));

    const evidence = buildEvidence({ verdict, provenance, registry, effective, live });
    const paths = write(io.cwd, values.output, evidence);
    io.stdout(`Evidence: ${paths.join(", ")}\n${summaryLine(evidence)}\n`);
    for (const line of failureLines(failures)) io.stderr(`${line}\n`);
    const differs = evidence.summary.live ? notAsRegistered(evidence.summary.live) : 0;
    // What AWS holds fails the run as the registry's values would: in enforce mode (warn mode reports it, as the page does).
    const liveFails = evidence.liveVerdict?.failsInMode ?? false;
    if (failures.length) return EXIT_BAD_INPUT;
    return verdict.failed || differs > 0 || liveFails ? EXIT_POLICY_FAILED : EXIT_OK;
  },
};

/** What AWS holds now (the SDK is loaded only with --live: without it the command never pays for it). */
async function readAws(io: CliIo, effective: readonly EffectiveContacts[], types: ContactType[], concurrency: number) {
  const stopped = stopCleanlyOnInterrupt(NAME, io);
  try {
    const read = await readRegistryAccountsFromAws(NAME, io, effective, types, concurrency);
    return { live: liveViewFromAws(effective, read, types), failures: read.failures };
  } finally {
    stopped();
  }
}

/**
 * Each of the three files the folder gets: a new path or a regular file (a symbolic link to one is followed),
 * none of the files this command read. Checked before AWS is read, so a refusal costs nothing.
 */
function checkEvidenceOutputs(cwd: string, folder: string, inputs: CommandInput[]): void {
  for (const name of Object.values(EVIDENCE_FILES)) checkOutputPath({ command: NAME, option: "--output", file: path.join(folder, name), cwd, inputs });
}

function write(cwd: string, output: string, evidence: Evidence): string[] {
  try {
    return Object.values(writeEvidence(path.resolve(cwd, output), evidence)).map((file) => {
      const relative = path.relative(cwd, file);
      return relative.startsWith("..") ? file : relative;
    });
  } catch (error) {
    throw new UsageError(
      `contacts ${NAME}: cannot write the evidence into ${output} (${(error as Error).message}). Fix: choose a writable folder with --output.`,
    );
  }
}

function summaryLine(evidence: Evidence): string {
  const { summary } = evidence;
  let line = `${count(summary.accounts, "account")}, ${count(summary.contacts, "contact")}. ${verdictText(evidence)}`;
  if (summary.live && evidence.live) {
    const differ = notAsRegistered(summary.live);
    const unread = summary.live["not-read"] + summary.live.unknown;
    line += ` AWS (${evidence.live.readAt}): ${summary.live.matches} match, ${differ} differ${unread ? `, ${unread} not known` : ""}.`;
  }
  const live = liveVerdictText(evidence);
  if (live) line += ` ${live}`;
  return line;
}

/** Failed reads by error code, one line each, as drift says them. */
function failureLines(failures: readonly ReadFailure[]): string[] {
  return failureCauses(failures).map((cause) => `error: ${unreadAccountsLine(cause, "the rows of what could not be read say not read.")}`);
}
