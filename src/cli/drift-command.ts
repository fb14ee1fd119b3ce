import * as fs from "fs";
import * as path from "path";
import { compareContacts, heldAccountsOf, typesToCompare } from "../drift/drift";
import { driftCauses, failureCauses, formatDriftText } from "../drift/drift-report";
import { existingContactsText, parseExistingContacts, updateExistingContacts } from "../registry/existing-contacts-file";
import { unreadTypes } from "../model/live-contacts";
import { fileSha256 } from "../evidence/provenance";
import { resolveEffectiveContacts, type EffectiveContacts } from "../registry/effective-contacts";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_POLICY_FAILED } from "../run/exit-codes";
import { policyModeFor, readRunContext } from "../run/run-context";
import { judgeHeldContacts } from "../engine/judge-held";
import { countFindings, formatRootCause } from "../reports/format-finding";
import { loadInputs } from "../run/load-inputs";
import { judgeVerdict, type Verdict } from "../run/verdict";
import { REGISTRY_LOOKUP } from "../run/settings";
import { UsageError } from "../model/usage-error";
import { CONCURRENCY_OPTION, parseConcurrency, readRegistryAccountsFromAws, stopCleanlyOnInterrupt } from "./aws-command-support";
import { summarizeFinding } from "../review/finding-changes";
import type { CliCommand, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";
import { writeOutputs } from "../run/write-atomically";

const NAME = "drift";
const FORMATS = ["text", "json"] as const;

const OPTIONS = {
  registry: { value: "<file>", defaultFrom: REGISTRY_LOOKUP, description: "the contacts registry" },
  accounts: { value: "<ids>", description: "only these registry accounts, comma-separated 12-digit ids (default: every account of the registry)" },
  format: {
    value: "<format>",
    choices: FORMATS,
    default: "text",
    description: "text (one line per cause) or json (every account and type, the accounts read, and the registry's sha256, for contacts evidence --drift)",
  },
  concurrency: CONCURRENCY_OPTION,
  existing: {
    value: "<file>",
    description:
      "also record which contacts AWS holds in this file (the accounts read replace their entries), for importExistingContacts; cdktf.json's existingContactsFile names it for synthesis",
  },
} as const satisfies OptionTable;

const ABOUT = `Compares the contacts AWS holds with the values the stack would write (the registry's effective
contacts), per account and type, and says what differs: a contact missing in AWS, a different value
(naming the field), or a contact present in AWS that the registry does not set. It needs no Terraform
state and no refresh: reads are paced under Account Management's quota (10 reads a second per calling
account for each of GetAlternateContact and GetContactInformation), about 0.3 s an account instead of
a refresh's 0.55 s, and it can run on a schedule to catch changes made in the console.

The same difference on many accounts (a card changed by hand everywhere) is one line with the count
and the first accounts; --format json lists every account, the accounts read and the sha256 of the
registry compared against. Primary contacts are compared when the registry sets any. A type that could
not be read is not compared; the types of the same account that were read are.
`;

const NOTES = `AWS access: the SDK's own credentials, region (default us-east-1) and endpoint
(AWS_ENDPOINT_URL_ACCOUNT), as the organization's management account (the registry's management: true
account is read without AccountId, as Terraform does), with account:GetAlternateContact and
account:GetContactInformation. Progress goes to standard error.

What AWS holds is also judged by the contact policy (the same rules, with the registry's people, groups
and exceptions): a contact AWS holds that fails is reported below the drift, as a policy line and its causes.

Exit status: 0 in sync and what AWS holds passes, 1 drift, or a contact AWS holds fails the policy
(in enforce mode; warn mode reports it), 2 wrong usage, a registry that does not load, or a read that failed
(each account named; the drift found elsewhere is still reported).
`;

export const driftCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    const concurrency = parseConcurrency(NAME, values.concurrency);
    const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag: values.registry });
    const { registry } = loadInputs(context, { cwd: io.cwd, want: { directorySnapshot: true }, consequence: "nothing was compared" });
    const registrySha256 = fileSha256(path.resolve(io.cwd, context.registry.path));
    const accounts = selectAccounts(resolveEffectiveContacts(registry), values.accounts);
    const types = typesToCompare(accounts);
    const previous = values.existing ? readPreviousRecord(io.cwd, values.existing) : undefined;

    const stopped = stopCleanlyOnInterrupt(NAME, io);
    try {
      const { readAt, contacts, failures } = await readRegistryAccountsFromAws(NAME, io, accounts, types, concurrency);
      const unread = unreadTypes(failures);
      const drift = compareContacts(accounts, contacts, types, unread);
      // Drift says whether AWS holds the registry's values; this says whether what AWS holds passes the policy.
      const heldJudged = judgeHeldContacts(registry, {
        today: context.today,
        rules: context.rules,
        accounts: heldAccountsOf(accounts, contacts, types, unread),
        types,
      });
      const judged = judgeVerdict(heldJudged, policyModeFor(context, registry));
      if (values.existing) {
        const record = updateExistingContacts(previous, contacts, unread);
        writeOutputs(NAME, io.cwd, [{ file: values.existing, text: existingContactsText(record, readAt) }]);
        // On stderr: standard output is the report (JSON with --format json), and the record changed as well.
        const held = [...record.values()].reduce((n, types) => n + types.size, 0);
        io.stderr(
          `contacts ${NAME}: ${previous ? "updated" : "wrote"} ${values.existing}: the contacts AWS holds in the ${contacts.size} account(s) read` +
            `${previous ? ", the entries of other accounts kept" : ""}; ${held} contacts of ${record.size} accounts recorded.\n`,
        );
      }
      if (values.format === "json") {
        const report = {
          inSync: drift.length === 0 && failures.length === 0,
          readAt,
          // What contacts evidence --drift needs to tell a match from what it cannot know: the registry compared against, and the accounts read.
          registry: { file: context.registry.path, sha256: registrySha256 },
          accountsRead: contacts.size,
          accountIdsRead: [...contacts.keys()].sort(),
          causes: driftCauses(drift),
          drift,
          failures: failureCauses(failures),
          policy: livePolicy(judged),
        };
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else io.stdout(`${formatDriftText(drift, failures, contacts.size)}${livePolicyText(judged)}`);
      return failures.length ? EXIT_BAD_INPUT : drift.length || judged.failed ? EXIT_POLICY_FAILED : EXIT_OK;
    } finally {
      stopped();
    }
  },
};

/** The registry's accounts, or only those --accounts names: each must be in the registry. */
function selectAccounts(all: EffectiveContacts[], filter: string | undefined): EffectiveContacts[] {
  if (filter === undefined) return all;
  const wanted = new Set(
    filter
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean),
  );
  const known = new Set(all.map((a) => a.account.id));
  const unknown = [...wanted].filter((id) => !known.has(id));
  if (unknown.length || wanted.size === 0) {
    throw new UsageError(
      `contacts ${NAME}: --accounts ${filter} names ${unknown.length ? `account(s) not in the registry: ${unknown.join(", ")}` : "no account"}. Fix: give registry account ids, comma-separated, e.g. --accounts ${all[0]?.account.id ?? "123456789012"}.`,
    );
  }
  return all.filter((a) => wanted.has(a.account.id));
}

/** The record --existing updates, when there is one already. */
function readPreviousRecord(cwd: string, file: string) {
  const absolute = path.resolve(cwd, file);
  return fs.existsSync(absolute) ? parseExistingContacts(file, fs.readFileSync(absolute, "utf8")) : undefined;
}

/** Root causes listed under the policy line: the JSON report has every finding. */
const POLICY_CAUSES_SHOWN = 10;

/** The policy's verdict on what AWS holds, as drift's text ends: one line, then each cause that stands. */
function livePolicyText({ evaluation: judged, mode, rootCauses }: Verdict): string {
  const { errors, warnings } = countFindings(judged.findings);
  const judgedContacts = `${judged.contacts.length} contact(s) judged`;
  const warned = warnings ? `, ${warnings} warning(s)` : "";
  const accounts = new Set(judged.findings.filter((f) => f.severity === "error" && !f.excepted).map((f) => f.accountId)).size;
  const lines = [
    judged.failed
      ? `policy: what AWS holds fails the contact policy: ${errors} error(s) on ${accounts} account(s)${warned} (${judgedContacts}${mode === "warn" ? "; warn mode: not enforced" : ""}).`
      : `policy: what AWS holds passes the contact policy (${judgedContacts}${warned}).`,
  ];
  const causes = rootCauses.filter((cause) => cause.level !== "excepted");
  for (const cause of causes.slice(0, POLICY_CAUSES_SHOWN)) lines.push(`  ${formatRootCause(cause)}`);
  if (causes.length > POLICY_CAUSES_SHOWN) lines.push(`  … and ${causes.length - POLICY_CAUSES_SHOWN} more cause(s): --format json lists every finding.`);
  return `${lines.join("\n")}\n`;
}

/** The policy's verdict on what AWS holds, for --format json: every finding, with the account and type it is about. */
function livePolicy({ evaluation: judged, mode }: Verdict) {
  return {
    passes: !judged.failed,
    mode,
    contactsJudged: judged.contacts.length,
    ...countFindings(judged.findings),
    findings: judged.findings.map((f) => ({ ...summarizeFinding(f), ...(f.excepted ? { excepted: f.excepted } : {}) })),
  };
}
