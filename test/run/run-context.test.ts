import * as fs from "fs";
import * as path from "path";
import { deploymentFor, policyModeFor, readRunContext } from "../../src/run/run-context";
import { tempDir } from "../support/workspace";

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A folder with the cdktf.json given (or none), as the entry points find it. */
function folderWith(cdktfContext?: object): string {
  const dir = tempDir("run-context-");
  folders.push(dir);
  if (cdktfContext) fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ app: "npx tsx main.ts", context: cdktfContext }));
  return dir;
}

const NOW = new Date("2026-03-04T23:59:00Z");

describe("readRunContext: the environment, the flags and cdktf.json, read once", () => {
  test("the registry: --registry, else CONTACTS_REGISTRY, else cdktf.json's contactsRegistry, else the default, each with its origin", () => {
    const cwd = folderWith({ contactsRegistry: "from-context.yaml" });
    const env = { CONTACTS_REGISTRY: " from-env.yaml " };
    expect(readRunContext({ env, cwd, registryFlag: "from-flag.yaml" }).registry).toEqual({ path: "from-flag.yaml", origin: "--registry" });
    expect(readRunContext({ env, cwd }).registry).toEqual({ path: "from-env.yaml", origin: "the environment variable CONTACTS_REGISTRY" });
    expect(readRunContext({ env: {}, cwd }).registry).toEqual({ path: "from-context.yaml", origin: 'cdktf.json context key "contactsRegistry"' });
    expect(readRunContext({ env: {}, cwd: folderWith() }).registry).toEqual({ path: "contacts/registry.yaml", origin: "the default (contacts/registry.yaml)" });
  });

  test("the cdktf context: the one given, else CDKTF_CONTEXT_JSON (what cdktf synth hands its app), else cdktf.json in cwd", () => {
    const cwd = folderWith({ awsRegion: "eu-west-1" });
    const fromCdktf = { CDKTF_CONTEXT_JSON: JSON.stringify({ awsRegion: "ap-south-1" }) };
    expect(readRunContext({ env: fromCdktf, cwd, context: { awsRegion: "us-west-2" } }).deployment.region).toBe("us-west-2");
    expect(readRunContext({ env: fromCdktf, cwd }).deployment.region).toBe("ap-south-1");
    expect(readRunContext({ env: {}, cwd }).deployment.region).toBe("eu-west-1");
    expect(() => readRunContext({ env: { CDKTF_CONTEXT_JSON: "{" }, cwd })).toThrow(/^CDKTF_CONTEXT_JSON is not valid JSON \(.*\)\. Fix: /);
  });

  test("deployment settings are apart from the registry's location; the environment overrides the provider version and import blocks", () => {
    const cwd = folderWith({ contactsRegistry: "r.yaml", awsProviderVersion: "~> 6.1", stackName: "org-contacts" });
    expect(readRunContext({ env: {}, cwd }).deployment).toEqual({
      region: "us-east-1",
      assumeRoleArn: undefined,
      providerVersion: "~> 6.1",
      s3Backend: undefined,
      importExisting: false,
      existingContactsFile: "contacts/existing-contacts.json",
      stackName: "org-contacts",
      sharding: undefined,
    });
    const overridden = readRunContext({ env: { CONTACTS_AWS_PROVIDER_VERSION: "6.2.0", CONTACTS_IMPORT_EXISTING: "true" }, cwd });
    expect(overridden.deployment).toMatchObject({ providerVersion: "6.2.0", importExisting: true });
    expect(deploymentFor(overridden, { stackName: "before" })).toMatchObject({ providerVersion: "6.2.0", importExisting: true, stackName: "before" });
  });

  test("today: CONTACTS_TODAY when set, else the date in UTC; a wrong date is a usage error", () => {
    const cwd = folderWith();
    expect(readRunContext({ env: { CONTACTS_TODAY: "2026-11-23" }, cwd, now: NOW }).today).toBe("2026-11-23");
    expect(readRunContext({ env: { CONTACTS_TODAY: " " }, cwd, now: NOW }).today).toBe("2026-03-04");
    expect(() => readRunContext({ env: { CONTACTS_TODAY: "23/11/2026" }, cwd })).toThrow(
      'CONTACTS_TODAY="23/11/2026" is not a date. Fix: set it as YYYY-MM-DD',
    );
  });

  test("the mode: CONTACTS_POLICY_MODE overrides the registry's policy.mode once it is loaded; a wrong mode is a usage error", () => {
    const cwd = folderWith();
    const enforcing = { policy: { mode: "enforce" as const } } as Parameters<typeof policyModeFor>[1];
    expect(policyModeFor(readRunContext({ env: {}, cwd }), enforcing)).toBe("enforce");
    expect(policyModeFor(readRunContext({ env: { CONTACTS_POLICY_MODE: "warn" }, cwd }), enforcing)).toBe("warn");
    expect(() => readRunContext({ env: { CONTACTS_POLICY_MODE: "lenient" }, cwd })).toThrow(
      'CONTACTS_POLICY_MODE="lenient" is not a mode. Fix: set it to warn or enforce, or unset it.',
    );
    expect(() => readRunContext({ env: { CONTACTS_POLICY_MODE: "constructor" }, cwd })).toThrow("is not a mode");
  });
});
