import { isAccountId, ORGANIZATION_ACCOUNT_STATES, type OrganizationAccount, type OrganizationAccountState } from "../model/organization";
import { isJsonObject } from "../model/json-object";
import { accountsFileFix, snapshotFix } from "./accounts-file-errors";
import type { RegistryIssue } from "./errors";
import { JsonSyntaxError, lineColumnOf, parseJsonSequence } from "./json-sequence";

/** The retired `Status` field's values; each is also a State. */
const STATUSES: readonly string[] = ["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"];
const STATES: readonly string[] = ORGANIZATION_ACCOUNT_STATES;

type Json = Record<string, unknown>;

/** An OU path as the registry writes `ou`, or "" for the root: what an organization snapshot's `OuPath` holds. */
const OU_PATH = /^(|[^/]+(\/[^/]+)*)$/;

/**
 * Reads the output of `aws organizations list-accounts`: one page `{"Accounts": [...], "NextToken": ...}`,
 * several pages one after another, a JSON array of accounts, or accounts one per line (`jq -c '.Accounts[]'`).
 * An organization snapshot (`contacts org-snapshot`) is one such page whose accounts also carry `OuPath`.
 * Every problem is returned with its line and column; accounts are returned only when there is none.
 * Linear in the file's size.
 */
export function readAccountsListing(file: string, text: string): { accounts: OrganizationAccount[]; issues: RegistryIssue[] } {
  const where = lineColumnOf(text);
  const issues: RegistryIssue[] = [];
  const fail = (offset: number, path: string, message: string, fix = accountsFileFix(file)): void => {
    issues.push({ position: { file, ...where(offset) }, path, message, fix });
  };
  if (text.includes("\u0000")) {
    fail(0, "", "the file is not UTF-8 text (it holds NUL characters, as UTF-16 does)", `write it as UTF-8 (in PowerShell: | Out-File -Encoding utf8 ${file})`);
    return { accounts: [], issues };
  }
  let parsed: ReturnType<typeof parseJsonSequence>;
  try {
    parsed = parseJsonSequence(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    fail(error.offset, "", `not JSON: ${error.message}`);
    return { accounts: [], issues };
  }
  const accounts: OrganizationAccount[] = [];
  const firstSeen = new Map<string, number>();
  const { values, offsets, offsetOf } = parsed;

  const readAccount = (account: unknown, offset: number, path: string): void => {
    const at = (key: string) => (isJsonObject(account) ? offsetOf(account, key) : undefined) ?? offset;
    if (!isJsonObject(account)) return fail(offset, path, "an account must be an object with Id, Name and State");
    const id = account.Id;
    if (id === undefined) return fail(offset, path, "the account has no Id");
    if (!isAccountId(id)) {
      const why = typeof id === "number" ? "a number, not a string (a number loses leading zeros)" : "not 12 digits";
      return fail(at("Id"), `${path}.Id`, `the account id is ${why}`, `${accountsFileFix(file)}; account ids are 12 digits in quotes`);
    }
    const state = stateOf(account);
    if ("message" in state) return fail(at(state.field), state.field ? `${path}.${state.field}` : path, state.message, state.fix);
    const earlier = firstSeen.get(id);
    if (earlier !== undefined) {
      return fail(
        offset,
        path,
        `account ${id} appears twice (first at line ${where(earlier).line}), as when a listing is appended (>>) to an older one`,
        accountsFileFix(file),
      );
    }
    const ouPath = account.OuPath;
    if (ouPath !== undefined && (typeof ouPath !== "string" || !OU_PATH.test(ouPath))) {
      return fail(at("OuPath"), `${path}.OuPath`, `OuPath is not an OU path ("Workloads/Payments", or "" directly under the root)`, snapshotFix(file));
    }
    firstSeen.set(id, offset);
    const name = typeof account.Name === "string" ? account.Name : undefined;
    accounts.push({ id, name, state: state.state, ...(ouPath === undefined ? {} : { ouPath }), position: { file, ...where(offset) } });
  };

  const readList = (list: unknown[], prefix: string) => list.forEach((account, n) => readAccount(account, offsetOf(list, n) ?? 0, `${prefix}${n}`));

  values.forEach((value, n): void => {
    if (Array.isArray(value)) return readList(value, "");
    if (!isJsonObject(value)) return fail(offsets[n], "", "expected a list-accounts page (an object with Accounts) or a JSON array of accounts");
    if ("Accounts" in value) {
      if (!Array.isArray(value.Accounts)) return fail(offsetOf(value, "Accounts") ?? offsets[n], "Accounts", "Accounts is not a list");
      readList(value.Accounts, "Accounts.");
      if (n === values.length - 1 && typeof value.NextToken === "string" && value.NextToken !== "") {
        fail(
          offsetOf(value, "NextToken") ?? offsets[n],
          "NextToken",
          "the last page has a NextToken, so the pages after it are missing",
          `${accountsFileFix(file)}; the AWS CLI fetches every page unless given --no-paginate or --max-items`,
        );
      }
      return;
    }
    if ("Id" in value) return readAccount(value, offsets[n], "");
    return fail(offsets[n], "", "neither a list-accounts page (no Accounts) nor an account (no Id)");
  });
  if (values.length === 0) fail(0, "", "the file is empty");
  else if (issues.length === 0 && accounts.length === 0) {
    fail(
      offsets[0],
      "",
      "the file lists no accounts, yet every organization has at least its management account",
      `${accountsFileFix(file)}, with credentials of the management account or a delegated administrator`,
    );
  }
  return { accounts: issues.length ? [] : accounts, issues };
}

/** State wins over Status: AWS retires Status on 2026-09-09, and only State tells CLOSED from SUSPENDED. */
function stateOf(account: Json): { state: OrganizationAccountState } | { field: string; message: string; fix?: string } {
  const newer = "keep the value AWS returned; a state AWS added since needs a newer version of this tool";
  if ("State" in account) {
    if (typeof account.State === "string" && STATES.includes(account.State)) return { state: account.State as OrganizationAccountState };
    return { field: "State", message: `State is none of ${STATES.join(", ")}`, fix: newer };
  }
  if ("Status" in account) {
    if (typeof account.Status === "string" && STATUSES.includes(account.Status)) return { state: account.Status as OrganizationAccountState };
    return { field: "Status", message: `Status is none of ${STATUSES.join(", ")}`, fix: newer };
  }
  return { field: "", message: "the account has neither State nor Status" };
}
