import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { SARIF_REPORT } from "../src/cdktf/report-files";
import type { AccountApi } from "./support/account-api";
import { startExampleOrganization } from "./support/example-organization";
import { awsEnvironmentFor, environmentWithoutAws } from "./support/aws-env";
import { directoryRegistryText, directorySnapshotFixture, snapshotWith } from "./support/directory-fixture";
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
  env?: Record<string, string>;
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
  const PATH = `${npxShim()}${path.delimiter}${env.PATH ?? process.env.PATH ?? ""}`;
  return spawnSync("bash", ["-eo", "pipefail", "-c", script], {
    cwd: repo.dir,
    encoding: "utf8",
    env: { ...process.env, CONTACTS_TODAY: TODAY, ...env, PATH },
  });
}

/** The same step, asynchronously: for steps that call the AWS stand-in, which answers from this process. */
function runStepAsync(
  repo: GitRepo,
  script: string,
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const PATH = `${npxShim()}${path.delimiter}${process.env.PATH ?? ""}`;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-eo", "pipefail", "-c", script], { cwd: repo.dir, env: { ...environmentWithoutAws(), CONTACTS_TODAY: TODAY, ...env, PATH } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const ALTERNATE = "aws_account_alternate_contact";
/** The example registry's cards as the stack writes them; the pull request changes the payments on-call phone to ...0141. */
const CARDS = {
  billing: { name: "Cloud Finance", title: "Billing", email_address: "aws-billing@example.com", phone_number: "+1 206 555 0110" },
  operations: { name: "Platform On-call", title: "Operations", email_address: "aws-ops@example.com", phone_number: "+1 206 555 0120" },
  paymentsSecurity: { name: "Payments Security", title: "Security Operations", email_address: "payments-sec@example.com", phone_number: "+1 206 555 0130" },
  paymentsOncall: { name: "Payments On-call", title: "Operations", email_address: "payments-oncall@example.com", phone_number: "+1 206 555 0141" },
};
const unchanged = (accountId: string, type: string, card: object) => contactChange(accountId, type, ["no-op"], card, card);

/** A resource_changes entry for one alternate contact, as `terraform show -json` writes it. */
function contactChange(accountId: string, type: string, actions: string[], before: object | null, after: object | null) {
  const key = `${accountId}_${type}`;
  const values = (v: object | null) => v && { account_id: accountId, alternate_contact_type: type, ...v };
  return {
    address: `${ALTERNATE}.contact["${key}"]`,
    mode: "managed",
    type: ALTERNATE,
    name: "contact",
    index: key,
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: { actions, before: values(before), after: values(after), after_unknown: {} },
  };
}

/** What the plan step leaves for a stack: plans/<stack>.json, the JSON plan. */
function writePlan(repo: GitRepo, stack: string, changes: object[]) {
  repo.write(`plans/${stack}.json`, JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", planned_values: {}, resource_changes: changes }));
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
  test("runs on pull requests, applies only on pushes to main or by hand from main, and checks drift on the schedule alone", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "schedule", "workflow_dispatch"]);
    expect(workflow.on.workflow_dispatch).toEqual({
      inputs: { task: expect.objectContaining({ type: "choice", options: ["apply", "directory"], default: "apply" }) },
    });
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(workflow.jobs.review.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs.apply.if).toBe(
      "(github.event_name == 'push' || (github.event_name == 'workflow_dispatch' && inputs.task != 'directory')) && github.ref == 'refs/heads/main'",
    );
    expect(workflow.jobs.directory.if).toBe(
      "(github.event_name == 'schedule' || (github.event_name == 'workflow_dispatch' && inputs.task == 'directory')) && github.ref == 'refs/heads/main'",
    );
    expect(workflow.jobs.drift.if).toBe("github.event_name == 'schedule' && vars.CONTACTS_PLAN_ROLE_ARN != ''");
  });

  test("every job runs Node 22, while the package still supports Node 20", () => {
    const setups = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@")));
    expect(setups.map((s) => s.with?.["node-version"])).toEqual([22, 22, 22, 22]);
    expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).engines).toEqual({ node: ">=20.19" });
  });

  test("pins every action to a major version and grants the review job only what it uses", () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w/-]+@v\d+$/);
    expect(workflow.jobs.review.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write", "security-events": "write" });
    expect(workflow.jobs.drift.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  describe("the directory job", () => {
    const SNAPSHOT = "contacts/directory-snapshot.json";
    /** Runs a step of the directory job with the job's env, and returns what it wrote to GITHUB_OUTPUT. */
    function runDirectoryStep(repo: GitRepo, name: string, env: Record<string, string> = {}) {
      const output = path.join(tempDir("github-output-"), "output");
      fs.writeFileSync(output, "");
      const run = runStep(repo, step("directory", name).run!, {
        ...workflow.jobs.directory.env,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: tempDir("runner-temp-"),
        ...env,
      });
      return { ...run, output: fs.readFileSync(output, "utf8") };
    }
    /** An adopter's repository with the directory fixture on main, pushed to a bare origin as actions/checkout leaves it. */
    function directoryRepo(snapshot: string): GitRepo {
      const repo = new GitRepo().adoptProject().write("contacts/registry.yaml", directoryRegistryText()).write(SNAPSHOT, snapshot);
      repo.write(".gitignore", "node_modules\nbin\nsrc\npolicies\nschema\ntsconfig.json\n").write("cdktf.json", projectCdktfJson()).commit("main");
      const origin = tempDir("origin-");
      spawnSync("git", ["init", "-q", "--bare", origin]);
      repo.git("remote", "add", "origin", origin);
      repo.git("push", "-q", "origin", "HEAD:main");
      return repo;
    }

    test("refreshes on the schedule or by hand, may push a branch and open a pull request, and stops early without directories", () => {
      expect(workflow.jobs.directory.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
      const steps = workflow.jobs.directory.steps;
      // After the first check, every step waits on it (or on the read, which waits on it).
      expect(steps.slice(2).map((s) => s.if)).toEqual([
        "steps.registry.outputs.named == 'true'",
        "steps.registry.outputs.named == 'true'",
        "steps.registry.outputs.named == 'true'",
        "steps.read.outputs.snapshot != ''",
        "steps.propose.outputs.title != ''",
      ]);
      expect(step("directory", "Read the company directory").run).toContain("npx contacts directory read");
      const registryOnly = new GitRepo().write("contacts/registry.yaml", exampleText()).commit("main");
      const skipped = runDirectoryStep(registryOnly, "Find the directories the registry names");
      expect([skipped.status, skipped.output]).toEqual([0, "named=false\n"]);
      expect(skipped.stdout).toContain("names no directories");
      const named = runDirectoryStep(directoryRepo(directorySnapshotFixture()), "Find the directories the registry names");
      expect([named.status, named.output]).toEqual([0, "named=true\n"]);
    });

    test("a snapshot whose members changed becomes a commit on the refresh branch, with the review of who joined and left for the pull request", () => {
      const before = snapshotWith((snapshot) => {
        snapshot.readings[0].readAt = "2026-11-21T06:00:00Z";
        snapshot.readings[0].resolutions[2].members[1].state = "current";
      });
      const repo = directoryRepo(before);
      // What contacts directory read leaves: the fixture, in which Omar Said is now disabled.
      repo.write(SNAPSHOT, directorySnapshotFixture());
      const run = runDirectoryStep(repo, "Propose the new snapshot", { SNAPSHOT });
      expect(run.stderr.replace(/npm warn.*\n/g, "")).toBe("");
      expect([run.status, run.output]).toEqual([0, "title=Directory snapshot: membership changed\n"]);
      expect(repo.git("rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("contacts/directory-snapshot");
      expect(repo.git("show", "--name-only", "--format=%s", "HEAD").trim()).toBe(`Directory snapshot: membership changed\n\n${SNAPSHOT}`);
      expect(fs.readFileSync(path.join(repo.dir, "pull-request.md"), "utf8")).toContain(
        "### Directory membership changes\n\n- <code>cloud-security</code> (corp-ad, read 2026-11-21T06:00:00Z -&gt; 2026-11-22T06:00:00Z): Omar Said (<code>omar.said@example.com</code>): current -> disabled",
      );
    });

    test("a snapshot whose read time alone changed is not proposed while the committed one is recent, and is once it is old", () => {
      const recent = new Date(Date.now() - 3600_000).toISOString();
      const repo = directoryRepo(snapshotWith((snapshot) => (snapshot.readings[0].readAt = recent)));
      repo.write(
        SNAPSHOT,
        snapshotWith((snapshot) => (snapshot.readings[0].readAt = new Date().toISOString())),
      );
      const fresh = runDirectoryStep(repo, "Propose the new snapshot", { SNAPSHOT });
      expect([fresh.status, fresh.output]).toEqual([0, ""]);
      expect(fresh.stdout).toContain("Only the read time changed");
      const old = runDirectoryStep(repo, "Propose the new snapshot", { SNAPSHOT, REFRESH_AFTER_DAYS: "0" });
      expect([old.status, old.output]).toEqual([0, "title=Directory snapshot: read again, membership unchanged\n"]);
    });
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
    expect(workflow.jobs.apply.env?.CI).toBe("true");
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

  test("the judge step summarises each stack's plan for the comment: its actions, the contacts that change and what check-plan says", () => {
    const { repo } = pullRequestRepo();
    writePlan(repo, "contacts", [
      unchanged("222222222222", "BILLING", CARDS.billing),
      contactChange("222222222222", "OPERATIONS", ["update"], { ...CARDS.paymentsOncall, phone_number: "+1 206 555 0140" }, CARDS.paymentsOncall),
      unchanged("222222222222", "SECURITY", CARDS.paymentsSecurity),
    ]);
    const run = runStep(repo, step("review", "Judge the plans and summarise them").run!, {});
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const summary = fs.readFileSync(path.join(repo.dir, "plan.md"), "utf8");
    expect(summary.split("\n").slice(0, 5)).toEqual([
      "**Contacts plan**: 1 stack planned; every plan passes check-plan.",
      "",
      "#### contacts: 1 to update; passes check-plan",
      "",
      "- update 222222222222 OPERATIONS: phone_number",
    ]);
    expect(summary).toMatch(/<details><summary>check-plan<\/summary><pre>[^<]*0 error\(s\)[^<]*<\/pre><\/details>/);
  });

  test("a plan that fails the contact policy fails the judge step, after every plan is summarised, the failing ones first", () => {
    const { repo } = pullRequestRepo();
    writePlan(repo, "contacts-b", [
      unchanged("222222222222", "BILLING", CARDS.billing),
      unchanged("222222222222", "OPERATIONS", CARDS.paymentsOncall),
      contactChange("222222222222", "SECURITY", ["delete"], CARDS.paymentsSecurity, null),
    ]);
    writePlan(repo, "contacts-a", [
      contactChange("333333333333", "BILLING", ["delete", "create"], { ...CARDS.billing, name: "Finance" }, CARDS.billing),
      unchanged("333333333333", "OPERATIONS", CARDS.operations),
      unchanged("333333333333", "SECURITY", CARDS.paymentsSecurity),
    ]);
    const run = runStep(repo, step("review", "Judge the plans and summarise them").run!, {});
    expect(run.status).toBe(1);
    const summary = fs.readFileSync(path.join(repo.dir, "plan.md"), "utf8");
    expect(summary).toContain("**Contacts plan**: 2 stacks planned; 1 of them fails check-plan: do not merge as it is.");
    const failing = summary.indexOf("#### contacts-b: 1 to delete; **fails the contact policy**\n\n- delete 222222222222 SECURITY\n");
    const passing = summary.indexOf("#### contacts-a: 1 to replace; passes check-plan\n\n- replace 333333333333 BILLING: name\n");
    expect([failing > 0, passing > failing]).toEqual([true, true]);
    expect(summary).toContain("missing-contact");
    // The job log has what check-plan said, too.
    expect(run.stdout).toContain("check-plan plans/contacts-b.json (exit 1):\nerror missing-contact 222222222222 (payments-prod) SECURITY");
  });

  test("nothing from a plan reaches the comment as markup: odd ids, types and field names are not printed, check-plan's text is escaped", () => {
    const { repo } = pullRequestRepo();
    const hostile = "<img src=x onerror=alert(1)>";
    writePlan(repo, "contacts", [contactChange(hostile, "**SECURITY**", ["update"], CARDS.billing, { ...CARDS.billing, [hostile]: "x", name: hostile })]);
    runStep(repo, step("review", "Judge the plans and summarise them").run!, {});
    const summary = fs.readFileSync(path.join(repo.dir, "plan.md"), "utf8");
    expect(summary).toContain("- update the provider's account ?: name\n");
    // check-plan's text says what the plan holds, inside <pre>, where Markdown is not read and no tag can open.
    const preformatted = [...summary.matchAll(/<pre>([^]*?)<\/pre>/g)].map((m) => m[1]);
    expect(preformatted.join("")).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(preformatted.join("")).not.toMatch(/[<>]/);
    expect(summary.replace(/<pre>[^]*?<\/pre>/g, "")).not.toMatch(/<img|\*\*SECURITY/);
  });

  test("the comment posts the review, then the plans' summary", () => {
    const { repo } = pullRequestRepo();
    repo.write("review.md", "**Contacts review** the review\n").write("plan.md", "**Contacts plan** the plans\n");
    // A stand-in for the GitHub CLI: no earlier comment to update, and what would be posted kept in a file.
    const gh = tempDir("gh-");
    const posted = path.join(gh, "posted.md");
    fs.writeFileSync(path.join(gh, "gh"), `#!/usr/bin/env bash\nif [ "$1 $2" = "pr comment" ]; then cp "$5" ${JSON.stringify(posted)}; fi\n`, { mode: 0o755 });
    const run = runStep(repo, step("review", "Comment the review on the pull request").run!, {
      PATH: `${gh}${path.delimiter}${process.env.PATH ?? ""}`,
      GITHUB_REPOSITORY: "example/contacts",
      PR_NUMBER: "7",
    });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(posted, "utf8")).toBe("<!-- contacts-review -->\n**Contacts review** the review\n\n**Contacts plan** the plans\n");
  });

  describe("against the AWS stand-in", () => {
    let api: AccountApi;
    beforeAll(async () => {
      api = await startExampleOrganization();
    });
    afterAll(async () => {
      await api.stop();
    });

    test("the drift job fails when AWS differs from the registry, and leaves its report and a summary for the upload", async () => {
      const { repo } = pullRequestRepo();
      const summaryFile = path.join(tempDir("step-summary-"), "summary.md");
      const run = await runStepAsync(repo, step("drift", "Compare the contacts AWS holds with the registry").run!, {
        ...awsEnvironmentFor(api.url),
        GITHUB_STEP_SUMMARY: summaryFile,
      });
      expect(run.status).toBe(1);
      const report = JSON.parse(fs.readFileSync(path.join(repo.dir, "drift/drift.json"), "utf8"));
      expect(report.inSync).toBe(false);
      expect(report.drift.length).toBeGreaterThan(0);
      // The evidence summary, from the report: what AWS holds judged, without reading AWS again.
      expect(fs.readFileSync(summaryFile, "utf8")).toMatch(/What AWS holds now (passes|fails) the contact policy/);
      const upload = step("drift", "Upload the drift report");
      expect(upload.if).toBe("always() && hashFiles('drift/drift.json') != ''");
      expect(upload.with?.path).toBe("drift/");
    });

    test("the apply job writes the evidence of what AWS holds after the apply, and uploads it even when that fails the job", async () => {
      const { repo } = pullRequestRepo();
      const run = await runStepAsync(repo, step("apply", "Write the evidence").run!, awsEnvironmentFor(api.url));
      // The stand-in's contacts are not the registry's: the evidence says so, and the job fails.
      expect(run.status).toBe(1);
      for (const file of ["contact-evidence.html", "contact-evidence.csv", "contact-evidence.md"])
        expect(fs.existsSync(path.join(repo.dir, "evidence", file))).toBe(true);
      const upload = step("apply", "Upload the evidence");
      expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
      expect(upload.if).toBe("always() && hashFiles('evidence/contact-evidence.html') != ''");
      expect(upload.with?.path).toBe("evidence/");
    });
  });
});
