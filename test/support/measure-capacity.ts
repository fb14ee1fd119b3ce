/**
 * `npm run capacity`: how long a plan of one shard takes when the AWS Account Management API enforces
 * its documented request rates (the local stand-in from the tests, hashicorp/aws from the mirror the harness finds).
 * The organization's contacts already exist and every one is read once, as a refresh does; the measured
 * point then anchors the table of shard size against refresh time in docs/performance.md. It lives in test/support,
 * beside the stand-in and the Terraform harness it drives: scripts/ depend on src/, never on test/.
 * Usage: npm run capacity -- [accounts=60]
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { App } from "cdktf";
import { addContactsStacks } from "../../src/cdktf/build-app";
import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import { parseRegistry } from "../../src/registry/load-registry";
import { readEnvironment } from "../../src/run/environment";
import { readDeploymentSettings } from "../../src/run/settings";
import { ACCOUNT_API_DOCUMENTED_RATES, startAccountApi } from "./account-api";
import { removeWorkdirs, requireTerraform, terraform, writeLocalApiOverride, AWS_PROVIDER_VERSION } from "./terraform";
import { removeTempDirs } from "./workspace";
import { generateRegistry, GENERATED_TODAY } from "../../scripts/generate-registry";

async function main() {
  const accounts = Number(process.argv[2] ?? 60);
  requireTerraform();
  const registry = parseRegistry("generated.yaml", generateRegistry({ accounts }));
  const effective = resolveEffectiveContacts(registry);
  const management = registry.accounts.find((a) => a.management)!.id;
  const api = await startAccountApi({
    managementAccountId: management,
    memberAccountIds: registry.accounts.filter((a) => !a.management).map((a) => a.id),
    rateLimit: "documented",
  });
  try {
    for (const e of effective) {
      for (const [slot, type] of [
        ["billing", "BILLING"],
        ["operations", "OPERATIONS"],
        ["security", "SECURITY"],
      ] as const) {
        const card = e[slot]!.card;
        api.seedAlternateContact(e.account.id, type, { Name: card.name, Title: card.title, EmailAddress: card.email, PhoneNumber: card.phone });
      }
      const p = e.primary!.card;
      api.seedContactInformation(e.account.id, {
        FullName: p.fullName,
        CompanyName: p.companyName,
        PhoneNumber: p.phone,
        AddressLine1: p.addressLine1,
        City: p.city,
        StateOrRegion: p.stateOrRegion,
        PostalCode: p.postalCode,
        CountryCode: p.countryCode,
      });
    }
    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-capacity-"));
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
    const app = new App({ outdir: path.join(workdir, "out"), stackTraces: false });
    // Every contact was seeded above: the record says so, so every one is imported (read once, as a refresh reads it).
    const existingContactsFile = path.join(workdir, "existing-contacts.json");
    const every = ["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"];
    fs.writeFileSync(existingContactsFile, JSON.stringify({ accounts: Object.fromEntries(effective.map((e) => [e.account.id, every])) }));
    const settings = { ...readDeploymentSettings({}, readEnvironment({})), providerVersion: AWS_PROVIDER_VERSION, importExisting: true, existingContactsFile };
    const contacts = addContactsStacks(app, { registry, settings, today: GENERATED_TODAY });
    app.synth();
    if (contacts.evaluation.failed) throw new Error("the generated registry fails the policy");
    const json = JSON.parse(fs.readFileSync(path.join(workdir, "out/stacks/contacts/cdk.tf.json"), "utf8"));
    delete json.terraform.backend;
    fs.writeFileSync(path.join(workdir, "cdk.tf.json"), JSON.stringify(json));
    writeLocalApiOverride(workdir, api.url);
    await terraform(["init"], { cwd: workdir });
    api.resetCalls();
    const started = performance.now();
    // Importing reads every existing contact once, through the same Get calls and quotas as a refresh.
    await terraform(["plan", "-detailed-exitcode"], { cwd: workdir, expectExitCodes: [0, 2] });
    const seconds = (performance.now() - started) / 1000;
    const counts = api.callCounts();
    const throttled = api.calls.filter((c) => c.status === 429).length;
    const reads = api.calls.filter((c) => c.operation.startsWith("Get") && c.status === 200).length;
    process.stdout.write(
      `${accounts} accounts: plan read ${reads} contacts in ${seconds.toFixed(1)} s (${(reads / seconds).toFixed(1)} reads/s), ${throttled} answered 429 and retried.\n` +
        `Calls: ${JSON.stringify(counts)}\nDocumented rates: ${JSON.stringify(ACCOUNT_API_DOCUMENTED_RATES)}\n`,
    );
    fs.rmSync(workdir, { recursive: true, force: true });
  } finally {
    await api.stop();
    removeWorkdirs();
    removeTempDirs();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
