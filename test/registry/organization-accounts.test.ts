import * as fs from "fs";
import * as path from "path";
import { RegistryError } from "../../src/registry/errors";
import { synthInputErrorText } from "../../src/run/synth-headline";
import { parseRegistry } from "../../src/registry/load-registry";
import { loadOrganizationAccounts, organizationAccountsPath } from "../../src/registry/organization-accounts";
import { EXAMPLE_ACCOUNTS, withCoverage } from "../support/organization";
import { GitRepo } from "../support/git-repo";
import { exampleText, tempDir } from "../support/workspace";

/** Loads the accounts file text for the example registry with coverage on, through an in-memory reader. */
function accountsFrom(accountsText: string | undefined) {
  const registryText = withCoverage();
  const registry = parseRegistry("contacts/registry.yaml", registryText);
  return loadOrganizationAccounts(registry, (file) => {
    if (file === "contacts/registry.yaml") return registryText;
    if (file === "contacts/organization-accounts.json" && accountsText !== undefined) return accountsText;
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: "ENOENT" });
  });
}

function errorFor(accountsText: string | undefined): string {
  try {
    accountsFrom(accountsText);
  } catch (error) {
    if (error instanceof RegistryError) return synthInputErrorText(error);
    throw error;
  }
  throw new Error("expected the accounts file to be rejected");
}

const page = (accounts: object[], nextToken?: string) => JSON.stringify({ Accounts: accounts, NextToken: nextToken }, null, 4);
const account = (Id: string, fields: object = { State: "ACTIVE" }) => ({
  Id,
  Name: `n-${Id.slice(0, 3)}`,
  ...fields,
});

describe("organization accounts file: the shapes list-accounts output comes in", () => {
  test("the path is the registry's accountsFile resolved against the registry file's directory", () => {
    expect(organizationAccountsPath(parseRegistry("contacts/registry.yaml", withCoverage()))).toBe("contacts/organization-accounts.json");
    expect(
      organizationAccountsPath(parseRegistry("/repo/contacts/registry.yaml", withCoverage().replace("organization-accounts.json", "../org/accounts.json"))),
    ).toBe("/repo/org/accounts.json");
    const none = parseRegistry("contacts/registry.yaml", exampleText());
    expect(organizationAccountsPath(none)).toBeUndefined();
    const reader = jest.fn((): string => "");
    expect(loadOrganizationAccounts(none, reader)).toBeUndefined();
    expect(reader).not.toHaveBeenCalled();
  });

  test("one page, as `aws organizations list-accounts --output json` writes it: every account, with its line", () => {
    const accounts = accountsFrom(EXAMPLE_ACCOUNTS);
    expect(accounts?.map((a) => [a.id, a.name, a.state, a.position?.line])).toEqual([
      ["111111111111", "management", "ACTIVE", 3],
      ["222222222222", "payments-prod", "ACTIVE", 13],
      ["333333333333", "payments-dev", "ACTIVE", 23],
      ["444444444444", "data-platform", "ACTIVE", 33],
      ["555555555555", "log-archive", "ACTIVE", 43],
      ["666666666666", "audit", "ACTIVE", 53],
    ]);
    expect(accounts?.[0].position).toEqual({
      file: "contacts/organization-accounts.json",
      line: 3,
      column: 9,
    });
  });

  test("pages written one after another (--no-paginate per page, or a loop into one file)", () => {
    const text = `${page([account("111111111111")], "token-1")}\n\n${page([account("222222222222")], "token-2")}${page([account("333333333333")])}\n`;
    expect(accountsFrom(text)?.map((a) => a.id)).toEqual(["111111111111", "222222222222", "333333333333"]);
  });

  test("a JSON array of accounts (--query Accounts), and accounts one per line (jq -c '.Accounts[]')", () => {
    expect(accountsFrom(JSON.stringify([account("111111111111"), account("222222222222")]))?.map((a) => a.id)).toEqual(["111111111111", "222222222222"]);
    const lines = `${JSON.stringify(account("111111111111"))}\n${JSON.stringify(account("222222222222"))}\n`;
    expect(accountsFrom(lines)?.map((a) => [a.id, a.position?.line])).toEqual([
      ["111111111111", 1],
      ["222222222222", 2],
    ]);
  });

  test("State wins over the retired Status; Status alone (older CLIs) still reads", () => {
    const accounts = accountsFrom(page([account("111111111111", { State: "CLOSED", Status: "SUSPENDED" }), account("222222222222", { Status: "SUSPENDED" })]));
    expect(accounts?.map((a) => a.state)).toEqual(["CLOSED", "SUSPENDED"]);
  });
});

describe("organization accounts file: each wrong shape is one clear error naming the file, the line and the registry line", () => {
  test("a missing file is reported at the registry line that names it", () => {
    expect(errorFor(undefined)).toMatchInlineSnapshot(`
      "The organization accounts file contacts/organization-accounts.json (organization.accountsFile at contacts/registry.yaml:83:31) has 1 error; nothing was synthesized:
        contacts/registry.yaml:83:31 organization.accountsFile: the organization accounts file contacts/organization-accounts.json does not exist. Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`, or correct the path (it is relative to the registry file)."
    `);
  });

  test("text that is not JSON (--output text or table) is reported where the JSON stops", () => {
    expect(errorFor("ACCOUNTS\tarn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111\n")).toMatchInlineSnapshot(`
      "The organization accounts file contacts/organization-accounts.json (organization.accountsFile at contacts/registry.yaml:83:31) has 1 error; nothing was synthesized:
        contacts/organization-accounts.json:1:1 not JSON: unexpected "A": expected a JSON value. Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`."
    `);
    expect(errorFor('{\n    "Accounts": [\n        {"Id": "111111111111", "State": "ACTIVE",}\n    ]\n}\n')).toMatchInlineSnapshot(`
      "The organization accounts file contacts/organization-accounts.json (organization.accountsFile at contacts/registry.yaml:83:31) has 1 error; nothing was synthesized:
        contacts/organization-accounts.json:3:50 not JSON: unexpected "}": expected a property name in double quotes. Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`."
    `);
  });

  test("another command's output (no Accounts) says what was expected", () => {
    expect(errorFor('{\n    "Organization": {"Id": "o-a1b2c3d4e5"}\n}\n')).toMatchInlineSnapshot(`
      "The organization accounts file contacts/organization-accounts.json (organization.accountsFile at contacts/registry.yaml:83:31) has 1 error; nothing was synthesized:
        contacts/organization-accounts.json:1:1 neither a list-accounts page (no Accounts) nor an account (no Id). Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`."
    `);
  });

  test("accounts without a 12-digit Id or with an unknown state: every problem at once, each at its value", () => {
    const text = page([
      account("12345"),
      { Id: 111111111111, State: "ACTIVE" },
      account("222222222222", { State: "RETIRED" }),
      { Id: "333333333333", Name: "x" },
    ]);
    expect(errorFor(text)).toMatchInlineSnapshot(`
      "The organization accounts file contacts/organization-accounts.json (organization.accountsFile at contacts/registry.yaml:83:31) has 4 errors; nothing was synthesized:
        contacts/organization-accounts.json:4:19 Accounts.0.Id: the account id is not 12 digits. Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`; account ids are 12 digits in quotes.
        contacts/organization-accounts.json:9:19 Accounts.1.Id: the account id is a number, not a string (a number loses leading zeros). Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`; account ids are 12 digits in quotes.
        contacts/organization-accounts.json:15:22 Accounts.2.State: State is none of PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED. Fix: keep the value AWS returned; a state AWS added since needs a newer version of this tool.
        contacts/organization-accounts.json:17:9 Accounts.3: the account has neither State nor Status. Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`."
    `);
  });

  test("a last page with a NextToken: the pages after it are missing", () => {
    expect(errorFor(page([account("111111111111")], "token-1"))).toMatchInlineSnapshot(`
      "The organization accounts file contacts/organization-accounts.json (organization.accountsFile at contacts/registry.yaml:83:31) has 1 error; nothing was synthesized:
        contacts/organization-accounts.json:9:18 NextToken: the last page has a NextToken, so the pages after it are missing. Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`; the AWS CLI fetches every page unless given --no-paginate or --max-items."
    `);
  });

  test("an account listed twice: a listing appended to an older one", () => {
    const text = `${page([account("111111111111")])}\n${page([account("111111111111", { State: "SUSPENDED" })])}\n`;
    expect(errorFor(text)).toMatchInlineSnapshot(`
      "The organization accounts file contacts/organization-accounts.json (organization.accountsFile at contacts/registry.yaml:83:31) has 1 error; nothing was synthesized:
        contacts/organization-accounts.json:12:9 Accounts.0: account 111111111111 appears twice (first at line 3), as when a listing is appended (>>) to an older one. Fix: write it with \`aws organizations list-accounts --output json > contacts/organization-accounts.json\`."
    `);
  });

  test("an empty file, or a listing with no accounts", () => {
    expect(errorFor("")).toContain(
      "contacts/organization-accounts.json:1:1 the file is empty. Fix: write it with `aws organizations list-accounts --output json > contacts/organization-accounts.json`.",
    );
    expect(errorFor(page([]))).toContain(
      "contacts/organization-accounts.json:1:1 the file lists no accounts, yet every organization has at least its management account.",
    );
  });

  test("a UTF-16 file (Windows PowerShell's >) says to write UTF-8", () => {
    const utf16 = Buffer.from(`\ufeff${page([account("111111111111")])}`, "utf16le").toString("utf8");
    expect(errorFor(utf16)).toContain(
      "contacts/organization-accounts.json:1:1 the file is not UTF-8 text (it holds NUL characters, as UTF-16 does). Fix: write it as UTF-8",
    );
  });
});

describe("organization accounts file: only a file inside the registry's repository is read", () => {
  /** A registry in `<dir>/contacts/` naming `accountsFile`, loaded from `dir`; the accounts file's error as printed. */
  function refusal(dir: string, accountsFile: string): string {
    const registryText = withCoverage().replace("accountsFile: organization-accounts.json }", `accountsFile: "${accountsFile}" }`);
    fs.mkdirSync(path.join(dir, "contacts"), { recursive: true });
    fs.writeFileSync(path.join(dir, "contacts/registry.yaml"), registryText);
    const registry = parseRegistry("contacts/registry.yaml", registryText);
    try {
      loadOrganizationAccounts(registry, (name) => fs.readFileSync(path.resolve(dir, name), "utf8"), dir);
    } catch (error) {
      if (error instanceof RegistryError) return synthInputErrorText(error);
      throw error;
    }
    throw new Error("expected the accounts file to be refused");
  }

  /** A JSON file outside the repository holding a secret, as on a reviewer's machine. */
  function secretOutside(): string {
    const file = path.join(tempDir(), "credentials.json");
    fs.writeFileSync(file, JSON.stringify({ Accounts: [{ Id: "ghp_SECRETTOKEN123", Name: "x", State: "ACTIVE" }] }));
    return file;
  }

  test("a path with .. that leaves the repository is refused unread, and no error quotes a file's contents", () => {
    const repo = new GitRepo();
    const secret = secretOutside();
    const message = refusal(repo.dir, path.relative(path.join(repo.dir, "contacts"), secret));
    expect(message).toContain(`it leads outside the repository (${repo.dir}), and the registry may only name files inside its repository`);
    expect(message).not.toContain("SECRETTOKEN");
    expect(refusal(repo.dir, "../../../etc/passwd")).toContain("it leads outside the repository");
  });

  test("an absolute path is refused, even one inside the repository", () => {
    const repo = new GitRepo();
    expect(refusal(repo.dir, secretOutside())).toContain("is not read: it is an absolute path");
    expect(refusal(repo.dir, path.join(repo.dir, "contacts/organization-accounts.json"))).toContain("it is an absolute path");
  });

  test("a symbolic link inside the repository that leads out is refused", () => {
    const repo = new GitRepo();
    const secret = secretOutside();
    fs.mkdirSync(path.join(repo.dir, "contacts"), { recursive: true });
    fs.symlinkSync(secret, path.join(repo.dir, "contacts/organization-accounts.json"));
    const message = refusal(repo.dir, "organization-accounts.json");
    expect(message).toContain("it is a symbolic link that leads outside the repository");
    expect(message).not.toContain("SECRETTOKEN");
  });

  test("no error about the file's shape quotes what it holds", () => {
    const message = errorFor(page([{ Id: "ghp_SECRETTOKEN123", State: "ACTIVE" }, account("222222222222", { State: "ghp_SECRETTOKEN456" })]));
    expect(message).toContain("Accounts.0.Id: the account id is not 12 digits");
    expect(message).not.toContain("SECRETTOKEN");
  });

  test("outside any git repository, the registry's own folder bounds what it may name", () => {
    const dir = fs.realpathSync(tempDir());
    expect(refusal(dir, "../organization-accounts.json")).toContain(`it leads outside the repository (${path.join(dir, "contacts")})`);
  });

  test("a file elsewhere in the repository, above the registry's folder, is read", () => {
    const repo = new GitRepo();
    repo.write("org/accounts.json", EXAMPLE_ACCOUNTS);
    const registryText = withCoverage().replace("accountsFile: organization-accounts.json", "accountsFile: ../org/accounts.json");
    const registry = parseRegistry("contacts/registry.yaml", registryText);
    expect(loadOrganizationAccounts(registry, (name) => fs.readFileSync(path.resolve(repo.dir, name), "utf8"), repo.dir)).toHaveLength(6);
  });
});
