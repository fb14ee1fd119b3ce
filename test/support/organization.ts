import * as fs from "fs";
import * as path from "path";
import { exampleText, REPO_ROOT } from "./workspace";

/** The example registry with coverage on, pointing at the example accounts file (test/fixtures/registry/organization-accounts.json). */
export function withCoverage(text = exampleText()): string {
  return `${text}\norganization: { accountsFile: organization-accounts.json }\n`;
}

/** The example `aws organizations list-accounts` output beside the example registry (the tests' own copy). */
export const EXAMPLE_ACCOUNTS_FILE = path.join(REPO_ROOT, "test/fixtures/registry/organization-accounts.json");
export const EXAMPLE_ACCOUNTS = fs.readFileSync(EXAMPLE_ACCOUNTS_FILE, "utf8");
