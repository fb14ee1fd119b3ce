/**
 * An adopter replaces contacts/ with their organization's registry (`contacts import --force`); the tests
 * must not notice. They read test/fixtures/registry/, and only test/example-app.test.ts reads contacts/.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { awsEnvironmentFor, environmentWithoutAws } from "./support/aws-env";
import { startExampleOrganization } from "./support/example-organization";
import { runContacts } from "./support/run-contacts";
import { REPO_ROOT, tempDir } from "./support/workspace";

/** The test that is about the example app this repository ships, and may read contacts/. */
const EXAMPLE_APP_TEST = "test/example-app.test.ts";
const THIS_TEST = "test/tests-own-fixtures.test.ts";
/** A test file that runs the app in the checkout, telling it its registry; and its real CLI runs, left out below. */
const CHECKOUT_APP_TEST = "test/cdktf/cdktf-cli.test.ts";
const LEFT_OUT = "cdktf synth \\(the real CLI\\)";

const testSources = (dir = path.join(REPO_ROOT, "test")): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testSources(file);
    return entry.name.endsWith(".ts") ? [file] : [];
  });

/** What reads the checkout's registry: a path into contacts/, cdktf.json's contactsRegistry, a command run in the checkout that is not told its registry. */
function readsOfTheCheckoutsRegistry(source: string): string[] {
  const reads = [...source.matchAll(/REPO_ROOT\s*,\s*["'`]contacts\b|__dirname\s*,\s*["'`](?:\.\.\/)+contacts\b|\.contactsRegistry\b/g)].map((m) => m[0]);
  for (const match of source.matchAll(/cwd: REPO_ROOT/g)) {
    // The call around it (from spawn or runCli to the end of its options): a command started in the checkout
    // finds the registry through cdktf.json unless told which; asking for help, or git, reads none.
    const start = Math.max(...[...source.slice(0, match.index).matchAll(/\b(?:spawn|spawnSync|runCli|mustRun)\(/g)].map((m) => m.index), 0);
    const call = source.slice(start, source.indexOf("})", match.index));
    if (!/CONTACTS_REGISTRY|"--help"|^\w+\("git"/.test(call)) reads.push(`${match[0]} without CONTACTS_REGISTRY`);
  }
  return reads;
}

describe("tests own their fixtures", () => {
  test(`no test but ${EXAMPLE_APP_TEST} reads contacts/ or the registry cdktf.json names`, () => {
    const readers = testSources()
      .map((file) => ({ file: path.relative(REPO_ROOT, file), reads: readsOfTheCheckoutsRegistry(fs.readFileSync(file, "utf8")) }))
      .filter(({ file, reads }) => reads.length > 0 && file !== EXAMPLE_APP_TEST && file !== THIS_TEST);
    expect(readers).toEqual([]);
    // The check finds what it looks for.
    expect(readsOfTheCheckoutsRegistry(fs.readFileSync(path.join(REPO_ROOT, EXAMPLE_APP_TEST), "utf8")).length).toBeGreaterThan(0);
    expect(readsOfTheCheckoutsRegistry('spawnSync("npx", ["cdktf", "synth"], { cwd: REPO_ROOT, env: process.env })')).toEqual([
      "cwd: REPO_ROOT without CONTACTS_REGISTRY",
    ]);
  });

  test("with contacts/ replaced by an imported organization, the synth-path tests pass and the example app's test steps aside, saying why", async () => {
    // The checkout as git sees it, node_modules shared.
    const copy = tempDir("contacts-adopted-");
    const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(listed.status).toBe(0);
    for (const file of listed.stdout.split("\0").filter((name) => name && fs.existsSync(path.join(REPO_ROOT, name)))) {
      fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(copy, file));
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(copy, "node_modules"));
    // dist/ as built here, as `npm ci` leaves an adopter's checkout: the copy's sources are these, so its processes
    // run the compiled code (without it, each would compile the sources through tsx).
    if (fs.existsSync(path.join(REPO_ROOT, "dist"))) fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(copy, "dist"), { recursive: true });

    const api = await startExampleOrganization();
    try {
      const imported = await runContacts(["import", "--force"], { cwd: copy, env: { ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) } });
      expect(imported.status).toBe(0);
    } finally {
      await api.stop();
    }
    expect(fs.readFileSync(path.join(copy, "contacts/registry.yaml"), "utf8")).toMatch(/^# contacts-import-id: /m);

    const env = { ...process.env };
    delete env.CONTACTS_REGISTRY;
    const report = path.join(tempDir("contacts-adopted-report-"), "report.json");
    // The tests a replaced contacts/ could reach: the example app's, which reads it, and the app run in the checkout,
    // where cdktf.json names contacts/registry.yaml, told its registry (what the check above asks of such a run). The
    // real CLI's runs in that file are left out: each costs seconds and is told its registry the same way. The other
    // tests run in folders of their own, which never hold the checkout's contacts/. In one jest process (--runInBand):
    // two workers would each start and compile the same modules again.
    const files = [EXAMPLE_APP_TEST, CHECKOUT_APP_TEST];
    const run = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, "node_modules/jest/bin/jest.js"),
        "--ci",
        "--runInBand",
        "--json",
        "--outputFile",
        report,
        "--testNamePattern",
        `^(?!${LEFT_OUT})`,
        ...files,
      ],
      { cwd: copy, encoding: "utf8", env },
    );
    const results = JSON.parse(fs.readFileSync(report, "utf8")) as {
      testResults: { name: string; assertionResults: { status: string; ancestorTitles: string[] }[] }[];
    };
    const byFile = Object.fromEntries(
      results.testResults.map((r) => [
        path.relative(copy, r.name),
        {
          statuses: [...new Set(r.assertionResults.map((a) => a.status))].sort(),
          passed: [...new Set(r.assertionResults.filter((a) => a.status === "passed").map((a) => a.ancestorTitles[0]))].sort(),
        },
      ]),
    );
    expect({ status: run.status, byFile }).toEqual({
      status: 0,
      byFile: {
        [EXAMPLE_APP_TEST]: { statuses: ["passed", "pending"], passed: ["telling the shipped example from an adopter's registry"] },
        [CHECKOUT_APP_TEST]: { statuses: ["passed", "pending"], passed: ["the app cdktf.json names"] },
      },
    });
    expect(run.stdout + run.stderr).toContain("test/example-app.test.ts skipped: contacts/registry.yaml is not the example this repository ships");
  });
});
