import * as fs from "fs";
import * as path from "path";
import { seededRandom, startAccountApi, type AccountApi } from "./support/account-api";
import {
  describeWithTerraform,
  plannedChanges,
  readLocalState,
  removeWorkdirs,
  terraform,
  writeLocalApiOverride,
  AWS_PROVIDER_VERSION,
} from "./support/terraform";
import { exampleText, exampleWith, tempDir } from "./support/workspace";
import { synthesize } from "./support/synth-app";

const MANAGEMENT = "111111111111";
const MEMBERS = ["222222222222", "333333333333", "444444444444", "555555555555", "666666666666"];

/**
 * Synthesizes a registry for the mirrored provider and copies the stack into a Terraform working directory.
 * @param existingContactsFile with it, import blocks for the contacts that record lists as existing
 */
function synthInto(workdir: string, registryText: string, existingContactsFile?: string) {
  const imports = existingContactsFile ? { importExisting: true, existingContactsFile } : {};
  const result = synthesize(registryText, { settings: { providerVersion: AWS_PROVIDER_VERSION, ...imports } });
  if (result.outcome.failed) return result;
  const json = result.stack();
  // cdktf's default local backend points at the synthesizing process's cwd; keep state in the workdir.
  delete json.terraform.backend;
  fs.writeFileSync(path.join(workdir, "cdk.tf.json"), JSON.stringify(json, null, 2));
  return result;
}

/**
 * Step 2's registry, one commit's worth of edits: one card's email changed, one account renamed, one account removed.
 * Terraform runs cost seconds of CPU each (the provider's schema), so the three are planned and applied together.
 */
const step2 = exampleWith(
  ["email: payments-oncall@example.com,", "email: aws-ops@example.com,        "],
  ["{ name: data-platform,", "{ name: data-lake,"],
).replace('  "666666666666": { name: audit, ou: Security }\n', "");

/**
 * Plans into plan.out and returns the changes as Terraform's machine-readable output announces them: one
 * planned_change per resource instance that changes or is imported (a no-op import too). Read from the plan's own
 * output rather than `terraform show -json plan.out`, which would start the provider once more (seconds of CPU).
 */
async function planChanges(workdir: string) {
  const planned = await terraform(["plan", "-json", "-out=plan.out", "-detailed-exitcode"], { cwd: workdir, expectExitCodes: [0, 2] });
  return plannedChanges(planned.stdout);
}

describeWithTerraform("real Terraform and the AWS provider against a local AWS Account API", () => {
  let api: AccountApi;
  const workdir = tempDir("contacts-e2e-");

  beforeAll(async () => {
    api = await startAccountApi({ managementAccountId: MANAGEMENT, memberAccountIds: MEMBERS });
    synthInto(workdir, exampleText());
    writeLocalApiOverride(workdir, api.url);
    await terraform(["init"], { cwd: workdir });
  });
  afterAll(async () => {
    await api?.stop();
    removeWorkdirs();
  });

  test("1. apply the example (which validates it): AWS holds exactly the registry's contacts, then a plan shows no changes", async () => {
    await terraform(["apply", "-auto-approve"], { cwd: workdir });
    const snapshot = api.snapshot();
    expect(Object.keys(snapshot.accounts).sort()).toEqual([MANAGEMENT, ...MEMBERS]);
    expect(snapshot.accounts[MANAGEMENT].alternateContacts.SECURITY).toMatchObject({ EmailAddress: "aws-security@example.com", Name: "Cloud Security Team" });
    expect(snapshot.accounts["222222222222"].alternateContacts.SECURITY).toMatchObject({
      EmailAddress: "payments-sec@example.com",
      PhoneNumber: "+1 206 555 0130",
    });
    expect(snapshot.accounts["222222222222"].alternateContacts.OPERATIONS).toMatchObject({ EmailAddress: "payments-oncall@example.com" });
    for (const id of [MANAGEMENT, ...MEMBERS]) {
      expect(Object.keys(snapshot.accounts[id].alternateContacts).sort()).toEqual(["BILLING", "OPERATIONS", "SECURITY"]);
      expect(snapshot.accounts[id].contactInformation).toMatchObject({ FullName: "Example Corp Cloud Office", CountryCode: "US", StateOrRegion: "WA" });
    }
    // Each member's writes name its account; the management account's name none (AWS refuses its own id there).
    const writes = api.calls.filter((c) => c.operation.startsWith("Put")).map((c) => `${c.operation} ${c.requestedAccountId ?? "(none)"}`);
    const expectedWrites = ["(none)", ...MEMBERS].flatMap((id) => [...Array(3).fill(`PutAlternateContact ${id}`), `PutContactInformation ${id}`]);
    expect(writes.sort()).toEqual(expectedWrites.sort());
    // Signed for the global service as AWS expects it, with the override file's keys (the provider is a JSON array in cdk.tf.json).
    expect(new Set(api.calls.map((c) => `${c.credentialScope?.service}/${c.credentialScope?.region}/${c.credentialScope?.accessKeyId}`))).toEqual(
      new Set(["account/us-east-1/AKIDLOCALACCOUNTAPI"]),
    );
    // The management account's ids are the provider's own forms, which its import blocks use too.
    const state = readLocalState(workdir);
    expect(state.get(`aws_account_alternate_contact.security["${MANAGEMENT}"]`)).toMatchObject({ id: "/SECURITY", account_id: "" });
    expect(state.get(`aws_account_primary_contact.primary["${MANAGEMENT}"]`)).toMatchObject({ id: "default" });
    expect(state.get('aws_account_alternate_contact.billing["222222222222"]')).toMatchObject({ id: "222222222222/BILLING" });

    // No drift, and finding none costs one read per contact.
    api.resetCalls();
    await terraform(["plan", "-detailed-exitcode"], { cwd: workdir, expectExitCodes: [0] });
    expect(api.callCounts()).toEqual({ GetAlternateContact: 18, GetContactInformation: 6 });
  });

  test("2. changing one card's email updates in place exactly the contacts that use it; renaming an account changes nothing; removing an account deletes its alternate contacts, its primary contact stays in AWS", async () => {
    expect(step2).not.toContain("666666666666");
    synthInto(workdir, step2);
    const changes = await planChanges(workdir);
    expect(changes.map((c) => [c.address, c.change.actions]).sort()).toEqual([
      ['aws_account_alternate_contact.billing["666666666666"]', ["delete"]],
      ['aws_account_alternate_contact.operations["222222222222"]', ["update"]],
      ['aws_account_alternate_contact.operations["666666666666"]', ["delete"]],
      ['aws_account_alternate_contact.security["666666666666"]', ["delete"]],
      ['aws_account_primary_contact.primary["666666666666"]', ["delete"]],
    ]);
    await terraform(["apply", "-auto-approve", "plan.out"], { cwd: workdir });
    expect(api.snapshot().accounts["222222222222"].alternateContacts.OPERATIONS).toMatchObject({ EmailAddress: "aws-ops@example.com" });
    const audit = api.snapshot().accounts["666666666666"];
    expect(audit.alternateContacts).toEqual({});
    expect(audit.contactInformation).toMatchObject({ FullName: "Example Corp Cloud Office" });
  });

  // 3 and 4 have stand-ins and folders of their own: they run beside 1 and 2, which build on each other.
  test.concurrent(
    "3. adopting an organization whose contacts exist: the first plan imports and updates, creating only members' primary contacts (provider bug #41154)",
    async () => {
      const existing = await startAccountApi({ managementAccountId: MANAGEMENT, memberAccountIds: MEMBERS });
      try {
        for (const id of [MANAGEMENT, ...MEMBERS]) {
          for (const type of ["BILLING", "OPERATIONS", "SECURITY"] as const) {
            existing.seedAlternateContact(id, type, { Name: "Old Team", Title: "Old", EmailAddress: "old-team@example.com", PhoneNumber: "+1 206 555 0199" });
          }
          existing.seedContactInformation(id, {
            FullName: "Old Office",
            PhoneNumber: "+1 206 555 0199",
            AddressLine1: "9 Old Rd",
            City: "Seattle",
            StateOrRegion: "WA",
            PostalCode: "98101",
            CountryCode: "US",
          });
        }
        // The example's security card, already in place for one account: imported, nothing to change.
        existing.seedAlternateContact("555555555555", "SECURITY", {
          Name: "Cloud Security Team",
          Title: "Security Operations",
          EmailAddress: "aws-security@example.com",
          PhoneNumber: "+1 206 555 0100",
        });
        const dir = tempDir("contacts-e2e-import-");
        // Every contact exists, as `contacts drift --existing` would record it.
        const record = path.join(tempDir("contacts-e2e-record-"), "existing-contacts.json");
        const every = ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"];
        fs.writeFileSync(
          record,
          JSON.stringify({ readAt: "2026-11-23T00:00:00Z", accounts: Object.fromEntries([MANAGEMENT, ...MEMBERS].map((id) => [id, every])) }),
        );
        synthInto(dir, exampleText(), record);
        writeLocalApiOverride(dir, existing.url);
        await terraform(["init"], { cwd: dir });
        const changes = await planChanges(dir);
        const imported = changes.filter((c) => c.change.importing).map((c) => c.address);
        expect(imported).toHaveLength(19); // 18 alternate contacts and the management account's primary contact
        expect(imported).toContain('aws_account_primary_contact.primary["111111111111"]');
        const creates = changes
          .filter((c) => c.change.actions.includes("create"))
          .map((c) => c.address)
          .sort();
        expect(creates).toEqual(MEMBERS.map((id) => `aws_account_primary_contact.primary["${id}"]`));
        const unchanged = changes.filter((c) => c.change.actions.join() === "no-op").map((c) => c.address);
        expect(unchanged).toEqual(['aws_account_alternate_contact.security["555555555555"]']);
        await terraform(["apply", "-auto-approve", "plan.out"], { cwd: dir });
        expect(existing.snapshot().accounts["222222222222"].alternateContacts.SECURITY).toMatchObject({ EmailAddress: "payments-sec@example.com" });
        expect(existing.snapshot().accounts["333333333333"].contactInformation).toMatchObject({ FullName: "Example Corp Cloud Office" });
        await terraform(["plan", "-detailed-exitcode"], { cwd: dir, expectExitCodes: [0] });
        fs.rmSync(dir, { recursive: true, force: true });
      } finally {
        await existing.stop();
      }
    },
    300_000,
  );

  const SEED = 8;
  test.concurrent(
    "4. with throttling, 500s and eventual consistency, apply converges to exactly the registry and a second plan is clean",
    async () => {
      const flaky = await startAccountApi({
        managementAccountId: MANAGEMENT,
        memberAccountIds: MEMBERS,
        seed: SEED,
        throttleRate: 0.3,
        errorRate: 0.1,
        maxFaultsPerInvocation: 2,
        eventualConsistency: true,
      });
      try {
        const dir = tempDir("contacts-e2e-faults-");
        synthInto(dir, exampleText());
        writeLocalApiOverride(dir, flaky.url);
        await terraform(["init"], { cwd: dir });
        await terraform(["apply", "-auto-approve"], { cwd: dir });
        // The seed's fault sequence starts with both kinds (at most 2 faults per SDK call keep the backoff short), so the run met both.
        const firstDraws = Array.from({ length: 6 }, seededRandom(SEED));
        expect(firstDraws.some((r) => r < 0.3) && firstDraws.some((r) => r >= 0.3 && r < 0.4)).toBe(true);
        expect(flaky.calls.some((c) => c.fault === "throttle" && c.status === 429)).toBe(true);
        expect(flaky.calls.some((c) => c.fault === "error" && c.status === 500)).toBe(true);
        // The SDK retried faulted calls (same invocation, a later attempt succeeding), and the provider waited out
        // each alternate contact's stale first read after its write.
        expect(flaky.calls.some((c) => c.fault === undefined && (c.attempt ?? 1) > 1)).toBe(true);
        expect(flaky.calls.filter((c) => c.stale).length).toBeGreaterThanOrEqual(2);
        const snapshot = flaky.snapshot();
        for (const id of [MANAGEMENT, ...MEMBERS])
          expect(Object.keys(snapshot.accounts[id].alternateContacts).sort()).toEqual(["BILLING", "OPERATIONS", "SECURITY"]);
        expect(snapshot.accounts["333333333333"].alternateContacts.SECURITY).toMatchObject({ EmailAddress: "payments-sec@example.com" });
        await terraform(["plan", "-detailed-exitcode"], { cwd: dir, expectExitCodes: [0] });
        fs.rmSync(dir, { recursive: true, force: true });
      } finally {
        await flaky.stop();
      }
    },
    300_000,
  );

  test("5. a registry that fails the policy produces no configuration, so there is nothing to plan", async () => {
    const dir = tempDir("contacts-e2e-policy-");
    const result = synthInto(dir, exampleWith(["email: aws-ops@example.com,         phone", "email: richard.roe@example.com,     phone"]));
    expect(result.outcome.failed).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fs.existsSync(path.join(result.outdir, "stacks/contacts/cdk.tf.json"))).toBe(false);
    // The verdict comes before cdktf writes any stack: not even the stack's folder exists. What is
    // there (the reports) gives Terraform nothing to plan.
    expect(fs.existsSync(path.join(result.outdir, "stacks/contacts"))).toBe(false);
    const plan = await terraform(["plan"], { cwd: result.outdir, expectExitCodes: [1] });
    expect(plan.stderr).toMatch(/No configuration files/);
  });
});
