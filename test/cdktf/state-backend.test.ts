import * as fs from "fs";
import * as path from "path";
import { runSynth } from "../../src/cdktf/synth-app";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../src/run/exit-codes";
import { readEnvironment } from "../../src/run/environment";
import { readDeploymentSettings } from "../../src/run/settings";
import { localStateNotice } from "../../src/run/state-backend";
import { describeWithTerraform, terraform } from "../support/terraform";
import { exampleText, REPO_ROOT, tempDir, TODAY } from "../support/workspace";
import { synthesize, type TerraformJson } from "../support/synth-app";

/** A project folder as an adopter has it: cdktf.json with this context, the registry, nothing synthesized yet. */
function project(context: Record<string, unknown> = {}): string {
  const dir = tempDir("state-project-");
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ app: "node main.js", context: { contactsRegistry: "registry.yaml", ...context } }));
  fs.writeFileSync(path.join(dir, "registry.yaml"), exampleText());
  return dir;
}

/**
 * runSynth in this process as `cdktf synth` runs main.ts in `cwd`, into cdktf.out there, with exactly this
 * environment (the suite itself runs under CI=true: each test says whether its run is a CI run).
 */
function synthIn(cwd: string, env: Record<string, string>) {
  let stderr = "";
  const spies = [
    jest.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true)),
    jest.spyOn(process.stdout, "write").mockImplementation(() => true),
  ];
  try {
    // cdktf's App writes a relative outdir under the process's folder; `cdktf synth` runs the app in the project folder.
    const status = runSynth({ CONTACTS_TODAY: TODAY, CDKTF_OUTDIR: path.join(cwd, "cdktf.out"), ...env }, cwd);
    return { status, stderr };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

const stackJson = (cwd: string, stack = "contacts"): TerraformJson =>
  JSON.parse(fs.readFileSync(path.join(cwd, "cdktf.out/stacks", stack, "cdk.tf.json"), "utf8"));

describe("state: never on a machine that is thrown away", () => {
  test("a CI run without a remote backend is refused: one line with why and the fix, exit 2, nothing written", () => {
    const dir = project();
    const run = synthIn(dir, { CI: "true" });
    expect(run.status).toBe(EXIT_BAD_INPUT);
    expect(run.stderr.split("\n")).toEqual([expect.stringMatching(/^cdktf\.json names no remote state backend, and this is a CI run \(CI=true\): /), ""]);
    expect(run.stderr).toContain("would stay on a runner that is deleted, so contacts of accounts later removed from the registry would never be cleaned up");
    expect(run.stderr).toContain(`Fix: add one to cdktf.json's "context", e.g. "s3Backend": { "bucket": "my-tf-state", "key": "contacts/terraform.tfstate"`);
    expect(fs.existsSync(path.join(dir, "cdktf.out")) ? fs.readdirSync(path.join(dir, "cdktf.out"), { recursive: true }) : []).toEqual([]);
  });

  test("a CI run with a remote backend synthesizes it; CI=false and CONTACTS_LOCAL_STATE=true (a job that never applies) keep local state", () => {
    const remote = project({ backend: { type: "gcs", bucket: "tf-state", prefix: "contacts" } });
    expect(synthIn(remote, { CI: "true" })).toEqual({ status: EXIT_OK, stderr: "" });
    expect(stackJson(remote).terraform.backend).toEqual({ gcs: { bucket: "tf-state", prefix: "contacts" } });
    expect(synthIn(project(), { CI: "false" }).status).toBe(EXIT_OK);
    expect(synthIn(project(), { CI: "true", CONTACTS_LOCAL_STATE: "true" }).status).toBe(EXIT_OK);
  });

  test("a local run keeps its state in the project folder by a relative path, says so once, and no absolute path reaches the stack", () => {
    const dir = project({ sharding: { by: "ou" } });
    const run = synthIn(dir, {});
    expect(run.status).toBe(EXIT_OK);
    const stacks = fs.readdirSync(path.join(dir, "cdktf.out/stacks")).sort();
    expect(stacks.length).toBeGreaterThan(1);
    expect(run.stderr).toBe(localStateNotice(stacks));
    expect(run.stderr).toMatch(/^State: local, in terraform\.<stack>\.tfstate for each of the \d+ stacks in the project folder/);
    for (const stack of stacks) {
      const text = fs.readFileSync(path.join(dir, "cdktf.out/stacks", stack, "cdk.tf.json"), "utf8");
      expect(JSON.parse(text).terraform.backend).toEqual({ local: { path: `../../../terraform.${stack}.tfstate` } });
      for (const absolute of [dir, fs.realpathSync(dir), REPO_ROOT, process.cwd()]) expect(text).not.toContain(absolute);
    }
  });

  test("a stack built in-process into an outdir elsewhere (addContactsStacks) gets a relative path too, to the folder synth runs in", () => {
    const built = synthesize(exampleText());
    const statePath: string = built.stack().terraform.backend.local.path;
    expect(path.isAbsolute(statePath)).toBe(false);
    expect(path.resolve(built.outdir, "stacks/contacts", statePath)).toBe(path.join(process.cwd(), "terraform.contacts.tfstate"));
    expect(JSON.stringify(built.stack())).not.toContain(built.outdir);
  });
});

describe("cdktf.json's backend: any remote backend cdktf supports", () => {
  const settings = (context: Record<string, unknown>) => readDeploymentSettings(context, readEnvironment({}));

  test("written as Terraform names it, camelCase or snake_case, each shard with its own state", () => {
    const backend = { type: "azurerm", resource_group_name: "tf", storageAccountName: "tfstate", container_name: "state", key: "contacts/terraform.tfstate" };
    const sharded = synthesize(exampleText(), { settings: { ...settings({ backend }), sharding: { by: "ou" } } });
    const stacks = sharded.contacts.stacks.map((stack) => stack.node.id);
    const keys = stacks.map((stack) => sharded.stack(stack).terraform.backend.azurerm.key);
    expect(new Set(keys).size).toBe(stacks.length);
    expect(keys).toEqual(stacks.map((stack) => `contacts/${stack}/terraform.tfstate`));
    expect(sharded.stack(stacks[0]).terraform.backend.azurerm).toMatchObject({
      resource_group_name: "tf",
      storage_account_name: "tfstate",
      container_name: "state",
    });
  });

  test("the cloud block, by workspace name", () => {
    const cloud = settings({ backend: { type: "cloud", organization: "example", workspaces: { name: "contacts" } } });
    expect(synthesize(exampleText(), { settings: cloud }).stack().terraform.cloud).toEqual({ organization: "example", workspaces: { name: "contacts" } });
  });

  test("refused, each with its fix: an unknown type, local, both s3Backend and backend, sharding where shards would share one state", () => {
    expect(() => settings({ backend: { type: "s4" } })).toThrow(
      /^cdktf\.json context key "backend" has "type": "s4", which is not a backend this tool writes\. Fix: e\.g\. /,
    );
    expect(() => settings({ backend: { type: "local", path: "/var/state" } })).toThrow(/Fix: delete "backend" for local state, or name a remote backend\./);
    expect(() => settings({ backend: { type: "gcs", bucket: "b" }, s3Backend: { bucket: "b", key: "k" } })).toThrow(
      /has both "s3Backend" and "backend".*Fix: keep one of them\./,
    );
    expect(() => settings({ backend: { type: "cloud", organization: "example" } })).toThrow(/needs "workspaces"/);
    const http = { ...settings({ backend: { type: "http", address: "https://state.example.com/contacts" } }), sharding: { by: "ou" as const } };
    expect(() => synthesize(exampleText(), { settings: http })).toThrow(
      /backend "http" has no setting this tool can vary per stack: the shards would share one state\. Fix: use s3 with "key"/,
    );
  });
});

describeWithTerraform("real Terraform reads the relative local state path from the stack's folder", () => {
  test("state lands in the project folder as terraform.<stack>.tfstate, where the next run finds it", async () => {
    const dir = project();
    expect(synthIn(dir, {}).status).toBe(EXIT_OK);
    // The synthesized backend block, with a built-in resource in place of the AWS ones: no provider, no API.
    const stackDir = path.join(dir, "cdktf.out/stacks/contacts");
    const backend = stackJson(dir).terraform.backend;
    fs.rmSync(path.join(stackDir, "cdk.tf.json"));
    fs.writeFileSync(
      path.join(stackDir, "main.tf.json"),
      JSON.stringify({ terraform: { backend }, resource: { terraform_data: { marker: { input: "kept" } } } }),
    );
    await terraform(["init", "-input=false"], { cwd: stackDir });
    await terraform(["apply", "-input=false", "-auto-approve"], { cwd: stackDir });
    const state = JSON.parse(fs.readFileSync(path.join(dir, "terraform.contacts.tfstate"), "utf8"));
    expect(state.resources.map((r: { type: string; name: string }) => `${r.type}.${r.name}`)).toEqual(["terraform_data.marker"]);
    expect(fs.existsSync(path.join(stackDir, "terraform.tfstate"))).toBe(false);
  }, 60_000);
});
