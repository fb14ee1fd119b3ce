import * as fs from "fs";
import * as path from "path";
import type { OrganizationAccount } from "../../policies/organization-coverage";
import { formatPosition } from "../../policies/report/format-finding";
import { EXIT_OK, EXIT_POLICY_FAILED } from "../exit-codes";
import { RegistryError, registryNotFound, restateIssues } from "../registry/errors";
import { OrganizationAccountsError } from "../registry/accounts-file-errors";
import { parseRegistry } from "../registry/load-registry";
import { loadOrganizationAccounts, type ReadText } from "../registry/organization-accounts";
import type { Registry } from "../registry/types";
import { reviewChange, type ReviewSide } from "../review/contact-diff";
import { snapshotContacts } from "../review/contact-snapshot";
import { openRevision, pathInRepository, readAtRevision, type Revision } from "../review/git-revision";
import { stacksToPlan } from "../review/stacks-to-plan";
import { judgeRegistry } from "../review/judge-registry";
import { renderReviewMarkdown } from "../review/render-review";
import { readSettings } from "../settings";
import { policyMode } from "../policy-mode";
import { policyToday } from "../today";
import { UsageError } from "../usage-error";
import type { CliCommand } from "./command";
import { oneOf, parseFlags } from "./parse-flags";

const FORMATS = ["markdown", "json"] as const;

const HELP = `Usage: contacts review --base <git-ref> [--registry <file>] [--format markdown|json]

Compares the contacts registry at a base revision (read through git) with the working tree and
prints what the change does to every contact: a Markdown comment for the pull request, or JSON.

For every account and contact type whose values or reach change: the card, email and phone before
and after, and the people gained and lost (group membership and departures count, not only the
address). Also accounts added and removed, policy findings introduced and fixed, exceptions added
and exceptions expiring within 30 days. Reordering, comments and renamed cards with the same values
are no contact change. Finally the stacks whose Terraform configuration changes (JSON: stacksToPlan),
so a pipeline plans only those; the base side's settings come from cdktf.json at the base revision.

Options:
  --base <git-ref>     the revision to compare with, e.g. origin/main, HEAD~1 (required)
  --registry <file>    the registry in the working tree (default: CONTACTS_REGISTRY, then cdktf.json
                       context contactsRegistry, then contacts/registry.yaml); the same path is read
                       at the base revision
  --format <format>    markdown (default) or json
  -h, --help           this text

Environment: CONTACTS_TODAY=YYYY-MM-DD judges departures, reviews and expiries as of that day;
CONTACTS_POLICY_MODE=warn|enforce overrides the registry's policy.mode, as in synth.

Exit status: 0 the registry after the change passes the policy (or fails it in warn mode), 1 it
fails (the report is printed either way), 2 wrong usage, a base revision that does not exist or has no registry, or a registry
that does not parse on either side.
`;

export const reviewCommand: CliCommand = {
  name: "review",
  summary: "what a change to the registry does to every contact, for a pull request",
  help: HELP,
  async run(args, io) {
    const { values } = parseFlags("review", args, { base: { type: "string" }, registry: { type: "string" }, format: { type: "string" } });
    if (!values.base) throw new UsageError("contacts review: --base <git-ref> is required. Fix: e.g. `contacts review --base origin/main`.");
    const format = oneOf("review", "format", values.format as string | undefined, FORMATS, "markdown");
    const today = policyToday(io.env);
    const settings = readSettings(undefined, io.env, io.cwd);
    const registryFile = (values.registry as string | undefined) ?? settings.registryPath;
    const revision = openRevision(values.base as string, io.cwd);
    const repositoryPath = pathInRepository(revision, registryFile, io.cwd);

    const head = onSide("in the working tree", () => readWorkingTree(registryFile, values.registry ? "--registry" : settings.registryOrigin, io.cwd));
    const baseText = readAtRevision(revision, repositoryPath);
    if (baseText === undefined) {
      throw new UsageError(`contacts review: the base revision "${revision.ref}" has no registry at ${repositoryPath}. Fix: compare with a revision that has it, or pass --registry with the path the registry had there.`);
    }
    const base = onSide(`at the base revision ${revision.ref}`, () => parseRegistry(`${revision.ref}:${repositoryPath}`, baseText));

    const baseOrganization = onSide(`at the base revision ${revision.ref}`, () => loadOrganizationAccounts(base, revisionReader(revision)));
    const headOrganization = onSide("in the working tree", () => loadOrganizationAccounts(head, (file) => fs.readFileSync(path.resolve(io.cwd, file), "utf8")));
    const baseSide = side(base, today, baseOrganization);
    const headSide = side(head, today, headOrganization);
    const baseSettings = readSettings(cdktfContextAt(revision, io.cwd), io.env, io.cwd);
    const stacks = stacksToPlan({ ...baseSide, settings: baseSettings }, { ...headSide, settings });
    const review = reviewChange(baseSide, headSide, { today, mode: policyMode(io.env, head.policy.mode), stacksToPlan: stacks });
    if (format === "json") {
      io.stdout(`${JSON.stringify({ base: { ref: revision.ref, commit: revision.commit, registry: repositoryPath }, head: { registry: registryFile }, ...review }, null, 2)}\n`);
    } else {
      io.stdout(renderReviewMarkdown(review, revision));
    }
    return review.headFails ? EXIT_POLICY_FAILED : EXIT_OK;
  },
};

/** Read relative to the command's directory, but labelled as the user wrote the path: findings point at it. */
function readWorkingTree(file: string, origin: string, cwd: string): Registry {
  const absolute = path.resolve(cwd, file);
  if (!fs.existsSync(absolute)) throw registryNotFound(file, origin);
  return parseRegistry(file, fs.readFileSync(absolute, "utf8"));
}

/** The deployment settings as of the base revision: a changed region or sharding alters every stack. */
function cdktfContextAt(revision: Revision, cwd: string): Record<string, unknown> {
  const file = pathInRepository(revision, "cdktf.json", cwd);
  const text = readAtRevision(revision, file);
  if (text === undefined) return {};
  try {
    return (JSON.parse(text).context ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`contacts review: ${file} at the base revision ${revision.ref} is not valid JSON (${(error as Error).message}). Fix: compare with a revision whose cdktf.json parses.`);
  }
}

function side(registry: Registry, today: string, organization: OrganizationAccount[] | undefined): ReviewSide {
  return { registry, snapshot: snapshotContacts(registry, today), evaluation: judgeRegistry(registry, today, organization) };
}

/**
 * Reads `<ref>:<path>` names (the base registry's file name, and the accounts file beside it) from the
 * revision, so coverage at the base is judged against the accounts file as it was then.
 */
function revisionReader(revision: Revision): ReadText {
  const prefix = `${revision.ref}:`;
  return (file) => {
    const text = file.startsWith(prefix) ? readAtRevision(revision, path.posix.normalize(file.slice(prefix.length))) : undefined;
    if (text === undefined) throw Object.assign(new Error(`${file} does not exist at ${revision.ref}`), { code: "ENOENT" });
    return text;
  };
}

/** A registry or accounts file that does not load, labelled with the side it is on: the base or the change. */
function onSide<T>(where: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    const what = error instanceof OrganizationAccountsError ? `organization accounts file (organization.accountsFile at ${formatPosition(error.namedAt)})` : "registry";
    throw new UsageError(restateIssues(error, `contacts review: the ${what} ${where} (${error.file})`, "nothing was compared"));
  }
}

