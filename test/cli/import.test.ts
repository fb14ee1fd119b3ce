/** `contacts import` as a user runs it: a process of its own, the real AWS SDK, the stand-in serving the example organization. */
import * as fs from "fs";
import * as path from "path";
import { cardValues } from "../../src/model/contact-fields";
import { cardKindOf, CONTACT_TYPES, slotOf } from "../../src/model/contact-types";
import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import { loadRegistry } from "../../src/registry/load-registry";
import type { AccountApi, AccountApiOptions } from "../support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "../support/aws-env";
import { ACTIVE_ACCOUNTS, ACCOUNTS, HELD, MANAGEMENT, SUSPENDED, startExampleOrganization } from "../support/example-organization";
import { runContacts, type ContactsRun } from "../support/run-contacts";
import { REPO_ROOT, tempDir } from "../support/workspace";

const running: AccountApi[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((api) => api.stop()));
});

async function importing(args: string[] = [], options: Partial<AccountApiOptions> = {}, env: Record<string, string | undefined> = {}) {
  const api = await startExampleOrganization(options);
  running.push(api);
  const cwd = tempDir("contacts-import-");
  fs.cpSync(path.join(REPO_ROOT, "schema"), path.join(cwd, "schema"), { recursive: true });
  const run = (more: string[] = args) => runContacts(["import", ...more], { cwd, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url, env) } });
  return { api, cwd, run };
}

/** Standard error less the progress lines. */
const errors = (run: ContactsRun) => run.stderr.split("\n").filter((line) => line && !/accounts' contacts read|^Reading the organization/.test(line));
const written = (cwd: string) => (fs.existsSync(path.join(cwd, "contacts")) ? fs.readdirSync(path.join(cwd, "contacts")).sort() : []);

/** What AWS holds for an account and type, under the registry's field names. */
function held(id: string, type: (typeof CONTACT_TYPES)[number]): Record<string, string> | undefined {
  const value = HELD[id][type] as Record<string, string> | undefined;
  if (!value) return undefined;
  const byApi: Record<string, string> =
    type === "PRIMARY"
      ? {
          FullName: "fullName",
          CompanyName: "companyName",
          PhoneNumber: "phone",
          AddressLine1: "addressLine1",
          City: "city",
          StateOrRegion: "stateOrRegion",
          PostalCode: "postalCode",
          CountryCode: "countryCode",
        }
      : { Name: "name", Title: "title", EmailAddress: "email", PhoneNumber: "phone" };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [byApi[k], v]));
}

describe("contacts import", () => {
  test("writes a registry that loads and gives every ACTIVE account exactly the contacts AWS holds, from shared cards, defaults and overrides", async () => {
    const { cwd, run } = await importing();
    const result = await run();
    expect({ status: result.status, errors: errors(result) }).toEqual({ status: 0, errors: [] });
    expect(written(cwd)).toEqual(["existing-contacts.json", "organization-accounts.json", "registry.yaml"]);
    const text = fs.readFileSync(path.join(cwd, "contacts/registry.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/registry.schema.json");
    expect(text).toMatch(/^# What to fill in:$/m);
    expect(text).toMatch(/^ {2}"111111111111": \{ name: management, management: true \}$/m);

    const registry = loadRegistry("contacts/registry.yaml", "test", cwd);
    expect(registry.accounts.map((a) => [a.id, a.ou ?? "", a.management]).sort()).toEqual(
      ACTIVE_ACCOUNTS.map((id) => [id, ACCOUNTS[id].ou, id === MANAGEMENT]).sort(),
    );
    expect(registry.accounts.map((a) => a.id)).not.toContain(SUSPENDED);
    for (const effective of resolveEffectiveContacts(registry)) {
      for (const type of CONTACT_TYPES) {
        const aws = held(effective.account.id, type);
        const chosen = effective[slotOf(type)];
        // Held: the same values; not held: the default card, which the first apply creates.
        if (aws) expect([effective.account.id, type, cardValues(chosen!.card, cardKindOf(type))]).toEqual([effective.account.id, type, aws]);
        else expect(chosen?.origin).toEqual({ level: "defaults" });
      }
    }
    // Five distinct alternate cards for 25 contacts, a default per type, one OU shares another security card.
    expect(registry.contacts.size).toBe(5);
    expect([...registry.organizationalUnits.keys()]).toEqual(["Workloads/Payments"]);
    expect(
      registry.accounts
        .filter((a) => Object.keys(a.contacts).length)
        .map((a) => a.id)
        .sort(),
    ).toEqual(["101010101010", "222222222222", "666666666666"]);
  });

  test("refuses to replace files without --force, before reading anything; --force replaces them", async () => {
    const { api, cwd, run } = await importing();
    fs.mkdirSync(path.join(cwd, "contacts"));
    fs.writeFileSync(path.join(cwd, "contacts/registry.yaml"), "# mine\n");
    const refused = await run();
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({
      status: 2,
      stderr:
        "contacts import: contacts/registry.yaml already exists. Fix: pass --force to replace, or choose other paths (--output, --snapshot, --existing).\n",
    });
    expect(api.calls).toEqual([]);
    const forced = await run(["--force"]);
    expect(forced.status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, "contacts/registry.yaml"), "utf8")).toContain("version: 1");
  });

  test("AccessDenied on one account: that account is named and marked, the others imported, exit 2", async () => {
    const { cwd, run } = await importing([], { denied: { accounts: ["444444444444"] } });
    const result = await run();
    expect(result.status).toBe(2);
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^contacts import: could not read the contacts of 1 account\(s\): 444444444444 \(AccessDeniedException: .*\)\. They are in contacts\/registry\.yaml/,
      ),
    ]);
    const text = fs.readFileSync(path.join(cwd, "contacts/registry.yaml"), "utf8");
    expect(text).toMatch(/# Not read \(AccessDeniedException reading BILLING\).*\n {2}"444444444444": /);
    const record = JSON.parse(fs.readFileSync(path.join(cwd, "contacts/existing-contacts.json"), "utf8"));
    expect(Object.keys(record.accounts)).toHaveLength(ACTIVE_ACCOUNTS.length - 1);
  });

  test.each<[string, Partial<AccountApiOptions>, Record<string, string | undefined>, RegExp]>([
    [
      "an organization not in use",
      { organizationNotInUse: true },
      {},
      /^contacts import: the account of these credentials is in no AWS organization \(AWSOrganizationsNotInUseException\)\. Fix: /,
    ],
    [
      "no credentials",
      {},
      { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
      /^contacts import: no usable AWS credentials for organizations:DescribeOrganization \(CredentialsProviderError: /,
    ],
    [
      "no permission for Organizations",
      { denied: { operations: ["ListAccountsForParent"] } },
      {},
      /^contacts import: AWS denied organizations:ListAccountsForParent \(AccessDeniedException: /,
    ],
  ])("%s: one line, exit 2, nothing written", async (_, options, env, line) => {
    const { cwd, run } = await importing([], options, env);
    const result = await run();
    expect(result.status).toBe(2);
    expect(errors(result)).toEqual([expect.stringMatching(line)]);
    expect(written(cwd)).toEqual([]);
  });

  test("--concurrency beyond the quota's burst is one usage line", async () => {
    const { run } = await importing();
    const result = await run(["--concurrency", "40"]);
    expect({ status: result.status, lines: errors(result).length }).toEqual({ status: 2, lines: 1 });
    expect(result.stderr).toMatch(/^contacts import: --concurrency 40 is not a whole number from 1 to 15 .*Fix: e\.g\. --concurrency 8\.\n$/);
  });

  test("Ctrl-C while reading: exit 130, one line, nothing written", async () => {
    // Reads throttled hard, so the command is still reading when the signal comes.
    const api = await startExampleOrganization({ rateLimit: { GetAlternateContact: { perSecond: 0.5, burst: 1 } } });
    running.push(api);
    const cwd = tempDir("contacts-import-");
    const result = await runContacts(["import"], {
      cwd,
      env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) },
      onStart: (child) => child.stderr?.on("data", (d: Buffer) => d.toString().includes("accounts' contacts read") && child.kill("SIGINT")),
    });
    expect(result.status).toBe(130);
    expect(errors(result)).toEqual(["contacts import: interrupted (SIGINT); nothing was written."]);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
