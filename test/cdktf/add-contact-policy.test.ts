/**
 * addContactPolicy, the plugin's entry point (src/index.ts), in an app of its own that writes contacts by hand:
 * the registry's exceptions apply to those contacts, and are judged themselves, as under `cdktf synth`.
 * test/packed-plugin.test.ts runs the same through the packed package.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { addContactPolicy, parseRegistry } from "../../src";
import { tempDir, TODAY } from "../support/workspace";
import { asUnderCdktfCli } from "../support/synth-app";

const registry = (exception: string) =>
  parseRegistry(
    "registry.yaml",
    `version: 1
policy: { requiredTypes: [SECURITY] }
people:
  ana: { name: Ana Silva, email: ana.silva@example.com }
  ben: { name: Ben Okafor, email: ben.okafor@example.com }
groups:
  security-team: { email: security@example.com, phone: "+1 206 555 0100", members: [ana, ben], reviewed: "2026-11-01" }
accounts:
  "222222222222": { name: workloads }
exceptions:
  - { rule: ${exception}, account: "222222222222", type: security, reason: "Ana covers until the alias exists", expires: "2027-01-31" }
`,
    { today: TODAY },
  );

/** An app whose stack writes account 222222222222's security contact at `email`, with the policy added. */
function appWriting(email: string, exception: string) {
  const outdir = tempDir("cdktf-out-");
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, "accounts");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new AccountAlternateContact(stack, "security", {
    accountId: "222222222222",
    alternateContactType: "SECURITY",
    name: "Security",
    title: "Security team",
    emailAddress: email,
    phoneNumber: "+1 206 555 0100",
  });
  addContactPolicy(app, { registry: registry(exception), today: TODAY });
  return { app, outdir };
}

/** appWriting, synthesized: the annotations it leaves in the manifest. */
function synthesize(email: string, exception: string) {
  const { app, outdir } = appWriting(email, exception);
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  // The level as the core names it ("@cdktf/warn"), less the core's prefix.
  return (manifest.stacks.accounts.annotations as { level: string; message: string }[]).map((a) => `${a.level.split("/").pop()} ${a.message}`);
}

describe("addContactPolicy: the policy in an app that writes contacts by hand", () => {
  test("a registry exception waives a hand-written contact's finding: synthesis passes and says so", () => {
    const annotations = synthesize("ana.silva@example.com", "single-recipient");
    expect(annotations).toEqual([
      "info excepted single-recipient 222222222222 (workloads) SECURITY email ana.silva@example.com reaches 1 current person (Ana Silva), 2 required. Fix: point the contact at a group alias with at least two members. aws_account_alternate_contact.security (accounts/security) (excepted until 2027-01-31: Ana covers until the alias exists)",
    ]);
  });

  test("an exception that waives nothing is reported as cdktf synth reports it (unused-exception)", () => {
    const annotations = synthesize("security@example.com", "stale-review");
    expect(annotations).toEqual([
      expect.stringMatching(/^warn warning unused-exception 222222222222 SECURITY exception for stale-review matches no finding\. .*registry\.yaml:11:5$/),
    ]);
  });

  test("under the cdktf CLI, which has cdktf write despite error annotations, a failing policy still stops before cdk.tf.json is written", () => {
    const { app, outdir } = asUnderCdktfCli(() => appWriting("ana.silva@example.com", "stale-review"));
    expect(() => asUnderCdktfCli(() => app.synth())).toThrow(
      /the contact policy failed; nothing is written until these are fixed or excepted:\n.*single-recipient 222222222222/,
    );
    expect(fs.existsSync(path.join(outdir, "stacks/accounts/cdk.tf.json"))).toBe(false);
  });

  test("past 20 root causes one note counts the rest, naming no report file (the plugin writes none)", () => {
    const outdir = tempDir("cdktf-out-");
    const app = new App({ outdir, stackTraces: false });
    const stack = new TerraformStack(app, "accounts");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    // 25 hand-written contacts, each at its own unregistered address: 25 root causes.
    for (let i = 0; i < 25; i++) {
      new AccountAlternateContact(stack, `security-${i}`, {
        accountId: "222222222222",
        alternateContactType: "SECURITY",
        name: "Security",
        title: "Security team",
        emailAddress: `person-${i}@example.com`,
        phoneNumber: "+1 206 555 0100",
      });
    }
    addContactPolicy(app, { registry: registry("single-recipient"), today: TODAY, mode: "warn" });
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const messages = (manifest.stacks.accounts.annotations as { message: string }[]).map((a) => a.message);
    expect(messages.filter((m) => / unlisted-address /.test(m))).toHaveLength(20);
    expect(messages.filter((m) => m.startsWith("... and "))).toEqual([expect.stringMatching(/^\.\.\. and \d+ more root causes of the contact policy$/)]);
  });

  test("a hand-written contact's hostile value reaches the annotations inert: control characters escaped, no line a GitHub workflow command", () => {
    // The registry refuses such characters; a contact written in code (or read from anywhere) is not the registry's to refuse.
    const { app } = appWriting("ana\u001b[2J\u0007@example.com\n::error file=README.md,line=1::FAKE", "single-recipient");
    // The validation that stops synthesis, which cdktf prints, and the annotations in the manifest.
    const validation = (() => {
      try {
        app.synth();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(validation).toMatch(/the contact policy failed/);
    const annotations = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((m) => m.type.startsWith("@cdktf/"))
      .map((m) => String(m.data));
    const hostile = [validation, ...annotations.filter((text) => text.includes("README.md"))];
    expect(hostile.length).toBeGreaterThan(1);
    for (const text of hostile) {
      expect(text).toContain("ana\\u001b[2J\\u0007@example.com\n\\u003a:error file=README.md");
      // eslint-disable-next-line no-control-regex -- no raw control character may reach the log
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(text.split("\n").filter((line) => line.trimStart().startsWith("::"))).toEqual([]);
    }
  });

  test("an app with no stack yet: an error saying to add the policy once the stacks exist", () => {
    expect(() => addContactPolicy(new App({ outdir: tempDir("cdktf-out-") }), { registry: registry("single-recipient") })).toThrow(
      "addContactPolicy: the app holds no stack yet, and cdktf runs no aspect added to the App itself. Fix: call it after creating the stacks, or pass a stack.",
    );
  });
});
