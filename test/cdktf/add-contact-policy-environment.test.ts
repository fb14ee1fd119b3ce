/**
 * addContactPolicy decides "today" and the mode as `cdktf synth` and the commands do (issue 19): from
 * CONTACTS_TODAY and CONTACTS_POLICY_MODE, read through src/run/environment.ts from the environment it is given
 * (the process's by default), the variable over the registry's policy.mode, an explicit option over both.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { addContactPolicy, parseRegistry } from "../../src";
import type { ContactPolicyOptions } from "../../src/cdktf/add-contact-policy";
import { tempDir, TODAY } from "../support/workspace";

/** Account 222222222222's security contact must reach two people; Ana alone is one (single-recipient, an error). */
const REGISTRY = parseRegistry(
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
`,
  { today: TODAY },
);

/** An app that writes the security contact at Ana's own address, with the policy added with `options`; synthesized. */
function synthesizeWith(options: Omit<ContactPolicyOptions, "registry">) {
  const outdir = tempDir("cdktf-out-");
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, "accounts");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new AccountAlternateContact(stack, "security", {
    accountId: "222222222222",
    alternateContactType: "SECURITY",
    name: "Ana Silva",
    title: "Engineer",
    emailAddress: "ana.silva@example.com",
    phoneNumber: "+1 206 555 0100",
  });
  const policy = addContactPolicy(app, { registry: REGISTRY, ...options });
  // An app may look at the verdict too early: that is an error, never an empty verdict that lets it write.
  expect(() => policy.aspect.verdict).toThrow("the app has not been judged yet, so there is no verdict");
  let failure = "";
  try {
    app.synth();
  } catch (error) {
    failure = (error as Error).message;
  }
  return { failure, written: fs.existsSync(path.join(outdir, "stacks/accounts/cdk.tf.json")) };
}

describe("addContactPolicy: the mode and today as the run context decides them", () => {
  test("without CONTACTS_POLICY_MODE the registry's policy.mode (enforce) stops the failing contact", () => {
    const run = synthesizeWith({ env: { CONTACTS_TODAY: TODAY } });
    expect(run.failure).toMatch(/the contact policy failed; nothing is written until these are fixed or excepted:\n.*single-recipient 222222222222/);
    expect(run.written).toBe(false);
  });

  test("CONTACTS_POLICY_MODE=warn overrides the registry's policy.mode, as in cdktf synth: the contact is written", () => {
    expect(synthesizeWith({ env: { CONTACTS_TODAY: TODAY, CONTACTS_POLICY_MODE: "warn" } })).toEqual({ failure: "", written: true });
  });

  test("the mode option wins over CONTACTS_POLICY_MODE: it is the app's own choice, in code", () => {
    const run = synthesizeWith({ env: { CONTACTS_TODAY: TODAY, CONTACTS_POLICY_MODE: "warn" }, mode: "enforce" });
    expect(run.written).toBe(false);
  });

  test("a CONTACTS_POLICY_MODE that is no mode is the same usage error the commands give", () => {
    expect(() => synthesizeWith({ env: { CONTACTS_TODAY: TODAY, CONTACTS_POLICY_MODE: "lenient" } })).toThrow(
      'CONTACTS_POLICY_MODE="lenient" is not a mode. Fix: set it to warn or enforce, or unset it.',
    );
  });

  test("CONTACTS_TODAY is read from the environment given, and checked as the commands check it", () => {
    expect(() => synthesizeWith({ env: { CONTACTS_TODAY: "23/11/2026" } })).toThrow(/^CONTACTS_TODAY="23\/11\/2026" is not a date\. Fix: /);
  });
});
