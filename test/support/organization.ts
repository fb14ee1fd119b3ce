import * as fs from "fs";
import * as path from "path";
import { exampleText, REPO_ROOT } from "./workspace";

/** The example registry with coverage on, pointing at the example accounts file (contacts/organization-accounts.json). */
export function withCoverage(text = exampleText()): string {
  return `${text}\norganization: { accountsFile: organization-accounts.json }\n`;
}

/** The example `aws organizations list-accounts` output beside the example registry. */
export const EXAMPLE_ACCOUNTS = fs.readFileSync(path.join(REPO_ROOT, "contacts/organization-accounts.json"), "utf8");
