import * as path from "path";
import type { OrganizationAccount } from "../model/organization";
import type { ReadText } from "../registry/organization-accounts";
import type { Registry } from "../model/types";
import { UsageError } from "../model/usage-error";
import { loadInputs, loadInputsFromText, type RegistryText } from "../run/load-inputs";
import type { RunContext } from "../run/run-context";
import { readAtRevision, type Revision } from "./git-revision";

export interface LoadedSide {
  registry: Registry;
  organization?: OrganizationAccount[];
  /** The base revision has no registry and an empty one stands in (--allow-new-registry). */
  absent?: boolean;
}

const HEAD = "in the working tree";
const atBase = (revision: Revision) => `at the base revision ${revision.ref}`;
/** What the base of the pull request that adds the registry holds: no accounts, so every account is added. */
const EMPTY_REGISTRY = "version: 1\naccounts: {}\n";

/**
 * The registry (and accounts file) in the working tree, read relative to the command's directory but labelled
 * as the user wrote the path. Given today, as synth is: an exception running past policy.maxExceptionDays is
 * the change's mistake. The base is read without it: the base is not what the change is judged on.
 */
export function readWorkingTree(context: Pick<RunContext, "registry" | "today" | "deployment">, cwd: string): LoadedSide {
  return loadInputs(context, { cwd, want: { organization: true, directorySnapshot: true }, ...onSide(HEAD) });
}

/**
 * The registry and its accounts file as of the base revision, both read through git. Findings name the
 * registry `<ref>:<path>`; the loader resolves the accounts file against the repository path.
 */
export function readBase(
  revision: Revision,
  /** `allowMissing`: --allow-new-registry, an absent registry counts as an empty one. */
  { repositoryPath, allowMissing }: { repositoryPath: string; allowMissing: boolean },
): LoadedSide {
  const text = readAtRevision(revision, repositoryPath);
  if (text === undefined && !allowMissing) {
    throw new UsageError(
      `contacts review: the base revision "${revision.ref}" has no registry at ${repositoryPath}. Fix: compare with a revision that has it, pass --registry with the path the registry had there, or --allow-new-registry when this change adds it.`,
    );
  }
  const source: RegistryText = {
    name: `${revision.ref}:${repositoryPath}`,
    text: text ?? EMPTY_REGISTRY,
    file: repositoryPath,
    readText: revisionReader(revision),
    root: revision.root,
  };
  const { registry, organization } = loadInputsFromText(source, { want: { organization: true, directorySnapshot: true }, ...onSide(atBase(revision)) });
  return { registry, organization, ...(text === undefined ? { absent: true } : {}) };
}

/** Repository paths read at the revision; a path outside the repository (the loader refuses it first) is never read. */
function revisionReader(revision: Revision): ReadText {
  return (file) => {
    const normalized = path.posix.normalize(file.split(path.sep).join("/"));
    const text = path.isAbsolute(file) || normalized.startsWith("../") ? undefined : readAtRevision(revision, normalized);
    if (text === undefined) throw Object.assign(new Error(`${file} does not exist at ${revision.ref}`), { code: "ENOENT" });
    return text;
  };
}

/** Review's headline for a registry or accounts file of one side that does not load: the side it is on, the base or the change. */
function onSide(where: string) {
  return { consequence: "nothing was compared", subject: (error: { file: string }, what: string) => `contacts review: the ${what} ${where} (${error.file})` };
}
