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
 * Applies and returns the changes as Terraform's machine-readable output announces them before applying: one
 * planned_change per resource instance that changes or is imported (a no-op import too). The apply plans exactly as
 * `terraform plan` does, so asserting its plan after the fact pins the same behaviour as a plan and an apply of the
 * saved plan, for one command (seconds of CPU) less; `terraform show -json` would start the provider once more.
 */
async function applyChanges(workdir: string) {
  const applied = await terraform(["apply", "-json", "-auto-approve"], { cwd: workdir });
  return plannedChanges(applied.stdout);
}

const SEED = 8;
const EVERY_ACCOUNT = [MANAGEMENT, ...MEMBERS];

/** What an organization whose contacts all exist holds before adoption: old values, and the example's security card in one account. */
function seedExistingContacts(api: AccountApi) {
  for (const id of EVERY_ACCOUNT) {
    for (const type of ["BILLING", "OPERATIONS", "SECURITY"] as const) {
      api.seedAlternateContact(id, type, { Name: "Old Team", Title: "Old", EmailAddress: "old-team@example.com", PhoneNumber: "+1 206 555 0199" });
    }
    api.seedContactInformation(id, {
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
  api.seedAlternateContact("555555555555", "SECURITY", {
    Name: "Cloud Security Team",
    Title: "Security Operations",
    EmailAddress: "aws-security@example.com",
    PhoneNumber: "+1 206 555 0100",
  });
}

/**
 * One stand-in and one working directory for scenarios 1 to 3, which run in order: each Terraform working directory
 * costs an init and a provider start, each command seconds of CPU. The first apply meets throttling, 500s and
 * eventual consistency; the faults are then switched off so that the plans after it count exact reads.
 */
describeWithTerraform("real Terraform and the AWS provider against a local AWS Account API", () => {
  let api: AccountApi;
  const workdir = tempDir("contacts-e2e-");
  /** What AWS holds after the first apply (1); adoption (3) must reach the same. */
  let freshlyApplied: ReturnType<AccountApi["snapshot"]> | undefined;

  beforeAll(async () => {
    api = await startAccountApi({
      managementAccountId: MANAGEMENT,
      memberAccountIds: MEMBERS,
      seed: SEED,
      throttleRate: 0.3,
      errorRate: 0.1,
      maxFaultsPerInvocation: 2,
      eventualConsistency: true,
    });
    synthInto(workdir, exampleText());
    writeLocalApiOverride(workdir, api.url);
    await terraform(["init"], { cwd: workdir });
  });
  afterAll(async () => {
    await api?.stop();
    removeWorkdirs();
  });

  test("1. apply the example (which validates it) through throttling, 500s and eventual consistency: it converges to exactly the registry's contacts", async () => {
    await terraform(["apply", "-auto-approve"], { cwd: workdir });
    // The seed's fault sequence starts with both kinds (at most 2 faults per SDK call keep the backoff short), so the run met both.
    const firstDraws = Array.from({ length: 6 }, seededRandom(SEED));
    expect(firstDraws.some((r) => r < 0.3) && firstDraws.some((r) => r >= 0.3 && r < 0.4)).toBe(true);
    expect(api.calls.some((c) => c.fault === "throttle" && c.status === 429)).toBe(true);
    expect(api.calls.some((c) => c.fault === "error" && c.status === 500)).toBe(true);
    // The SDK retried faulted calls (same invocation, a later attempt succeeding), and the provider waited out
    // each alternate contact's stale first read after its write.
    expect(api.calls.some((c) => c.fault === undefined && (c.attempt ?? 1) > 1)).toBe(true);
    expect(api.calls.filter((c) => c.stale).length).toBeGreaterThanOrEqual(2);

    const snapshot = api.snapshot();
    expect(Object.keys(snapshot.accounts).sort()).toEqual(EVERY_ACCOUNT);
    expect(snapshot.accounts[MANAGEMENT].alternateContacts.SECURITY).toMatchObject({ EmailAddress: "aws-security@example.com", Name: "Cloud Security Team" });
    expect(snapshot.accounts["222222222222"].alternateContacts.SECURITY).toMatchObject({
      EmailAddress: "payments-sec@example.com",
      PhoneNumber: "+1 206 555 0130",
    });
    expect(snapshot.accounts["222222222222"].alternateContacts.OPERATIONS).toMatchObject({ EmailAddress: "payments-oncall@example.com" });
    expect(snapshot.accounts["333333333333"].alternateContacts.SECURITY).toMatchObject({ EmailAddress: "payments-sec@example.com" });
    for (const id of EVERY_ACCOUNT) {
      expect(Object.keys(snapshot.accounts[id].alternateContacts).sort()).toEqual(["BILLING", "OPERATIONS", "SECURITY"]);
      expect(snapshot.accounts[id].contactInformation).toMatchObject({ FullName: "Example Corp Cloud Office", CountryCode: "US", StateOrRegion: "WA" });
    }
    // Each member's writes name its account; the management account's name none (AWS refuses its own id there).
    // One accepted write per contact: a faulted attempt changes nothing and its retry is the write.
    const writes = api.calls.filter((c) => c.operation.startsWith("Put") && c.status === 200).map((c) => `${c.operation} ${c.requestedAccountId ?? "(none)"}`);
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
    freshlyApplied = snapshot;
  });

  test("2. the next plan reads each contact once and changes only what the edit changes: changing one card's email updates in place exactly the contacts that use it; renaming an account changes nothing; removing an account deletes its alternate contacts, its primary contact stays in AWS", async () => {
    expect(step2).not.toContain("666666666666");
    synthInto(workdir, step2);
    // The faults end here, so that the reads are counted exactly.
    api.clearFaults();
    api.resetCalls();
    const changes = await applyChanges(workdir);
    // The plan refreshes every contact 1 applied, one read each, before anything is written; that it plans only the
    // edit's changes shows that 1's apply, faults and all, left nothing else to do.
    const beforeWrites = new Set(
      api.calls.slice(
        0,
        Math.max(
          0,
          api.calls.findIndex((c) => !c.operation.startsWith("Get")),
        ),
      ),
    );
    expect(api.callCounts((c) => beforeWrites.has(c))).toEqual({ GetAlternateContact: 18, GetContactInformation: 6 });
    expect(changes.map((c) => [c.address, c.change.actions]).sort()).toEqual([
      ['aws_account_alternate_contact.billing["666666666666"]', ["delete"]],
      ['aws_account_alternate_contact.operations["222222222222"]', ["update"]],
      ['aws_account_alternate_contact.operations["666666666666"]', ["delete"]],
      ['aws_account_alternate_contact.security["666666666666"]', ["delete"]],
      ['aws_account_primary_contact.primary["666666666666"]', ["delete"]],
    ]);
    expect(api.snapshot().accounts["222222222222"].alternateContacts.OPERATIONS).toMatchObject({ EmailAddress: "aws-ops@example.com" });
    const audit = api.snapshot().accounts["666666666666"];
    expect(audit.alternateContacts).toEqual({});
    expect(audit.contactInformation).toMatchObject({ FullName: "Example Corp Cloud Office" });
  });

  test("3. adopting an organization whose contacts exist: the first plan imports and updates, creating only members' primary contacts (provider bug #41154), and after the apply AWS holds what a fresh apply writes and a plan shows no changes", async () => {
    // The same organization, as if no Terraform had ever managed it: every contact exists with old values, no state.
    seedExistingContacts(api);
    for (const file of ["terraform.tfstate", "terraform.tfstate.backup"]) fs.rmSync(path.join(workdir, file), { force: true });
    // Every contact exists, as `contacts drift --existing` would record it.
    const record = path.join(tempDir("contacts-e2e-record-"), "existing-contacts.json");
    const every = ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"];
    fs.writeFileSync(record, JSON.stringify({ readAt: "2026-11-23T00:00:00Z", accounts: Object.fromEntries(EVERY_ACCOUNT.map((id) => [id, every])) }));
    synthInto(workdir, exampleText(), record);
    const changes = await applyChanges(workdir);
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
    expect(api.snapshot().accounts["222222222222"].alternateContacts.SECURITY).toMatchObject({ EmailAddress: "payments-sec@example.com" });
    expect(api.snapshot().accounts["333333333333"].contactInformation).toMatchObject({ FullName: "Example Corp Cloud Office" });
    // The same AWS as after 1's apply; the state differs (imported management contacts keep the import id, "SECURITY",
    // where a create writes "/SECURITY"), so only a plan shows that Terraform sees nothing left to do.
    expect(api.snapshot()).toEqual(freshlyApplied);
    // No drift, and finding none costs one read per contact.
    api.resetCalls();
    await terraform(["plan", "-detailed-exitcode"], { cwd: workdir, expectExitCodes: [0] });
    expect(api.callCounts()).toEqual({ GetAlternateContact: 18, GetContactInformation: 6 });
  });

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
