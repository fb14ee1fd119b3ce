/**
 * The one test that reads contacts/: it is about the example app this repository ships, not the tool.
 * Every other test reads its own copy (test/fixtures/registry/), so an adopter who replaces contacts/
 * with their organization's registry (`contacts import --force`) keeps `npm test` green; this test then
 * steps aside and says why.
 */
import * as fs from "fs";
import * as path from "path";
import { EXAMPLE_ACCOUNTS_FILE } from "./support/organization";
import { EXAMPLE_REGISTRY, REPO_ROOT } from "./support/workspace";

const SHIPPED_REGISTRY = path.join(REPO_ROOT, "contacts/registry.yaml");
const SHIPPED_ACCOUNTS = path.join(REPO_ROOT, "contacts/organization-accounts.json");

/** The example's opening comment, which `contacts import` and a registry written from nothing do not carry. */
const exampleHeader = (text: string) => text.split("\n").slice(0, 3).join("\n");

/** Whether contacts/registry.yaml is still the shipped example: its opening comment is the example's. */
function isShippedExample(shippedText: string | undefined, fixtureText: string): boolean {
  return shippedText !== undefined && exampleHeader(shippedText) === exampleHeader(fixtureText);
}

const readIfThere = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
const fixture = fs.readFileSync(EXAMPLE_REGISTRY, "utf8");
const shipped = isShippedExample(readIfThere(SHIPPED_REGISTRY), fixture);
const whileShipped = shipped ? test : test.skip;
if (!shipped)
  console.info(
    "test/example-app.test.ts skipped: contacts/registry.yaml is not the example this repository ships (its opening comment differs), " +
      "so it is your organization's registry and the tests, which read test/fixtures/registry/, do not judge it. Judge it with `npx contacts validate`.",
  );

describe("the example app's registry (contacts/), while it is the shipped example", () => {
  whileShipped("is the tests' fixture, byte for byte, so what the tests prove holds for the example the docs walk through", () => {
    const pairs: [shippedFile: string, fixtureFile: string][] = [
      [SHIPPED_REGISTRY, EXAMPLE_REGISTRY],
      [SHIPPED_ACCOUNTS, EXAMPLE_ACCOUNTS_FILE],
    ];
    const outOfStep = pairs
      .filter(([shippedFile, fixtureFile]) => readIfThere(shippedFile) !== fs.readFileSync(fixtureFile, "utf8"))
      .map(([shippedFile, fixtureFile]) => {
        const [from, to] = [path.relative(REPO_ROOT, shippedFile), path.relative(REPO_ROOT, fixtureFile)];
        return `${from} differs from ${to}, the tests' copy. Fix: make the change in both (cp ${from} ${to}) and run the tests.`;
      });
    expect(outOfStep).toEqual([]);
  });

  whileShipped("is the registry cdktf.json gives `cdktf synth` and the contacts commands", () => {
    const cdktf = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdktf.json"), "utf8"));
    expect(cdktf.context.contactsRegistry).toBe("contacts/registry.yaml");
  });
});

describe("telling the shipped example from an adopter's registry", () => {
  test("the example, edited, is still the example; an imported registry or one written from nothing is not; none at all is not", () => {
    expect(isShippedExample(fixture.replace("minRecipients: 2", "minRecipients: 3"), fixture)).toBe(true);
    expect(isShippedExample("# yaml-language-server: $schema=../schema/registry.schema.json\n# contacts-import-id: 0123456789ab\nversion: 1\n", fixture)).toBe(
      false,
    );
    expect(isShippedExample("version: 1\npeople: {}\n", fixture)).toBe(false);
    expect(isShippedExample(undefined, fixture)).toBe(false);
  });
});
