import * as fs from "fs";
import * as path from "path";
import { parseRegistry } from "../../src/registry/load-registry";
import type { Registry } from "../../src/model/types";
import { readEnvironment } from "../../src/run/environment";
import { readDeploymentSettings, type DeploymentSettings } from "../../src/run/settings";

export { removeTempDirs, tempDir } from "./temp-dirs";
import { tempDir } from "./temp-dirs";

export const REPO_ROOT = path.resolve(__dirname, "../..");
/**
 * The tests' own copy of the example registry. Not contacts/registry.yaml: an adopter replaces that with
 * their organization's (contacts import), and the tests must stay green when they do.
 */
export const EXAMPLE_REGISTRY = path.join(REPO_ROOT, "test/fixtures/registry/example.yaml");
/** Fixed so that review ages and departures do not drift with the calendar. */
export const TODAY = "2026-11-23";

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
