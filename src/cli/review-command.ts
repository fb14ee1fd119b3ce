import type { Rule } from "../engine/rule-contract";
import { EXIT_OK, EXIT_POLICY_FAILED } from "../run/exit-codes";
import { resolveEffectiveContacts } from "../registry/effective-contacts";
import { reviewChange, type ReviewSide } from "../review/contact-diff";
import { snapshotContacts } from "../review/contact-snapshot";
import { openRevision, pathInRepository, readAtRevision, type Revision } from "../review/git-revision";
import { judgeRegistry } from "../engine/judge-registry";
import { readBase, readWorkingTree, type LoadedSide } from "../review/read-sides";
import { RegistryNotLoaded } from "../run/load-inputs";
import { judgeVerdict } from "../run/verdict";
import { renderReviewMarkdown, renderUnloadableMarkdown } from "../review/render-review";
import { stacksToPlan } from "../review/stacks-to-plan";
import { deploymentFor, policyModeFor, readRunContext, type RunContext } from "../run/run-context";
import { REGISTRY_LOOKUP, type CdktfContext } from "../run/settings";
import { UsageError } from "../model/usage-error";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";

const NAME = "review";
const FORMATS = ["markdown", "json"] as const;

const OPTIONS = {
  base: { value: "<git-ref>", required: { example: "origin/main" }, description: "the revision to compare with, e.g. origin/main, HEAD~1" },
  registry: { value: "<file>", defaultFrom: REGISTRY_LOOKUP, description: "the registry in the working tree; the same path is read at the base revision" },
  format: { value: "<format>", choices: FORMATS, default: "markdown", description: "markdown or json" },
  "allow-new-registry": {
    description:
      "a base revision without the registry counts as an empty one (the change that adds the registry: every account shows as added) instead of an error",
  },
} as const satisfies OptionTable;

const ABOUT = `Compares the contacts registry at a base revision (read through git) with the working tree and
prints what the change does to every contact: a Markdown comment for the pull request, or JSON.

First, every change to the policy itself (settings and exceptions, before and after), weakenings
marked: each weakening is also a policy-weakened finding, its severity set by the base revision's
policy.weakeningSeverity (warning unless set to error).

For every account and contact type whose values or reach change: the card, email and phone before
and after, and the people gained and lost (group membership and departures count, not only the
address). Also accounts added and removed, policy findings introduced and fixed, exceptions added
and exceptions expiring within 30 days. Reordering, comments and renamed cards with the same values
are no contact change. Finally the stacks whose Terraform configuration changes (JSON: stacksToPlan),
so a pipeline plans only those; the base side's settings come from cdktf.json at the base revision.
`;

const NOTES = `Environment: CONTACTS_TODAY=YYYY-MM-DD judges departures, reviews and expiries as of that day;
CONTACTS_POLICY_MODE=warn|enforce overrides the registry's policy.mode, as in synth.

Exit status: 0 the registry after the change passes the policy (or fails it in warn mode), 1 it
fails, or the change weakens the policy and the base's policy.weakeningSeverity is error (the report
is printed either way), 2 wrong usage, a base revision that does not exist or has
no registry, or a registry or accounts file that does not parse on either side.
`;

export const reviewCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag: values.registry });
    const { today } = context;
    const registryFile = context.registry.path;
    const head = readHead(context, io, values.format);
    const revision = openRevision(values.base, io.cwd);
    const repositoryPath = pathInRepository(revision, registryFile, io.cwd);
    const base = readBaseSide(revision, { repositoryPath, allowMissing: values["allow-new-registry"] === true }, io, values.format);
    const baseSide = side(base, today, context.rules);
    const headSide = side(head, today, context.rules);
    const baseDeployment = deploymentFor(context, cdktfContextAt(revision, io.cwd));
    const stacks = stacksToPlan({ ...baseSide, deployment: baseDeployment }, { ...headSide, deployment: context.deployment });
    const headVerdict = judgeVerdict(headSide.evaluation, policyModeFor(context, head.registry));
    const review = reviewChange(baseSide, headSide, { today, headVerdict, stacksToPlan: stacks });
    if (values.format === "json") {
      // The policy first: a change to it changes how everything after it was judged.
      const { policy, ...rest } = review;
      const labels = { base: { ref: revision.ref, commit: revision.commit, registry: repositoryPath }, head: { registry: registryFile } };
      io.stdout(`${JSON.stringify({ policy, ...labels, ...rest }, null, 2)}\n`);
    } else {
      io.stdout(renderReviewMarkdown(review, revision));
    }
    return review.headFails || review.policy.fails ? EXIT_POLICY_FAILED : EXIT_OK;
  },
};

/**
 * The working tree's side. When it does not load, the Markdown comment says so before the usual error
 * (exit 2): the workflow posts whatever review printed, so the mistake reaches the pull request.
 */
function readHead(context: RunContext, io: CliIo, format: string): LoadedSide {
  try {
    return readWorkingTree(context, io.cwd);
  } catch (error) {
    if (error instanceof RegistryNotLoaded && format === "markdown")
      io.stdout(renderUnloadableMarkdown(error.what, error.registryError.file, error.registryError.issues));
    throw error;
  }
}

/** The base revision's side; when it does not load, the Markdown comment says so too: nothing, the policy included, was judged. */
function readBaseSide(revision: Revision, where: Parameters<typeof readBase>[1], io: CliIo, format: string): LoadedSide {
  try {
    return readBase(revision, where);
  } catch (error) {
    if (error instanceof RegistryNotLoaded && format === "markdown")
      io.stdout(renderUnloadableMarkdown(error.what, error.registryError.file, error.registryError.issues, revision));
    throw error;
  }
}

/** The deployment settings as of the base revision: a changed region or sharding alters every stack. */
function cdktfContextAt(revision: Revision, cwd: string): CdktfContext {
  const file = pathInRepository(revision, "cdktf.json", cwd);
  const text = readAtRevision(revision, file);
  if (text === undefined) return {};
  try {
    return (JSON.parse(text).context ?? {}) as CdktfContext;
  } catch (error) {
    throw new UsageError(
      `contacts review: ${file} at the base revision ${revision.ref} is not valid JSON (${(error as Error).message}). Fix: compare with a revision whose cdktf.json parses.`,
    );
  }
}

/** Resolves a side once; the judgement and the snapshot share its effective contacts and directory. */
function side({ registry, organization, absent }: LoadedSide, today: string, rules: readonly Rule[]): ReviewSide {
  const effective = resolveEffectiveContacts(registry);
  const evaluation = judgeRegistry(registry, { today, rules, organization, effective });
  return { registry, effective, evaluation, snapshot: snapshotContacts(effective, evaluation.context.directory), absent };
}
