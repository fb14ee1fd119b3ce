import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { SARIF_REPORT } from "../src/cdktf/synthesize";
import { GitRepo } from "./support/git-repo";
import { exampleText, exampleWith, REPO_ROOT, tempDir, TODAY } from "./support/workspace";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  steps: Step[];
  permissions?: Record<string, string>;
}

const WORKFLOW_FILE = path.join(REPO_ROOT, ".github/workflows/contacts.yml");
const workflow = parse(fs.readFileSync(WORKFLOW_FILE, "utf8")) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const step = (job: string, name: string): Step => {
  const found = workflow.jobs[job].steps.find((s) => s.name === name);
  if (!found) throw new Error(`${WORKFLOW_FILE}: job ${job} has no step named "${name}"`);
  return found;
};

/**
 * `npx contacts` as the runner resolves it, without npm: npm builds its view of node_modules on every call
 * (13 s the first time in a fresh repository here, 3 s after), which would be most of this file's time.
 * The command and its arguments are the workflow's; test/cli/cli.test.ts runs the real `npx contacts`.
 */
function npxShim(): string {
  const dir = tempDir("npx-shim-");
  const shim = path.join(dir, "npx");
  fs.writeFileSync(
    shim,
    `#!/usr/bin/env bash\nif [ "$1" = contacts ]; then shift; exec node ${JSON.stringify(path.join(REPO_ROOT, "bin/contacts.js"))} "$@"; fi\nexec ${JSON.stringify(npxOnPath())} "$@"\n`,
    { mode: 0o755 },
  );
  return dir;
}

function npxOnPath(): string {
  const found = spawnSync("bash", ["-c", "command -v npx"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("npx is not on PATH");
  return found;
}

/** Runs one step's script as the runner would (bash -e), in an adopter's repository. */
function runStep(repo: GitRepo, script: string, env: Record<string, string>) {
  const PATH = `${npxShim()}${path.delimiter}${process.env.PATH ?? ""}`;
  return spawnSync("bash", ["-eo", "pipefail", "-c", script], {
    cwd: repo.dir,
    encoding: "utf8",
    env: { ...process.env, CONTACTS_TODAY: TODAY, ...env, PATH },
  });
}

/**
 * This project's cdktf.json (its app command and settings), naming the registry this test writes: not
 * whichever registry the checkout's cdktf.json names, which an adopter may have moved.
 */
function projectCdktfJson(): string {
  const cdktf = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "cdktf.json"), "utf8"));
  return JSON.stringify({ ...cdktf, context: { ...cdktf.context, contactsRegistry: "contacts/registry.yaml" } }, null, 2);
}

/** main, then a pull-request branch that changes one card's phone; origin/main as actions/checkout leaves it. */
function pullRequestRepo(): { repo: GitRepo; base: string } {
  const repo = new GitRepo().adoptProject().write("contacts/registry.yaml", exampleText()).write("cdktf.json", projectCdktfJson()).commit("main");
  const base = repo.git("rev-parse", "HEAD").trim();
  repo.git("update-ref", "refs/remotes/origin/main", base);
  repo.git("checkout", "-q", "-b", "change-phone");
  repo
    .write(
      "contacts/registry.yaml",
      exampleWith(['phone: "+1 206 555 0140" }', 'phone: "+1 206 555 0141" }'], ['    phone: "+1 206 555 0140"', '    phone: "+1 206 555 0141"']),
    )
    .commit("change");
  return { repo, base };
}

describe("the GitHub Actions workflow users adopt", () => {
  test("runs on pull requests, and applies only on pushes to main or by hand from main", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(workflow.jobs.review.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs.apply.if).toBe("github.event_name != 'pull_request' && github.ref == 'refs/heads/main'");
  });

  test("pins every action to a major version and grants the review job only what it uses", () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w/-]+@v\d+$/);
    expect(workflow.jobs.review.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write", "security-events": "write" });
  });

  test("uploads the SARIF file synth writes, even when synth fails", () => {
    const upload = workflow.jobs.review.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;
    expect(upload.with?.sarif_file).toBe(`cdktf.out/${SARIF_REPORT}`);
    expect(upload.if).toBe(`always() && hashFiles('cdktf.out/${SARIF_REPORT}') != ''`);
    expect(step("review", "Synthesize with the contact policy").run).toBe("npx cdktf synth");
  });

  test("the review step writes the comment and the stacks to plan, as written in the workflow", () => {
    const { repo } = pullRequestRepo();
    const run = runStep(repo, step("review", "Review the contact changes").run!, { BASE_REF: "main" });
    expect(run.stderr.replace(/npm warn.*\n/g, "")).toBe("");
    expect(run.status).toBe(0);
    const comment = fs.readFileSync(path.join(repo.dir, "review.md"), "utf8");
    expect(comment).toMatch(/^\*\*Contacts review\*\* against <code>origin\/main<\/code> \([0-9a-f]{7}\): 1 contact changed in 1 account; /);
    expect(comment).toContain("#### OPERATIONS · 222222222222 payments-prod: phone changed");
    expect(fs.readFileSync(path.join(repo.dir, "stacks.txt"), "utf8")).toBe("contacts\n");
  });

  test("the review step still writes the comment when the change fails the policy", () => {
    const { repo } = pullRequestRepo();
    repo.write("contacts/registry.yaml", exampleWith(["members: [jdoe, omar]", "members: [jdoe]"])).commit("shrink the group");
    const run = runStep(repo, step("review", "Review the contact changes").run!, { BASE_REF: "main" });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(repo.dir, "review.md"), "utf8")).toContain("### Policy findings introduced");
  });

  test("a change whose registry does not load fails the review step but leaves the comment saying what is wrong, for the comment step to post", () => {
    const { repo } = pullRequestRepo();
    repo.write("contacts/registry.yaml", exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"])).commit("typo");
    const run = runStep(repo, step("review", "Review the contact changes").run!, { BASE_REF: "main" });
    expect(run.status).not.toBe(0);
    expect(fs.readFileSync(path.join(repo.dir, "review.md"), "utf8")).toContain('unknown contact card "payments-sec"');
    expect(step("review", "Comment the review on the pull request").if).toBe("always() && hashFiles('review.md') != ''");
  });

  test("the apply job applies what changed since the last successful apply, and every stack before the first", () => {
    const { repo, base } = pullRequestRepo();
    const choose = step("apply", "Choose the stacks to apply").run!;
    const stacks = () => fs.readFileSync(path.join(repo.dir, "stacks.txt"), "utf8");
    // What synth leaves for the fallback: every stack's folder.
    for (const stack of ["contacts-a", "contacts-b"]) fs.mkdirSync(path.join(repo.dir, "cdktf.out/stacks", stack), { recursive: true });

    expect(runStep(repo, choose, { GITHUB_EVENT_NAME: "push" }).status).toBe(0);
    expect(stacks()).toBe("contacts-a\ncontacts-b\n");
    repo.git("tag", "contacts-applied", base);
    expect(runStep(repo, choose, { GITHUB_EVENT_NAME: "push" }).status).toBe(0);
    expect(stacks()).toBe("contacts\n");
    repo.git("tag", "--force", "contacts-applied", "HEAD");
    expect(runStep(repo, choose, { GITHUB_EVENT_NAME: "push" }).status).toBe(0);
    expect(stacks()).toBe("");
    expect(runStep(repo, choose, { GITHUB_EVENT_NAME: "workflow_dispatch" }).status).toBe(0);
    expect(stacks()).toBe("contacts-a\ncontacts-b\n");
  });

  test("the apply job's synth is a CI run, which refuses local state, and nothing in the workflow lets it keep local state", () => {
    expect((workflow.jobs.apply as Job & { env?: Record<string, string> }).env?.CI).toBe("true");
    expect(fs.readFileSync(WORKFLOW_FILE, "utf8")).not.toContain("CONTACTS_LOCAL_STATE");
  });

  test("the pull request that adds the registry gets a review listing every account as added", () => {
    const repo = new GitRepo().adoptProject().write("README.md", "x").commit("main");
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD");
    repo.write("contacts/registry.yaml", exampleText()).commit("add the registry");
    const run = runStep(repo, step("review", "Review the contact changes").run!, { BASE_REF: "main" });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(repo.dir, "review.md"), "utf8")).toContain("6 accounts added");
  });
});
