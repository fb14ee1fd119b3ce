/**
 * Issue 20: adopting the tool without forking it, proved from the tarball. The package is packed and installed
 * from its tarball (the dependencies it declares linked from this checkout, see pack-package.ts); its
 * `contacts init --from-organization` writes a repository into an empty folder from
 * the stand-in organization; there the app cdktf.json names synthesizes, and validate, review and check-plan
 * run, all from the installed package. The adopter's package.json is asserted, not installed: its node_modules
 * is the folder the tarball was installed into (cdktf-cli and the 390 MB binding are not unpacked again).
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { AccountApi } from "./support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "./support/aws-env";
import { ACTIVE_ACCOUNTS, MANAGEMENT, startExampleOrganization } from "./support/example-organization";
import { installedPackage, packPackage } from "./support/pack-package";
import { REPO_ROOT, tempDir, TODAY } from "./support/workspace";

const checkout = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};

/** A process of its own, without blocking this one: the stand-in organization answers from this process. */
function runIn(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...environmentWithoutAws(), CI: undefined, CONTACTS_TODAY: TODAY, CHECKPOINT_DISABLE: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file and folder under `root`, relative, without entering node_modules. */
function treeOf(root: string, relative = ""): string[] {
  return fs.readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const inner = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.name === "node_modules" || entry.name === ".git") return [];
    return entry.isDirectory() ? [`${inner}/`, ...treeOf(root, inner)] : [inner];
  });
}

/**
 * The plan Terraform makes for a first apply of a synthesized stack: every for_each instance created with
 * its values (a null account_id is the management account's own contact, as the provider plans it).
 */
function planCreating(stack: {
  locals: Record<string, Record<string, Record<string, unknown>>>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
}) {
  const changes = Object.entries(stack.resource).flatMap(([type, resources]) =>
    Object.entries(resources).flatMap(([name, config]) => {
      const local = String(config.for_each).match(/^\$\{local\.(\w+)\}$/)![1];
      return Object.entries(stack.locals[local]).map(([key, each]) => {
        const after = Object.fromEntries(
          Object.entries(config)
            .filter(([attribute]) => attribute !== "//" && attribute !== "for_each")
            .map(([attribute, value]) => {
              const fromEach = typeof value === "string" && value.match(/^\$\{each\.value\.(\w+)\}$/);
              return [attribute, fromEach ? (each[fromEach[1]] ?? null) : value];
            }),
        );
        after.account_id ??= MANAGEMENT;
        return { address: `${type}.${name}["${key}"]`, mode: "managed", type, name, index: key, change: { actions: ["create"], before: null, after } };
      });
    }),
  );
  return { format_version: "1.2", terraform_version: "1.11.4", planned_values: { root_module: {} }, resource_changes: changes };
}

describe("an adopter's repository from the packed package: contacts init, synth, validate, review, check-plan", () => {
  let api: AccountApi;
  let tarball: string;
  let tool: string;
  let adopter: string;
  let init: Awaited<ReturnType<typeof runIn>>;
  const contacts = (args: string[]) => runIn(adopter, path.join(adopter, "node_modules/.bin/contacts"), args);

  beforeAll(async () => {
    tarball = packPackage().tarball;
    // Installed once for the run (shared with packed-plugin): nothing here writes into it.
    tool = installedPackage(tarball, checkout.name);
    api = await startExampleOrganization();
    adopter = fs.realpathSync(tempDir("contacts-adopter-"));
    init = await runIn(
      adopter,
      path.join(tool, "node_modules/.bin/contacts"),
      ["init", "--from-organization", "--package", `file:${tarball}`],
      awsEnvironmentFor(api.url),
    );
    fs.symlinkSync(path.join(tool, "node_modules"), path.join(adopter, "node_modules"));
  });
  afterAll(async () => {
    await api?.stop();
  });

  test("init writes the repository: the package by its tarball, the cdktf stack pinned as here, the app, the imported registry, the workflow as packed, .gitignore, a README", () => {
    expect(init).toMatchObject({ status: 0 });
    expect(init.stdout).toContain("Next:\n1. `npm install`");
    expect(treeOf(adopter).sort()).toEqual(
      [
        ".github/",
        ".github/workflows/",
        ".github/workflows/contacts.yml",
        ".gitignore",
        "README.md",
        "cdktf.json",
        "contacts/",
        "contacts/existing-contacts.json",
        "contacts/organization-accounts.json",
        "contacts/registry.yaml",
        "package.json",
        "vendor/",
        `vendor/${path.basename(tarball)}`,
      ].sort(),
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(adopter, "package.json"), "utf8"));
    const pins = ["cdktf", "constructs", "@cdktf/provider-aws"].map((name) => [name, checkout.devDependencies[name]]);
    // The tarball copied in and named relative to the repository: a path of this machine would fail the workflow's npm ci.
    expect(manifest.dependencies).toEqual({ [checkout.name]: `file:vendor/${path.basename(tarball)}`, ...Object.fromEntries(pins) });
    expect(fs.readFileSync(path.join(adopter, "vendor", path.basename(tarball))).equals(fs.readFileSync(tarball))).toBe(true);
    expect(manifest.devDependencies).toEqual({ "cdktf-cli": checkout.devDependencies["cdktf-cli"] });
    expect(JSON.parse(fs.readFileSync(path.join(adopter, "cdktf.json"), "utf8"))).toMatchObject({
      app: "npx --no contacts-app",
      context: { contactsRegistry: "contacts/registry.yaml", importExistingContacts: true },
    });
    expect(fs.readFileSync(path.join(adopter, ".github/workflows/contacts.yml"), "utf8")).toBe(
      fs.readFileSync(path.join(REPO_ROOT, ".github/workflows/contacts.yml"), "utf8"),
    );
    expect(fs.readFileSync(path.join(adopter, ".gitignore"), "utf8").split("\n")).toEqual(expect.arrayContaining(["cdktf.out/", "evidence/", "/*.tgz"]));
    expect(fs.readFileSync(path.join(adopter, "README.md"), "utf8")).toContain("## Next steps");
  });

  test("the app cdktf.json names synthesizes every imported account's contacts", async () => {
    const app = JSON.parse(fs.readFileSync(path.join(adopter, "cdktf.json"), "utf8")).app as string;
    const synth = await runIn(adopter, "sh", ["-c", app], { CONTACTS_LOCAL_STATE: "true" });
    expect(synth.stderr).not.toMatch(/internal error|Error:/);
    expect(synth.status).toBe(0);
    const stack = JSON.parse(fs.readFileSync(path.join(adopter, "cdktf.out/stacks/contacts/cdk.tf.json"), "utf8"));
    expect(Object.keys(stack.locals.primary_contacts).sort()).toEqual([...ACTIVE_ACCOUNTS].sort());
    fs.writeFileSync(path.join(adopter, "plan.json"), JSON.stringify(planCreating(stack)));
  });

  test("validate, review and check-plan run there from the installed package", async () => {
    const validate = await contacts(["validate"]);
    expect({ status: validate.status, stderr: validate.stderr }).toMatchObject({ status: 0 });

    const git = (...args: string[]) =>
      spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], { cwd: adopter, encoding: "utf8" });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "init");
    const registry = path.join(adopter, "contacts/registry.yaml");
    fs.writeFileSync(registry, fs.readFileSync(registry, "utf8").replace("Cloud Finance", "Cloud Finance Office"));
    const review = await contacts(["review", "--base", "main"]);
    expect(review.status).toBe(0);
    expect(review.stdout).toContain("Cloud Finance Office");

    const checkPlan = await contacts(["check-plan", "plan.json"]);
    expect({ status: checkPlan.status, stderr: checkPlan.stderr }).toMatchObject({ status: 0 });
    expect(checkPlan.stdout).toMatch(/contact policy/);
  });

  test("nothing of this repository's tests or sources is in the adopter's tree or the installed package", () => {
    const installed = fs.realpathSync(path.join(adopter, "node_modules", checkout.name));
    for (const tree of [treeOf(adopter), treeOf(installed)]) {
      expect(tree.filter((entry) => /^(test|src|policies)\/$/.test(entry))).toEqual([]);
      expect(tree.filter((entry) => /\.ts$/.test(entry) && !entry.endsWith(".d.ts"))).toEqual([]);
    }
  });

  test("init without --package refuses to depend on an unpublished name, which anybody could hold on the registry", async () => {
    const empty = tempDir("contacts-adopter-");
    const run = await runIn(empty, path.join(adopter, "node_modules/.bin/contacts"), ["init"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^contacts init: ${checkout.name} ${checkout.version} is not published on the npm registry.*Fix: run npm pack`));
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  test("init refuses a folder that is not empty, names what is there, and writes nothing", async () => {
    const before = treeOf(adopter);
    const again = await runIn(adopter, path.join(adopter, "node_modules/.bin/contacts"), ["init"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^contacts init: .* is not empty \(.*cdktf\.json.*\); nothing was written\. Fix: run it in a new folder, or pass --force/);
    expect(treeOf(adopter)).toEqual(before);
  });
});
