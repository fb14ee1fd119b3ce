/** `contacts import` as a user runs it: a process of its own, the real AWS SDK, the stand-in serving the example organization. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { App } from "cdktf";
import { addContactsStacks } from "../../src/cdktf/build-app";
import { synthesizeWithPolicy } from "../../src/cdktf/synthesize";
import { importIdIn } from "../../src/registry/import-set";
import { writeOutputs } from "../../src/run/write-atomically";
import { runCli } from "../../src/cli/main";
import { cardValues } from "../../src/model/contact-fields";
import { cardKindOf, CONTACT_TYPES, slotOf } from "../../src/model/contact-types";
import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import { loadRegistry, parseRegistry } from "../../src/registry/load-registry";
import type { AccountApi, AccountApiOptions } from "../support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "../support/aws-env";
import { ACTIVE_ACCOUNTS, ACCOUNTS, HELD, MANAGEMENT, SUSPENDED, startExampleOrganization } from "../support/example-organization";
import { runContacts, type ContactsRun } from "../support/run-contacts";
import { defaultDeployment, REPO_ROOT, tempDir, TODAY } from "../support/workspace";
import { asUnderCdktfCli } from "../support/synth-app";

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

/**
 * The accounts the first plan could write to: every account the stack synthesized from what import wrote
 * (with importExistingContacts on, as docs/import.md says to deploy) has a resource instance or an import
 * block for. An account that is not there is not touched by any plan.
 */
function accountsTheFirstPlanWrites(cwd: string): string[] {
  const file = path.join(cwd, "contacts/registry.yaml");
  const registry = parseRegistry(file, fs.readFileSync(file, "utf8"));
  const outdir = tempDir("contacts-import-synth-");
  const settings = { ...defaultDeployment(), importExisting: true, existingContactsFile: path.join(cwd, "contacts/existing-contacts.json") };
  const outcome = asUnderCdktfCli(() => {
    const app = new App({ outdir, stackTraces: false });
    return synthesizeWithPolicy(app, addContactsStacks(app, { registry, settings, today: TODAY }), { registryFile: file, source: "test", toolVersion: "test" });
  });
  expect(outcome.failed).toBe(false);
  const stack = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/contacts/cdk.tf.json"), "utf8"));
  const instances = Object.entries(stack.locals as Record<string, object>)
    .filter(([name]) => name.endsWith("_contacts"))
    .flatMap(([, rows]) => Object.keys(rows));
  const imported = ((stack.import ?? []) as { to: string }[]).map((i) => /\["(\d{12})"\]$/.exec(i.to)![1]);
  return [...new Set([...instances, ...imported])].sort();
}

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

// The tests that wait on child processes and the stand-in's pacing run side by side (test.concurrent): each has its
// own stand-in and folder. Those that block this process (an in-process synth) or count on a stand-in answering
// within a short timeout stay sequential, so that no answer waits on another test's synchronous work.
describe("contacts import", () => {
  test.concurrent(
    "writes a registry that loads and gives every ACTIVE account exactly the contacts AWS holds, from shared cards, defaults and overrides",
    async () => {
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
    },
  );

  test.concurrent("refuses to replace files without --force, before reading anything; --force replaces them", async () => {
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

  test("AccessDenied on one account: it is left out, named with why, and the first plan writes nothing to it; the others are imported, exit 2", async () => {
    const { cwd, run } = await importing([], { denied: { accounts: ["444444444444"] } });
    const result = await run();
    expect(result.status).toBe(2);
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^contacts import: could not read 1 account\(s\), 444444444444 \(AccessDeniedException: .*\); left out of contacts\/registry\.yaml, so nothing writes over their contacts\. Fix: /,
      ),
    ]);
    expect(result.stdout).toMatch(/^Wrote contacts\/registry\.yaml: 8 of 9 ACTIVE accounts \(1 left out, listed at the end of accounts\)/);
    const text = fs.readFileSync(path.join(cwd, "contacts/registry.yaml"), "utf8");
    expect(text).toContain(
      '  # "444444444444" "data-platform" (OU Workloads/Data): BILLING, OPERATIONS, SECURITY, PRIMARY could not be read (AccessDeniedException).\n',
    );
    const record = JSON.parse(fs.readFileSync(path.join(cwd, "contacts/existing-contacts.json"), "utf8"));
    expect(Object.keys(record.accounts)).not.toContain("444444444444");
    // Synthesized as docs/import.md says to deploy it: no resource and no import for the account AWS refused; every other account managed.
    expect(accountsTheFirstPlanWrites(cwd)).toEqual(ACTIVE_ACCOUNTS.filter((id) => id !== "444444444444").sort());
  });

  test("an account whose reads AWS never answers: left out after the timeouts, named with why; the others are imported, exit 2", async () => {
    const { cwd, run } = await importing([], { unansweredAccounts: ["444444444444"] }, { CONTACTS_AWS_TIMEOUT_MS: "3000" });
    const result = await run();
    expect(result.status).toBe(2);
    expect(errors(result)).toEqual([
      "contacts import: could not read 1 account(s), 444444444444 (TimeoutError: AWS did not answer within 3000 ms); left out of contacts/registry.yaml, so nothing writes over their contacts. Fix: run contacts import --force again later (CONTACTS_AWS_TIMEOUT_MS allows an attempt more time).",
    ]);
    expect(fs.readFileSync(path.join(cwd, "contacts/registry.yaml"), "utf8")).toContain(
      '  # "444444444444" "data-platform" (OU Workloads/Data): BILLING, OPERATIONS, SECURITY, PRIMARY could not be read (TimeoutError).\n',
    );
  });

  test.concurrent(
    "an endpoint that resets every connection is the network, not a timeout: one line naming the reset and the network fix, nothing written, exit 2",
    async () => {
      // The SDK's handler names a reset connection TimeoutError; it must not read as "AWS did not answer".
      const resetting = net.createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
      try {
        const cwd = tempDir("contacts-import-");
        const endpoint = `http://127.0.0.1:${(resetting.address() as net.AddressInfo).port}`;
        const result = await runContacts(["import"], { cwd, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(endpoint) } });
        expect(result.status).toBe(2);
        expect(errors(result)).toEqual([
          expect.stringMatching(/^contacts import: cannot reach AWS for organizations:\w+ \(ECONNRESET: [^)]*\)\. Fix: check the network/),
        ]);
        expect(written(cwd)).toEqual([]);
      } finally {
        await new Promise((resolve) => resetting.close(resolve));
      }
    },
  );

  test.concurrent.each<[string, Partial<AccountApiOptions>, Record<string, string | undefined>, RegExp]>([
    [
      "a listing whose NextToken repeats",
      { repeatingNextToken: "ListOrganizationalUnitsForParent" },
      {},
      /^contacts import: organizations:ListOrganizationalUnitsForParent of r-\w+ returned on page 2 a NextToken it had already returned, so the listing would never end; nothing was written\. Fix: /,
    ],
    [
      "a timeout that is not a number of milliseconds",
      {},
      { CONTACTS_AWS_TIMEOUT_MS: "10s" },
      /^CONTACTS_AWS_TIMEOUT_MS="10s" is not a whole number of milliseconds from 1 to 600000\. Fix: /,
    ],
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

  test.concurrent(
    "--output DIR/registry.yaml writes the snapshot and the existing-contacts record beside it, and says which file cdktf.json must name",
    async () => {
      const { cwd, run } = await importing(["--output", "org/registry.yaml"]);
      const result = await run();
      expect(result.status).toBe(0);
      expect(fs.readdirSync(path.join(cwd, "org")).sort()).toEqual(["existing-contacts.json", "organization-accounts.json", "registry.yaml"]);
      expect(written(cwd)).toEqual([]);
      expect(result.stdout).toContain(`Wrote ${path.join("org", "organization-accounts.json")} (`);
      expect(result.stdout).toContain(`"existingContactsFile": "${path.join("org", "existing-contacts.json")}" in cdktf.json's context`);
      expect(loadRegistry(path.join(cwd, "org/registry.yaml")).accounts).toHaveLength(ACTIVE_ACCOUNTS.length);
    },
  );

  test("--output that is not a .yaml file is one usage line, before anything is read", async () => {
    let stderr = "";
    const status = await runCli(["import", "--output", "contacts/registry.json"], {
      cwd: tempDir("contacts-import-"),
      env: {},
      stdout: () => {},
      stderr: (t) => (stderr += t),
    });
    expect({ status, stderr }).toEqual({
      status: 2,
      stderr:
        "contacts import: --output contacts/registry.json is not a .yaml file, and the registry is written in YAML. Fix: e.g. --output contacts/registry.yaml.\n",
    });
  });

  test.concurrent("--concurrency beyond the quota's burst is one usage line", async () => {
    const { run } = await importing();
    const result = await run(["--concurrency", "40"]);
    expect({ status: result.status, lines: errors(result).length }).toEqual({ status: 2, lines: 1 });
    expect(result.stderr).toMatch(/^contacts import: --concurrency 40 is not a whole number from 1 to 15 .*Fix: e\.g\. --concurrency 8\.\n$/);
  });

  test.concurrent("Ctrl-C while reading: exit 130, one line, nothing written", async () => {
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

describe("one import id across the three files", () => {
  const ids = (cwd: string) =>
    (
      [
        ["registry", "registry.yaml"],
        ["snapshot", "organization-accounts.json"],
        ["record", "existing-contacts.json"],
      ] as const
    ).map(([kind, name]) => importIdIn(kind, fs.readFileSync(path.join(cwd, "contacts", name), "utf8")));

  test.concurrent("each run writes one id into all three; a set of which one file is from another run stops validate and synth with the fix", async () => {
    const { cwd, run } = await importing();
    expect((await run()).status).toBe(0);
    const first = ids(cwd);
    expect(first[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(first).toEqual([first[0], first[0], first[0]]);
    const oldSnapshot = fs.readFileSync(path.join(cwd, "contacts/organization-accounts.json"), "utf8");
    expect((await run(["--force"])).status).toBe(0);
    const second = ids(cwd);
    expect(second).toEqual([second[0], second[0], second[0]]);
    expect(second[0]).not.toBe(first[0]);

    // A run killed after replacing the registry: the new registry beside the old snapshot.
    fs.writeFileSync(path.join(cwd, "contacts/organization-accounts.json"), oldSnapshot);
    const set = `contacts/registry.yaml (import ${second[0]}), contacts/organization-accounts.json (import ${first[0]})`;
    const why = `were written by different runs of contacts import, so they disagree on which accounts and contacts exist (a run stopped between replacing one file and the next). Fix: run \`contacts import --force\` again, which writes all three from one read; or, if the registry was edited since that import (people, groups filled in), delete its \`# contacts-import-id:\` line instead, which keeps the edits and stops the comparison.`;
    const validate = await runContacts(["validate"], { cwd, env: environmentWithoutAws() });
    expect({ status: validate.status, stderr: validate.stderr }).toEqual({ status: 2, stderr: `${set} ${why}\n` });
    // Synthesis with importExistingContacts reads the record too.
    const line = `${set}, contacts/existing-contacts.json (import ${second[0]}) ${why}`;
    const registry = loadRegistry("contacts/registry.yaml", "test", cwd);
    const settings = { ...defaultDeployment(), importExisting: true, existingContactsFile: "contacts/existing-contacts.json" };
    expect(() => addContactsStacks(new App({ outdir: tempDir("contacts-import-synth-") }), { registry, settings, today: TODAY, mode: "warn", cwd })).toThrow(
      line,
    );

    // The other fix, for a registry edited since: without its id line it is compared with nothing.
    const registryFile = path.join(cwd, "contacts/registry.yaml");
    const edited = fs.readFileSync(registryFile, "utf8");
    fs.writeFileSync(registryFile, edited.replace(/^# contacts-import-id: .*\n/m, ""));
    expect((await runContacts(["validate"], { cwd, env: environmentWithoutAws() })).stderr).not.toContain("different runs");
    fs.writeFileSync(registryFile, edited);

    // import again: one set, and every command reads it.
    expect((await run(["--force"])).status).toBe(0);
    expect(new Set(ids(cwd)).size).toBe(1);
    expect((await runContacts(["validate"], { cwd, env: environmentWithoutAws() })).stderr).not.toContain("different runs");
  });
});

describe("the three files are written all or none", () => {
  test("temporary files a killed run left are removed by the next run; other files are kept", () => {
    const cwd = tempDir("contacts-import-write-");
    fs.mkdirSync(path.join(cwd, "contacts"));
    const left = [".registry.yaml.import-0123456789ab.tmp", ".existing-contacts.json.import-0123456789ab.tmp"];
    const kept = [".registry.yaml.drift-0123456789ab.tmp", ".registry.yaml.import-notes.tmp", "registry.yaml.bak"];
    for (const name of [...left, ...kept]) fs.writeFileSync(path.join(cwd, "contacts", name), "half");
    writeOutputs("import", cwd, [
      { file: "contacts/registry.yaml", text: "version: 1\n" },
      { file: "contacts/existing-contacts.json", text: "{}\n" },
    ]);
    expect(fs.readdirSync(path.join(cwd, "contacts")).sort()).toEqual(["existing-contacts.json", "registry.yaml", ...kept].sort());
  });

  test("one that cannot be written: none is replaced, no temporary file or folder is left, one line names it", () => {
    const cwd = tempDir("contacts-import-write-");
    fs.mkdirSync(path.join(cwd, "contacts"));
    fs.writeFileSync(path.join(cwd, "contacts/registry.yaml"), "# mine\n");
    // The snapshot's folder is a file: its write fails after the registry's was staged.
    fs.writeFileSync(path.join(cwd, "snapshots"), "not a folder");
    const files = [
      { file: "contacts/registry.yaml", text: "version: 1\n" },
      { file: "out/new/organization-accounts.json", text: "{}\n" },
      { file: "snapshots/organization-accounts.json", text: "{}\n" },
    ];
    expect(() => writeOutputs("import", cwd, files)).toThrow(
      /^contacts import: cannot write snapshots\/organization-accounts\.json \(.*\); nothing was written\. Fix: choose a writable path\.$/,
    );
    expect(fs.readFileSync(path.join(cwd, "contacts/registry.yaml"), "utf8")).toBe("# mine\n");
    expect(fs.readdirSync(cwd).sort()).toEqual(["contacts", "snapshots"]);
    expect(fs.readdirSync(path.join(cwd, "contacts"))).toEqual(["registry.yaml"]);
  });

  test("two outputs at one path (--snapshot naming the registry, or a link to it): refused, nothing written", () => {
    const cwd = tempDir("contacts-import-write-");
    fs.mkdirSync(path.join(cwd, "contacts"));
    fs.writeFileSync(path.join(cwd, "contacts/registry.yaml"), "# mine\n");
    fs.symlinkSync("registry.yaml", path.join(cwd, "contacts/link.yaml"));
    for (const snapshot of ["contacts/registry.yaml", "contacts/link.yaml", "contacts/../contacts/registry.yaml"]) {
      const files = [
        { file: "contacts/registry.yaml", text: "version: 1\n" },
        { file: snapshot, text: "{}\n" },
      ];
      expect(() => writeOutputs("import", cwd, files)).toThrow(
        `contacts import: contacts/registry.yaml and ${snapshot} name the same file; nothing was written. Fix: give each output its own path.`,
      );
      expect(fs.readFileSync(path.join(cwd, "contacts/registry.yaml"), "utf8")).toBe("# mine\n");
      expect(fs.readdirSync(path.join(cwd, "contacts")).sort()).toEqual(["link.yaml", "registry.yaml"]);
    }
  });

  test("all of them writable: each is replaced whole, and nothing else is left", () => {
    const cwd = tempDir("contacts-import-write-");
    writeOutputs("import", cwd, [
      { file: "contacts/registry.yaml", text: "version: 1\n" },
      { file: "contacts/existing-contacts.json", text: "{}\n" },
    ]);
    expect(fs.readdirSync(path.join(cwd, "contacts")).sort()).toEqual(["existing-contacts.json", "registry.yaml"]);
  });
});

describe("help without the AWS SDK", () => {
  test("contacts import, drift, org-snapshot and evidence --help load no @aws-sdk module (a command requires it when it runs)", () => {
    // One process, as the binary loads the commands (compiled when dist/ is current, else the sources): after each
    // help, the @aws-sdk modules Node has loaded so far; the last entry checks that the count sees a loaded SDK.
    const script = `
      const { loadProjectModule } = require(${JSON.stringify(path.join(REPO_ROOT, "bin/compiled-or-source"))});
      const { runCli } = loadProjectModule("src/cli/main");
      const sdk = () => Object.keys(require.cache).filter((file) => /[\\\\/]@aws-sdk[\\\\/]/.test(file)).length;
      (async () => {
        const loaded = {};
        for (const command of ["import", "drift", "org-snapshot", "evidence"]) {
          let help = "";
          await runCli([command, "--help"], { stdout: (t) => (help += t), stderr: () => {}, cwd: process.cwd(), env: {} });
          loaded[command] = help.startsWith("Usage: contacts " + command) ? sdk() : "no help";
        }
        loadProjectModule("src/aws/account-client");
        loaded.control = sdk() > 0;
        process.stdout.write(JSON.stringify(loaded));
      })();`;
    const child = spawnSync(process.execPath, ["-e", script], { cwd: tempDir("contacts-help-"), encoding: "utf8", env: environmentWithoutAws() });
    expect({ stderr: child.stderr, loaded: JSON.parse(child.stdout) }).toEqual({
      stderr: "",
      loaded: { import: 0, drift: 0, "org-snapshot": 0, evidence: 0, control: true },
    });
  });
});
