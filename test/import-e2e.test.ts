/**
 * Issue 11's path from a live organization to a clean first plan, with the real parts: `contacts import`
 * (a process of its own, the AWS SDK v3 against the local stand-in serving Organizations and Account
 * Management), synthesis of what it wrote in warn mode, real Terraform and hashicorp/aws planning and
 * applying against the same stand-in, then `contacts drift`.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { addContactsStacks } from "../src/cdktf/build-app";
import { synthesizeWithPolicy } from "../src/cdktf/synthesize";
import { parseRegistry } from "../src/registry/load-registry";
import type { AccountApi } from "./support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "./support/aws-env";
import { ACTIVE_ACCOUNTS, CARDS, HELD, HELD_ALTERNATES, MANAGEMENT, startExampleOrganization } from "./support/example-organization";
import { runContacts } from "./support/run-contacts";
import {
  AWS_PROVIDER_VERSION,
  describeWithTerraform,
  plannedChanges,
  readLocalState,
  removeWorkdirs,
  terraform,
  writeLocalApiOverride,
} from "./support/terraform";
import { defaultDeployment, tempDir, TODAY } from "./support/workspace";
import { asUnderCdktfCli } from "./support/synth-app";

const TYPES = ["BILLING", "OPERATIONS", "SECURITY"] as const;
const address = (type: string, id: string) => `aws_account_alternate_contact.${type.toLowerCase()}["${id}"]`;

/** `contacts import` into a fresh project folder; returns the folder. */
async function importInto(api: AccountApi): Promise<string> {
  const project = tempDir("import-e2e-project-");
  const run = await runContacts(["import"], { cwd: project, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) } });
  expect({ status: run.status, stderr: run.stderr.split("\n").filter((l) => !/accounts' contacts read|^Reading|^$/.test(l)) }).toEqual({
    status: 0,
    stderr: [],
  });
  return project;
}

/** What the files say, less the time of the read and the run's import id. */
const written = (project: string) =>
  ["registry.yaml", "organization-accounts.json", "existing-contacts.json"].map((f) =>
    fs
      .readFileSync(path.join(project, "contacts", f), "utf8")
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>")
      .replace(/(contacts-import-id: |"ImportId":"|"importId": ")[0-9a-f]{12}/g, "$1<id>"),
  );

/** Synthesizes the project's registry as `cdktf synth` does, with importExistingContacts on, into a Terraform working folder. */
function synthesizeInto(project: string, workdir: string) {
  const file = path.join(project, "contacts/registry.yaml");
  const registry = parseRegistry(file, fs.readFileSync(file, "utf8"));
  const outdir = tempDir("import-e2e-out-");
  const settings = {
    ...defaultDeployment(),
    providerVersion: AWS_PROVIDER_VERSION,
    importExisting: true,
    existingContactsFile: path.join(project, "contacts/existing-contacts.json"),
  };
  const outcome = asUnderCdktfCli(() => {
    const app = new App({ outdir, stackTraces: false });
    return synthesizeWithPolicy(app, addContactsStacks(app, { registry, settings, today: TODAY }), { registryFile: file, source: "test", toolVersion: "test" });
  });
  expect(outcome.failed).toBe(false);
  const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/contacts/cdk.tf.json"), "utf8"));
  delete json.terraform.backend;
  fs.writeFileSync(path.join(workdir, "cdk.tf.json"), JSON.stringify(json, null, 2));
  return outcome;
}

describeWithTerraform("from a live organization to a clean first plan: contacts import, synth, terraform plan and apply, contacts drift", () => {
  let api: AccountApi;
  let project: string;
  const workdir = tempDir("import-e2e-tf-");
  const env = () => ({ ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) });

  beforeAll(async () => {
    api = await startExampleOrganization();
    project = await importInto(api);
    writeLocalApiOverride(workdir, api.url);
    await terraform(["init"], { cwd: workdir });
  });
  afterAll(async () => {
    await api?.stop();
    removeWorkdirs();
  });

  test("1. the registry import wrote, synthesized in warn mode, plans (and applies) imports of exactly the contacts that exist, creates of only the missing ones, no update and no destroy", async () => {
    const outcome = synthesizeInto(project, workdir);
    // Warn mode: the addresses reach nobody the registry knows yet, which the policy reports without failing.
    expect(outcome.findings.some((f) => f.ruleId === "unlisted-address")).toBe(true);
    // From the plan the apply announces (as `terraform plan -json` would print it), which 3 then finds applied: one
    // command instead of a plan and an apply of it, and `terraform show -json` would start the provider once more.
    const changes = plannedChanges((await terraform(["apply", "-json", "-auto-approve"], { cwd: workdir })).stdout);
    const imported = changes.filter((c) => c.change.importing).map((c) => c.address);
    expect(imported.sort()).toEqual(
      [...HELD_ALTERNATES.map((key) => address(key.split("/")[1], key.split("/")[0])), `aws_account_primary_contact.primary["${MANAGEMENT}"]`].sort(),
    );
    expect(changes.filter((c) => c.change.importing).every((c) => c.change.actions.join() === "no-op")).toBe(true);
    const missing = ACTIVE_ACCOUNTS.flatMap((id) => TYPES.filter((type) => !HELD[id][type]).map((type) => address(type, id)));
    // Members' primary contacts are written, not imported (provider bug #41154): the same values AWS holds.
    const members = ACTIVE_ACCOUNTS.filter((id) => id !== MANAGEMENT).map((id) => `aws_account_primary_contact.primary["${id}"]`);
    expect(
      changes
        .filter((c) => c.change.actions.includes("create"))
        .map((c) => c.address)
        .sort(),
    ).toEqual([...missing, ...members].sort());
    expect(changes.filter((c) => ["update", "delete"].some((a) => c.change.actions.includes(a)))).toEqual([]);
  });

  test("2. with throttling and 500s switched on, contacts import writes the same files", async () => {
    // By count, not by rate: every account's first read is throttled and its second answered 500, whatever the load.
    const flaky = await startExampleOrganization({ firstCalls: { throttle: 1, error: 1 } });
    try {
      const again = await importInto(flaky);
      const accountsWith = (status: number) =>
        new Set(flaky.calls.filter((c) => c.status === status && c.path !== "/").map((c) => c.requestedAccountId ?? MANAGEMENT));
      expect(accountsWith(429)).toEqual(new Set(ACTIVE_ACCOUNTS));
      expect(accountsWith(500)).toEqual(new Set(ACTIVE_ACCOUNTS));
      expect(flaky.calls.filter((c) => c.path === "/" && c.status === 429).length).toBeGreaterThan(0);
      expect(written(again)).toEqual(written(project));
    } finally {
      await flaky.stop();
    }
  });

  test("3. after the apply contacts drift exits 0; a contact changed in AWS makes it exit 1 naming the account, type and field", async () => {
    expect(readLocalState(workdir).size).toBeGreaterThan(0); // 1 applied its plan
    const inSync = await runContacts(["drift"], { cwd: project, env: env() });
    // In sync; what AWS holds is judged too, and import's registry (warn mode, no groups yet) reports it, not enforced.
    expect({ status: inSync.status, lines: inSync.stdout.split("\n").slice(0, 2) }).toEqual({
      status: 0,
      lines: [
        `in sync: the contacts of ${ACTIVE_ACCOUNTS.length} account(s) are as the registry says.`,
        expect.stringMatching(/^policy: what AWS holds fails the contact policy: .*; warn mode: not enforced\)\.$/),
      ],
    });

    api.seedAlternateContact("222222222222", "SECURITY", { ...CARDS.paymentsSecurity, EmailAddress: "changed-in-console@example.com" });
    const drifted = await runContacts(["drift"], { cwd: project, env: env() });
    expect(drifted.status).toBe(1);
    expect(drifted.stdout).toContain(
      'SECURITY differs on 1 account(s), 222222222222 (payments-prod): email is "changed-in-console@example.com" in AWS, "payments-sec@example.com" in the registry',
    );
  });
});
