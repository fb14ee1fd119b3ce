/**
 * Builds and synthesizes the contacts app in the test's own process, as `cdktf synth` does. Apart from workspace.ts
 * because it loads cdktf and the provider bindings, which the files that never synthesize should not pay for.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { addContactsStacks, type ContactsApp } from "../../src/cdktf/build-app";
import { synthesizeWithPolicy, type SynthOutcome } from "../../src/cdktf/synthesize";
import type { PolicyMode } from "../../src/run/policy-mode";
import type { DeploymentSettings } from "../../src/run/settings";
import { tempDir } from "./temp-dirs";
import { defaultDeployment, registryFrom, TODAY } from "./workspace";

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
