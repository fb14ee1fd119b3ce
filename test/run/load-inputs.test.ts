/**
 * The one loader (issue 19): the registry and what lies beside it, read once into one value, with one error for
 * what does not load, under the headline the command gives.
 */
import * as fs from "fs";
import * as path from "path";
import { loadInputs, loadInputsFromText, RegistryNotLoaded } from "../../src/run/load-inputs";
import { readRunContext } from "../../src/run/run-context";
import { EXAMPLE_ACCOUNTS, withCoverage } from "../support/organization";
import { exampleText, tempDir, TODAY } from "../support/workspace";

/** A project folder with the registry at the default path and, when given, the accounts file beside it. */
function project(registry: string, accounts?: string): string {
  const dir = tempDir("load-inputs-");
  fs.mkdirSync(path.join(dir, "contacts"));
  fs.writeFileSync(path.join(dir, "contacts/registry.yaml"), registry);
  if (accounts !== undefined) fs.writeFileSync(path.join(dir, "contacts/organization-accounts.json"), accounts);
  return dir;
}

function load(cwd: string, want: Parameters<typeof loadInputs>[1]["want"], subject?: Parameters<typeof loadInputs>[1]["subject"]) {
  const context = readRunContext({ env: { CONTACTS_TODAY: TODAY }, cwd });
  return loadInputs(context, { cwd, want, consequence: "nothing was judged", subject });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the loader to throw");
}

describe("loadInputs: one loader, one value, one error", () => {
  test("the registry and the organization accounts file it names come back as one value", () => {
    const inputs = load(project(withCoverage(), EXAMPLE_ACCOUNTS), { organization: true, importSet: true });
    expect(inputs.registry.file).toBe("contacts/registry.yaml");
    expect(inputs.organization?.map((account) => account.id)).toContain("222222222222");
    expect(inputs.existingContacts).toBeUndefined();
  });

  test("an input the command does not want is not read: a broken accounts file stops only the commands that read it", () => {
    const cwd = project(withCoverage(), "{ not json");
    expect(load(cwd, {}).organization).toBeUndefined();
    expect(thrown(() => load(cwd, { organization: true }))).toBeInstanceOf(RegistryNotLoaded);
  });

  test("a registry that does not load is RegistryNotLoaded: the loader's issues, restated under the command's headline", () => {
    const error = thrown(() => load(project("version: 1\naccounts: [\n"), {}, (e, what) => `contacts test: the ${what} ${e.file}`)) as RegistryNotLoaded;
    expect(error).toBeInstanceOf(RegistryNotLoaded);
    expect(error.what).toBe("registry");
    expect(error.message).toMatch(/^contacts test: the registry contacts\/registry\.yaml has \d+ errors?; nothing was judged:\n/);
    expect(error.registryError.issues.length).toBeGreaterThan(0);
  });

  test("an accounts file that does not load is named as such, with the registry line that names it", () => {
    const error = thrown(() => load(project(withCoverage(), "{ not json"), { organization: true })) as RegistryNotLoaded;
    expect(error.what).toMatch(/^organization accounts file \(organization\.accountsFile at contacts\/registry\.yaml:\d+:\d+\)$/);
    expect(error.message).toMatch(/; nothing was judged:\n/);
  });

  test("a registry given as text (review's base revision) reads its accounts file through the reader it is given, by repository path", () => {
    const asked: string[] = [];
    const inputs = loadInputsFromText(
      {
        name: "origin/main:contacts/registry.yaml",
        text: withCoverage(exampleText()),
        file: "contacts/registry.yaml",
        readText: (file) => {
          asked.push(file);
          return EXAMPLE_ACCOUNTS;
        },
        root: tempDir("load-inputs-root-"),
      },
      { want: { organization: true }, consequence: "nothing was compared" },
    );
    expect(inputs.registry.file).toBe("origin/main:contacts/registry.yaml");
    expect(asked).toEqual([path.join("contacts", "organization-accounts.json")]);
    expect(inputs.organization?.length).toBeGreaterThan(0);
  });
});
