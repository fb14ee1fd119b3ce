import * as fs from "fs";
import * as path from "path";
import { RegistryError, restateIssues } from "../registry/errors";
import { loadRegistry } from "../registry/load-registry";
import { checkImportSet } from "../import/import-set";
import { loadOrganizationAccounts, organizationAccountsPath } from "../registry/organization-accounts";
import type { Registry } from "../model/types";
import { UsageError } from "../model/usage-error";

/**
 * The registry and the organization accounts file it names, loaded as synth loads them (given today, files
 * relative to the command's folder). Problems with either come back as one usage error under the command's
 * headline: what did not load (`subject`, the error's own by default) and what the command did not do; the
 * two written by different runs of `contacts import` are one usage error saying so (checkImportSet).
 */
export function readRegistryAndOrganization(
  location: { path: string; origin: string },
  cwd: string,
  today: string,
  consequence: string,
  subject: (error: RegistryError) => string = (error) => error.subject,
) {
  return underHeadline(consequence, subject, () => {
    const registry = loadRegistry(location.path, location.origin, cwd, { today });
    const organization = loadOrganizationAccounts(registry, (name) => fs.readFileSync(path.resolve(cwd, name), "utf8"), cwd);
    checkImportSet({ registry: registry.file, snapshot: organizationAccountsPath(registry) }, cwd);
    return { registry, organization };
  });
}

/** The registry alone (for a command that compares no organization), under the command's headline as above. */
export function readRegistry(location: { path: string; origin: string }, cwd: string, today: string, consequence: string): Registry {
  return underHeadline(
    consequence,
    (error) => error.subject,
    () => loadRegistry(location.path, location.origin, cwd, { today }),
  );
}

function underHeadline<T>(consequence: string, subject: (error: RegistryError) => string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new RegistryNotLoaded(error, restateIssues(error, subject(error), consequence));
  }
}

/** The command's usage error for a registry that does not load, with the loader's issues for its reports. */
export class RegistryNotLoaded extends UsageError {
  constructor(
    readonly registryError: RegistryError,
    message: string,
  ) {
    super(message);
  }
}
