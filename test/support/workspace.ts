import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { addContactsStacks, type ContactsApp } from "../../src/cdktf/build-app";
import { parseRegistry } from "../../src/registry/load-registry";
import type { Registry } from "../../src/model/types";
import { readEnvironment } from "../../src/run/environment";
import type { PolicyMode } from "../../src/run/policy-mode";
import { readDeploymentSettings, type DeploymentSettings } from "../../src/run/settings";
import { synthesizeWithPolicy, type SynthOutcome } from "../../src/cdktf/synthesize";

export const REPO_ROOT = path.resolve(__dirname, "../..");
/**
 * The tests' own copy of the example registry. Not contacts/registry.yaml: an adopter replaces that with
 * their organization's (contacts import), and the tests must stay green when they do.
 */
export const EXAMPLE_REGISTRY = path.join(REPO_ROOT, "test/fixtures/registry/example.yaml");
/** Fixed so that review ages and departures do not drift with the calendar. */
export const TODAY = "2026-11-23";

const created: string[] = [];

/** A fresh temporary folder, removed after the test file by removeTempDirs (test/support/cleanup.ts). */
export function tempDir(prefix = "contacts-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file. */
export function removeTempDirs() {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function exampleText(): string {
  return fs.readFileSync(EXAMPLE_REGISTRY, "utf8");
}

/** The example registry with text replaced: most tests are "the example, but with one thing wrong". */
export function exampleWith(...replacements: [string | RegExp, string][]): string {
  let text = exampleText();
  for (const [from, to] of replacements) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`fixture replacement did not match: ${from}`);
    text = next;
  }
  return text;
}

/**
 * A project folder laid out as this repository's is (cdktf.json naming contacts/registry.yaml, the example
 * registry there), for commands that find the registry as synth does rather than by a flag.
 */
export function exampleProject(registryText = exampleText()): string {
  const dir = tempDir("contacts-project-");
  fs.mkdirSync(path.join(dir, "contacts"));
  fs.writeFileSync(path.join(dir, "contacts/registry.yaml"), registryText);
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ context: { contactsRegistry: "contacts/registry.yaml" } }));
  return dir;
}

/** The deployment settings of an empty cdktf.json context and no environment variables. */
export function defaultDeployment(): DeploymentSettings {
  return readDeploymentSettings({}, readEnvironment({}));
}

export function registryFrom(text: string, file = "contacts/registry.yaml"): Registry {
  return parseRegistry(file, text);
}

export interface Synthesized {
  app: App;
  contacts: ContactsApp;
  outdir: string;
  stack(name?: string): TerraformJson;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export type TerraformJson = Record<string, any>;

/** Builds the app for a registry text in a temporary outdir, without synthesizing yet. */
export function buildApp(text: string, options: { settings?: Partial<DeploymentSettings>; today?: string; mode?: PolicyMode } = {}): Synthesized {
  const outdir = tempDir("cdktf-out-");
  const app = new App({ outdir, stackTraces: false });
  const registry = registryFrom(text);
  const settings = { ...defaultDeployment(), ...options.settings };
  const contacts = addContactsStacks(app, { registry, settings, today: options.today ?? TODAY, mode: options.mode });
  return {
    app,
    contacts,
    outdir,
    stack: (name = settings.stackName) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8")),
  };
}

/**
 * Runs fn as under the cdktf CLI, which sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS. cdktf reads it
 * when a stack is constructed, so stacks must be built inside fn.
 */
export function asUnderCdktfCli<T>(fn: () => T): T {
  const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  try {
    return fn();
  } finally {
    if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
  }
}

/** Synthesizes with the policy as `cdktf synth` does (all stacks judged, reports written). */
export function synthesizeBuilt(built: Synthesized): Synthesized & { outcome: SynthOutcome } {
  const outcome = synthesizeWithPolicy(built.app, built.contacts, { registryFile: "contacts/registry.yaml", source: "test", toolVersion: "test" });
  return { ...built, outcome };
}

/** Builds and synthesizes as `cdktf synth` does. */
export function synthesize(text: string, options: Parameters<typeof buildApp>[1] = {}): Synthesized & { outcome: SynthOutcome } {
  return asUnderCdktfCli(() => synthesizeBuilt(buildApp(text, options)));
}
