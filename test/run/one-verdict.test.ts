/**
 * Issue 19, requirement 5: every command that judges the registry says what the pipeline says for the same
 * inputs. The pipeline here is its parts called by hand (run context, loadInputs, the judgement, judgeVerdict,
 * renderVerdict); each command runs as a user runs it, and its JSON verdict and exit status must equal them.
 */
import * as fs from "fs";
import * as path from "path";
import packageJson from "../../package.json";
import { runSynth } from "../../src/cdktf/synth-app";
import { runCli } from "../../src/cli/main";
import { evaluationFor, type PolicyEvaluation } from "../../src/engine/evaluate";
import { judgeRegistry } from "../../src/engine/judge-registry";
import { renderVerdict } from "../../src/reports/render-verdict";
import { loadInputs, type LoadedInputs } from "../../src/run/load-inputs";
import { policyModeFor, readRunContext, type RunContext } from "../../src/run/run-context";
import { judgeVerdict, type Verdict } from "../../src/run/verdict";
import { judgePlan } from "../../src/terraform/judge-plan";
import { parsePlan } from "../../src/terraform/terraform-plan";
import { GitRepo } from "../support/git-repo";
import { exampleText, exampleWith, tempDir, TODAY } from "../support/workspace";

/** The example registry with two cards on personal addresses: single-recipient errors on several accounts. */
const PERSONAL = exampleWith(["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"]);

const CASES: [string, string, Record<string, string>, number][] = [
  ["the example registry, which passes", exampleText(), {}, 0],
  ["a registry that fails in enforce mode", PERSONAL, {}, 1],
  ["the same registry under CONTACTS_POLICY_MODE=warn", PERSONAL, { CONTACTS_POLICY_MODE: "warn" }, 0],
];

/** A contact the plan creates: a SECURITY contact on a personal address, judged with the registry's people. */
const PLAN = JSON.stringify({
  format_version: "1.2",
  terraform_version: "1.11.4",
  planned_values: {},
  resource_changes: [
    {
      address: "aws_account_alternate_contact.security",
      mode: "managed",
      type: "aws_account_alternate_contact",
      name: "security",
      change: {
        actions: ["create"],
        before: null,
        after: {
          account_id: "222222222222",
          alternate_contact_type: "SECURITY",
          name: "Jane Doe",
          title: "Engineer",
          email_address: "jane.doe@example.com",
          phone_number: "+1 206 555 0101",
        },
        after_unknown: {},
      },
    },
  ],
});

function project(registryText: string, dir = tempDir("one-verdict-")): string {
  fs.mkdirSync(path.join(dir, "contacts"), { recursive: true });
  fs.writeFileSync(path.join(dir, "contacts/registry.yaml"), registryText);
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ context: { contactsRegistry: "contacts/registry.yaml" } }));
  return dir;
}

/** The pipeline, by hand: one context, one load, one judgement, one verdict, rendered as JSON. */
function pipeline(cwd: string, env: NodeJS.ProcessEnv, judge: (inputs: LoadedInputs, context: RunContext) => PolicyEvaluation) {
  const context = readRunContext({ env, cwd });
  const inputs = loadInputs(context, { cwd, want: { organization: true, importSet: true, directorySnapshot: true }, consequence: "nothing was judged" });
  const verdict = judgeVerdict(judge(inputs, context), policyModeFor(context, inputs.registry));
  const json = JSON.parse(renderVerdict(verdict, "json", { registryFile: inputs.registry.file, source: "the pipeline", toolVersion: packageJson.version }));
  return { verdict, json: comparable(json) };
}

const judgeTheRegistry = ({ registry, organization }: LoadedInputs, context: RunContext) =>
  judgeRegistry(registry, { today: context.today, rules: context.rules, organization });

/** A JSON report without what names the entry point that wrote it (and check-plan's own list of removed contacts). */
function comparable(report: Record<string, unknown>) {
  const { source, removed, ...verdict } = report;
  expect(typeof source).toBe("string");
  void removed;
  return verdict;
}

async function command(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env });
  return { status, stdout, stderr };
}

/** What synth prints goes to this process's streams: captured here, so the test's log stays readable. */
function quietly<T>(run: () => T): T {
  const writes = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = (() => true) as typeof process.stdout.write;
  try {
    return run();
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
  }
}

describe.each(CASES)("one verdict: %s", (_, registryText, variables, exitStatus) => {
  const env = { CONTACTS_TODAY: TODAY, ...variables };
  let cwd: string;
  let expected: { verdict: Verdict; json: Record<string, unknown> };

  beforeAll(() => {
    cwd = project(registryText);
    expected = pipeline(cwd, env, judgeTheRegistry);
  });

  test("the pipeline's own exit status is the one the case expects", () => {
    expect(expected.verdict.exitStatus).toBe(exitStatus);
    expect(expected.verdict.failed).toBe(exitStatus === 1);
  });

  test("contacts validate --format json prints the pipeline's verdict and exits with its status", async () => {
    const run = await command(["validate", "--format", "json"], cwd, env);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: expected.verdict.exitStatus, stderr: "" });
    expect(comparable(JSON.parse(run.stdout))).toEqual(expected.json);
  });

  test("contacts validate --format markdown prints the pipeline's verdict as the renderer writes it", async () => {
    const run = await command(["validate", "--format", "markdown"], cwd, env);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: expected.verdict.exitStatus, stderr: "" });
    const options = { registryFile: "contacts/registry.yaml", source: "the pipeline", toolVersion: packageJson.version };
    expect(run.stdout).toBe(renderVerdict(expected.verdict, "markdown", { ...options, markdownAllIn: "`contacts validate --format json`" }));
    expect(run.stdout).toMatch(exitStatus === 1 ? /\*\*The contact policy fails\*\*/ : /\*\*The contact policy (passes|fails, not enforced)\*\*/);
  });

  test("cdktf synth writes the pipeline's verdict as contact-policy.json and exits with its status", () => {
    const outdir = tempDir("one-verdict-synth-");
    const status = quietly(() => runSynth({ ...env, CDKTF_OUTDIR: outdir, CONTACTS_LOCAL_STATE: "true" }, cwd));
    expect(status).toBe(expected.verdict.exitStatus);
    expect(comparable(JSON.parse(fs.readFileSync(path.join(outdir, "contact-policy.json"), "utf8")))).toEqual(expected.json);
  });

  test("contacts check-plan --format json prints the pipeline's verdict on the plan and exits with its status", async () => {
    fs.writeFileSync(path.join(cwd, "plan.json"), PLAN);
    const onPlan = pipeline(cwd, env, ({ registry, organization }, context) => {
      const evaluation = evaluationFor(registry, context.today, context.rules);
      const judgement = judgePlan(evaluation, parsePlan("plan.json", PLAN), { accounts: registry.accounts, organization });
      evaluation.finish({ accounts: judgement.accounts });
      return evaluation;
    });
    const run = await command(["check-plan", "plan.json", "--format", "json"], cwd, env);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: onPlan.verdict.exitStatus, stderr: "" });
    expect(comparable(JSON.parse(run.stdout))).toEqual(onPlan.json);
    // The plan's personal address fails wherever errors fail.
    expect(onPlan.verdict.failed).toBe(onPlan.verdict.mode === "enforce");
  });

  test("contacts review --format json says the change's side fails exactly when the pipeline's verdict does", async () => {
    const repo = new GitRepo();
    project(exampleText(), repo.dir);
    repo.commit("the example");
    project(registryText, repo.dir);
    const run = await command(["review", "--base", "HEAD", "--format", "json"], repo.dir, env);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: expected.verdict.exitStatus, stderr: "" });
    const review = JSON.parse(run.stdout);
    expect(review.headFails).toBe(expected.verdict.failed);
    // What the change introduces is what the pipeline finds on its side and not on the base's (exceptions aside).
    const base = pipeline(project(exampleText()), env, judgeTheRegistry);
    const key = (f: { ruleId: string; accountId?: string; type?: string; field?: string; value?: string }) =>
      [f.ruleId, f.accountId, f.type, f.field, f.value].join(" ");
    const before = new Set(base.verdict.evaluation.findings.filter((f) => !f.excepted).map(key));
    const introduced = expected.verdict.evaluation.findings.filter((f) => !f.excepted && !before.has(key(f))).map(key);
    expect(review.findingsIntroduced.map(key).sort()).toEqual(introduced.sort());
    if (registryText === PERSONAL) expect(introduced.length).toBeGreaterThan(0);
  });

  test("contacts evidence exits with the pipeline's status and its verdict counts the pipeline's root causes", async () => {
    const output = tempDir("one-verdict-evidence-");
    const run = await command(["evidence", "--output", output], cwd, env);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: expected.verdict.exitStatus, stderr: "" });
    const { errors } = expected.verdict.counts;
    const sentence = errors ? `The registry fails the contact policy: ${errors} error${errors === 1 ? "" : "s"}` : "The registry passes the contact policy";
    expect(run.stdout).toContain(sentence);
    expect(fs.readFileSync(path.join(output, "contact-evidence.md"), "utf8")).toContain(sentence);
  });
});
