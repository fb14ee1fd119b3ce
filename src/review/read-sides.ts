import * as fs from "fs";
import * as path from "path";
import type { OrganizationAccount } from "../model/organization";
import { formatPosition } from "../reports/format-finding";
import { OrganizationAccountsError } from "../registry/accounts-file-errors";
import { RegistryError, restateIssues } from "../registry/errors";
import { loadRegistry, parseRegistry } from "../registry/load-registry";
import { loadOrganizationAccounts, type ReadText } from "../registry/organization-accounts";
import type { Registry } from "../model/types";
import { UsageError } from "../model/usage-error";
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
export function readWorkingTree(file: string, origin: string, cwd: string, today?: string): LoadedSide {
  const registry = onSide(HEAD, () => loadRegistry(file, origin, cwd, { today }));
  const organization = onSide(HEAD, () => loadOrganizationAccounts(registry, (name) => fs.readFileSync(path.resolve(cwd, name), "utf8"), cwd));
  return { registry, organization };
}

/**
 * The registry and its accounts file as of the base revision, both read through git. Findings name the
 * registry `<ref>:<path>`; the loader resolves the accounts file against the repository path.
 */
export function readBase(revision: Revision, repositoryPath: string, allowMissing: boolean): LoadedSide {
  const text = readAtRevision(revision, repositoryPath);
  if (text === undefined && !allowMissing) {
    throw new UsageError(
      `contacts review: the base revision "${revision.ref}" has no registry at ${repositoryPath}. Fix: compare with a revision that has it, pass --registry with the path the registry had there, or --allow-new-registry when this change adds it.`,
    );
  }
  const registry = onSide(atBase(revision), () => parseRegistry(`${revision.ref}:${repositoryPath}`, text ?? EMPTY_REGISTRY));
  const inRepository = { ...registry, file: repositoryPath };
  const organization = onSide(atBase(revision), () => loadOrganizationAccounts(inRepository, revisionReader(revision), revision.root));
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

/** A registry or accounts file of one side that does not load: its issues, under review's headline. */
export class SideNotLoaded extends UsageError {
  constructor(
    readonly registryError: RegistryError,
    readonly onHead: boolean,
    /** "registry" or "organization accounts file (...)": what did not load, as the headline names it. */
    readonly what: string,
    where: string,
  ) {
    super(restateIssues(registryError, `contacts review: the ${what} ${where} (${registryError.file})`, "nothing was compared"));
  }
}

/** A registry or accounts file that does not load, labelled with the side it is on: the base or the change. */
function onSide<T>(where: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    const what =
      error instanceof OrganizationAccountsError ? `organization accounts file (organization.accountsFile at ${formatPosition(error.namedAt)})` : "registry";
    throw new SideNotLoaded(error, where === HEAD, what, where);
  }
}
