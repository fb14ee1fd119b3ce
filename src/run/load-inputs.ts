import * as fs from "fs";
import * as path from "path";
import type { OrganizationAccount } from "../model/organization";
import type { Registry } from "../model/types";
import { UsageError } from "../model/usage-error";
import { OrganizationAccountsError } from "../registry/accounts-file-errors";
import { RegistryError, restateIssues } from "../registry/errors";
import { loadExistingContacts, refuseExistingContactsOutsideRepository, type ExistingContacts } from "../registry/existing-contacts-file";
import { checkImportSet } from "../registry/import-set";
import { DirectorySnapshotError } from "../registry/directory-snapshot-errors";
import { loadDirectorySnapshot } from "../registry/directory-snapshot-file";
import { loadRegistry, parseRegistry } from "../registry/load-registry";
import { loadOrganizationAccounts, organizationAccountsPath, type ReadText } from "../registry/organization-accounts";
import type { RunContext } from "./run-context";

/**
 * Everything a run judges, loaded in one place: the registry and what lies beside it. A new input is one more
 * optional field here, one more `want` flag, and one more step in loadBeside. The directory snapshot is
 * judged with the registry's people and groups, so it rides on the registry (Registry.companyDirectory).
 */
export interface LoadedInputs {
  registry: Registry;
  /** The organization's accounts from the file the registry names (organization.accountsFile); undefined when it names none or they were not wanted. */
  organization?: OrganizationAccount[];
  /** The record of the contacts AWS holds (cdktf.json's existingContactsFile), read when the deployment imports existing contacts. */
  existingContacts?: ExistingContacts;
}

/** Which inputs beside the registry a command reads. */
export interface InputsWanted {
  organization?: boolean;
  /** The existing-contacts record, when the deployment imports existing contacts (synth's alone). */
  existingContacts?: boolean;
  /** Stop when the files `contacts import` wrote together carry different import ids (import-set.ts). */
  importSet?: boolean;
  /**
   * The directory snapshot (directorySnapshot), when the registry names directories: every command that judges
   * wants it; only `contacts directory read`, which writes it, does not.
   */
  directorySnapshot?: boolean;
}

/** A registry read as text (review's base side, through git) rather than from the working tree. */
export interface RegistryText {
  /** The registry's name in findings and errors, e.g. `origin/main:contacts/registry.yaml`. */
  name: string;
  text: string;
  /** Its path in the repository: what its organization accounts file is resolved against. */
  file: string;
  /** Reads a file beside it, by its path in the repository. */
  readText: ReadText;
  /** The folder those paths are relative to (the repository's top level). */
  root: string;
}

export interface LoadInputsOptions {
  /** The folder the run's files are relative to. */
  cwd: string;
  want: InputsWanted;
  /** What the command did not do, for the headline: "nothing was judged", "nothing was synthesized". */
  consequence: string;
  /** The headline's subject for what did not load (`what`: "registry" or "organization accounts file (...)"); the loader's own by default. */
  subject?: (error: RegistryError, what: string) => string;
}

/**
 * The run's inputs, each read once, in this order: the registry; the existing-contacts record's place (refused
 * outside the repository before anything beside the registry is read); then loadBeside: the organization
 * accounts file, the record, the import set. A registry or accounts file that does not load is one usage error, RegistryNotLoaded,
 * under the command's headline; the other inputs' usage errors are their own.
 */
export function loadInputs(context: Pick<RunContext, "registry" | "today" | "deployment">, options: LoadInputsOptions): LoadedInputs {
  const { cwd, want } = options;
  return underHeadline(options, () => {
    const registry = loadRegistry(context.registry.path, context.registry.origin, cwd, { today: context.today });
    // cdktf.json is part of a change under review like the registry: its record is refused outside the repository
    // before anything beside the registry is read. (An app that hands addContactsStacks its own settings chose its path.)
    if (want.existingContacts && context.deployment.importExisting) refuseExistingContactsOutsideRepository(context.deployment.existingContactsFile, cwd);
    return withCompanyDirectory(registry, loadBeside(registry, { cwd, want, deployment: context.deployment, today: context.today }));
  });
}

/**
 * The inputs of a registry given as text (review's base revision, read through git), under the same headline
 * as loadInputs. Read without today: a revision is not what a change is judged on. Only the organization
 * accounts file lies beside it: the record and the import set are the working tree's.
 */
export function loadInputsFromText(source: RegistryText, options: Omit<LoadInputsOptions, "cwd">): LoadedInputs {
  return underHeadline(options, () => {
    const registry = parseRegistry(source.name, source.text);
    const inRepository = { ...registry, file: source.file };
    const organization = options.want.organization ? loadOrganizationAccounts(inRepository, source.readText, source.root) : undefined;
    const companyDirectory = options.want.directorySnapshot ? loadDirectorySnapshot(inRepository, source.readText, source.root, undefined) : undefined;
    return withCompanyDirectory(registry, { ...(organization ? { organization } : {}), companyDirectory });
  });
}

/**
 * What lies beside a registry already loaded: loadInputs' second half, also what addContactsStacks reads for an
 * app that hands it only a registry. Files are relative to `cwd`, as the registry is.
 */
export function loadBeside(
  registry: Registry,
  {
    cwd,
    want,
    deployment,
    today,
  }: { cwd: string; want: InputsWanted; deployment: Pick<RunContext["deployment"], "importExisting" | "existingContactsFile">; today: string },
): Omit<LoadedInputs, "registry"> & { companyDirectory?: Registry["companyDirectory"] } {
  const record = want.existingContacts && deployment.importExisting ? deployment.existingContactsFile : undefined;
  const fromCwd = (file: string) => fs.readFileSync(path.resolve(cwd, file), "utf8");
  const organization = want.organization ? loadOrganizationAccounts(registry, fromCwd, cwd) : undefined;
  const existingContacts = record === undefined ? undefined : loadExistingContacts(record, cwd);
  if (want.importSet) checkImportSet({ registry: registry.file, snapshot: organizationAccountsPath(registry), record }, cwd);
  const companyDirectory = want.directorySnapshot ? loadDirectorySnapshot(registry, fromCwd, cwd, today) : undefined;
  return { ...(organization ? { organization } : {}), ...(existingContacts ? { existingContacts } : {}), ...(companyDirectory ? { companyDirectory } : {}) };
}

/** The inputs with the directory snapshot on the registry, where the judge finds it beside the people and groups. */
export function withCompanyDirectory(
  registry: Registry,
  { companyDirectory, ...beside }: Omit<LoadedInputs, "registry"> & { companyDirectory?: Registry["companyDirectory"] },
): LoadedInputs {
  return { registry: companyDirectory ? { ...registry, companyDirectory } : registry, ...beside };
}

/** The command's usage error for a registry (or the accounts file it names) that does not load, with the loader's issues for its reports. */
export class RegistryNotLoaded extends UsageError {
  constructor(
    readonly registryError: RegistryError,
    /** "registry", or "organization accounts file (organization.accountsFile at <file:line:column>)": what did not load. */
    readonly what: string,
    message: string,
  ) {
    super(message);
  }
}

function underHeadline<T>(options: Pick<LoadInputsOptions, "consequence" | "subject">, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    const what =
      error instanceof DirectorySnapshotError
        ? `directory snapshot ${error.snapshotFile}`
        : error instanceof OrganizationAccountsError
          ? `organization accounts file (organization.accountsFile at ${error.namedAt.file}:${error.namedAt.line}:${error.namedAt.column})`
          : "registry";
    const subject = options.subject ? options.subject(error, what) : error.subject;
    throw new RegistryNotLoaded(error, what, restateIssues(error, subject, options.consequence));
  }
}
