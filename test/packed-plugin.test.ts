/**
 * The policy as a plugin for another cdktf app (issue 13, item 6). The package is packed as `npm pack` packs
 * it (its prepare builds dist/ from a copy of this working tree, or keeps the copied dist/ when that was built
 * from the same sources), installed from its tarball into a fresh app in a temporary folder, the dependencies it
 * declares (cdktf, constructs and the AWS provider binding among them) linked from this checkout's node_modules,
 * and that app's own TypeScript,
 * compiled against the package's declarations, writes an aws_account_alternate_contact by hand and adds the
 * policy. Packing and installing happen once for the run (test/support/pack-package.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { installedPackage, mustRun, packPackage, run } from "./support/pack-package";
import { REPO_ROOT, tempDir } from "./support/workspace";

const checkout = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
};

const REGISTRY = `version: 1
people:
  ana: { name: Ana Silva, email: ana.silva@example.com }
  ben: { name: Ben Okafor, email: ben.okafor@example.com }
groups:
  security-team:
    email: security@example.com
    phone: "+1 206 555 0100"
    members: [ana, ben]
    reviewed: "2026-11-01"
accounts: {}
`;

const APP = `// Another team's cdktf app: it writes an account's security contact by hand and adds the contact policy.
import { App, TerraformStack } from "cdktf";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { addContactPolicy } from "${checkout.name}";

declare const process: { env: Record<string, string | undefined> };

const app = new App();
const stack = new TerraformStack(app, "accounts");
new AwsProvider(stack, "aws", { region: "us-east-1" });
new AccountAlternateContact(stack, "security", {
  accountId: "222222222222",
  alternateContactType: "SECURITY",
  name: "Security",
  title: "Security team",
  emailAddress: process.env.SECURITY_EMAIL ?? "security@example.com",
  phoneNumber: "+1 206 555 0100",
});
addContactPolicy(app, { registry: "registry.yaml" });
app.synth();
`;

describe("the packed plugin in a foreign cdktf app", () => {
  let packed: string[];
  let appDir: string;

  beforeAll(() => {
    const pack = packPackage();
    packed = pack.files;
    appDir = tempDir("contacts-plugin-app-");
    // The app's node_modules is the run's installed package (installed once, shared with adopter-e2e), linked.
    fs.symlinkSync(path.join(installedPackage(pack.tarball, checkout.name), "node_modules"), path.join(appDir, "node_modules"));
    fs.writeFileSync(path.join(appDir, "registry.yaml"), REGISTRY);
    fs.writeFileSync(path.join(appDir, "main.ts"), APP);
    const compilerOptions = { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, skipLibCheck: true, types: [] };
    fs.writeFileSync(path.join(appDir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
    // Module resolution node16 reads the package's "exports", as a current TypeScript app does.
    mustRun(process.execPath, [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: appDir });
  });

  const synth = (securityEmail?: string) =>
    run(process.execPath, ["main.js"], { cwd: appDir, env: { CONTACTS_TODAY: "2026-11-23", SECURITY_EMAIL: securityEmail, CDKTF_OUTDIR: undefined } });
  const stackFile = () => path.join(appDir, "cdktf.out/stacks/accounts/cdk.tf.json");

  test("a hand-written contact with a personal address fails the app's synth with the finding, and no configuration is written", () => {
    fs.rmSync(path.join(appDir, "cdktf.out"), { recursive: true, force: true });
    const result = synth("ana.silva@example.com");
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("the contact policy failed; nothing is written until these are fixed or excepted:");
    expect(result.output).toContain(
      "error single-recipient 222222222222 SECURITY email ana.silva@example.com reaches 1 current person (Ana Silva), 2 required. Fix: point the contact at a group alias with at least two members.",
    );
    expect(fs.existsSync(stackFile())).toBe(false);
  });

  test("the same contact at the team's shared address (two members) synthesizes", () => {
    const result = synth();
    expect(result.output).not.toMatch(/single-recipient|unlisted-address/);
    expect(result.status).toBe(0);
    const json = JSON.parse(fs.readFileSync(stackFile(), "utf8"));
    expect(json.resource.aws_account_alternate_contact.security).toMatchObject({ account_id: "222222222222", email_address: "security@example.com" });
  });

  test("the package holds the compiled entry point with its declarations and the contacts command, no TypeScript sources, tests or benchmark scripts", () => {
    expect(packed).toEqual(
      expect.arrayContaining(["package.json", "dist/src/index.js", "dist/src/index.d.ts", "dist/schema/registry.schema.json", "bin/contacts.js"]),
    );
    expect(packed.filter((file) => /\.ts$/.test(file) && !file.endsWith(".d.ts"))).toEqual([]);
    expect(packed.filter((file) => /^(test|src|scripts|dist\/scripts)\//.test(file) || file === "dist/main.d.ts")).toEqual([]);
  });

  test("the installed contacts command runs the compiled code", () => {
    const result = run(path.join(appDir, "node_modules/.bin/contacts"), ["--version"], { cwd: appDir });
    expect(result.status).toBe(0);
    expect(result.output).toContain(checkout.version);
  });
});
