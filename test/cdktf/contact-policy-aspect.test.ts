import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { Aspects, TerraformIterator, TerraformStack, TerraformVariable } from "cdktf";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { formatFinding } from "../../src/reports/format-finding";
import { exampleText, exampleWith } from "../support/workspace";
import { asUnderCdktfCli, buildApp, synthesize, synthesizeBuilt } from "../support/synth-app";

const personalSecurity = exampleWith(["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"]);
const lines = (s: ReturnType<typeof synthesize>) => s.outcome.findings.map(formatFinding);

describe("the policy aspect on the registry's own stack", () => {
  test("the example registry passes, and both reports are written", () => {
    const result = synthesize(exampleText());
    expect(result.outcome.failed).toBe(false);
    expect(lines(result)).toEqual([]);
    const report = JSON.parse(fs.readFileSync(result.outcome.reports.json, "utf8"));
    expect(report).toMatchObject({ success: true, mode: "enforce", summary: { errors: 0, contacts: 24, accounts: 6 } });
    expect(report.contacts).toContainEqual(
      expect.objectContaining({
        accountId: "222222222222",
        type: "SECURITY",
        email: "payments-sec@example.com",
        reaches: { email: ["Jane Doe", "Omar Haddad"], phone: ["Jane Doe", "Omar Haddad"] },
      }),
    );
    expect(fs.existsSync(path.join(result.outdir, "stacks/contacts/cdk.tf.json"))).toBe(true);
  });

  test("a contact that reaches one person fails with one actionable line per account, at the card's email", () => {
    const result = synthesize(personalSecurity);
    expect(result.outcome.failed).toBe(true);
    expect(lines(result)).toEqual([
      "error single-recipient 222222222222 (payments-prod) SECURITY email jane.doe@example.com reaches 1 current person (Jane Doe), 2 required. Fix: point the contact at a group alias with at least two members. contacts/registry.yaml:54:87",
      "error single-recipient 333333333333 (payments-dev) SECURITY email jane.doe@example.com reaches 1 current person (Jane Doe), 2 required. Fix: point the contact at a group alias with at least two members. contacts/registry.yaml:54:87",
    ]);
  });

  test("after a failing synth no Terraform configuration is left, not even an earlier run's", () => {
    const passing = buildApp(exampleText());
    passing.app.synth();
    const stackFile = path.join(passing.outdir, "stacks/contacts/cdk.tf.json");
    expect(fs.existsSync(stackFile)).toBe(true);
    const failing = synthesize(personalSecurity);
    const leftovers = fs
      .readdirSync(failing.outdir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".tf.json") || f === "manifest.json");
    expect(leftovers).toEqual([]);
    expect(fs.existsSync(failing.outcome.reports.json)).toBe(true);
    expect(fs.existsSync(failing.outcome.reports.sarif)).toBe(true);
  });

  test("app.synth() itself throws on a violation (cdktf's error annotations, one per root cause), without the CLI's continue flag", () => {
    const built = buildApp(personalSecurity);
    expect(() => built.app.synth()).toThrow(
      /single-recipient email jane.doe@example.com reaches 1 current person \(Jane Doe\), 2 required; affects SECURITY of 2 accounts: 222222222222 \(payments-prod\), 333333333333 \(payments-dev\)/,
    );
  });

  test("an account with no SECURITY card anywhere is a missing-contact error at the account's line", () => {
    const text = exampleWith([
      "defaults: { billing: billing, operations: operations, security: security, primary: hq }",
      "defaults: { billing: billing, operations: operations, primary: hq }",
    ]);
    expect(lines(synthesize(text))).toContain(
      "error missing-contact 111111111111 (management) SECURITY has no SECURITY contact. Fix: give the account a card for this type, in defaults, its OU or the account itself. contacts/registry.yaml:74:3",
    );
  });

  test("warn mode reports the same findings but does not fail and keeps the output", () => {
    const result = synthesize(personalSecurity, { mode: "warn" });
    expect(result.outcome.failed).toBe(false);
    expect(result.outcome.findings).toHaveLength(2);
    expect(fs.existsSync(path.join(result.outdir, "stacks/contacts/cdk.tf.json"))).toBe(true);
    expect(JSON.parse(fs.readFileSync(result.outcome.reports.json, "utf8")).mode).toBe("warn");
  });
});

describe("the policy aspect on resources the registry did not write", () => {
  test("a hand-written resource in a second stack is judged, located by its Terraform address", () => {
    const built = buildApp(exampleText());
    const extra = new TerraformStack(built.app, "hand-written");
    new AwsProvider(extra, "aws", { region: "us-east-1" });
    new AccountAlternateContact(extra, "legacy", {
      accountId: "444444444444",
      alternateContactType: "OPERATIONS",
      name: "Ops",
      title: "Ops",
      emailAddress: "li.chen@example.com",
      phoneNumber: "+1 206 555 0120",
    });
    extra.node.addMetadata("test", "second stack");
    Aspects.of(extra).add(built.contacts.aspect);
    expect(() => built.app.synth()).toThrow(
      /single-recipient 444444444444 \(data-platform\) OPERATIONS email li.chen@example.com reaches 1 current person \(Li Chen\)/,
    );
    expect(built.contacts.evaluation.findings.map(formatFinding)).toContain(
      "error single-recipient 444444444444 (data-platform) OPERATIONS email li.chen@example.com reaches 1 current person (Li Chen), 2 required. Fix: point the contact at a group alias with at least two members. aws_account_alternate_contact.legacy (hand-written/legacy)",
    );
  });

  test("an addOverride escape hatch that swaps a compliant email for a personal one is caught", () => {
    const built = buildApp(exampleText());
    const security = built.contacts.stacks[0].node.findChild("security") as AccountAlternateContact;
    security.addOverride("email_address", "jane.doe@example.com");
    expect(() => built.app.synth()).toThrow(/single-recipient email jane.doe@example.com .*; affects SECURITY of 6 accounts: 111111111111 \(management\)/);
    const finding = built.contacts.evaluation.findings.find((f) => f.accountId === "666666666666");
    expect(finding).toMatchObject({ ruleId: "single-recipient", resource: 'aws_account_alternate_contact.security["666666666666"] (contacts/security)' });
  });

  test("a token (a Terraform variable) cannot be judged: unverifiable, not a pass", () => {
    const built = buildApp(exampleText());
    const stack = built.contacts.stacks[0];
    const email = new TerraformVariable(stack, "security_email", { type: "string" });
    (stack.node.findChild("security") as AccountAlternateContact).addOverride("email_address", email.stringValue);
    expect(() => built.app.synth()).toThrow(
      /unverifiable email \$\{var.security_email\} is unknown until apply, so it cannot be judged; affects SECURITY of 6 accounts: 111111111111 \(management\), 222222222222 \(payments-prod\)/,
    );
  });
});

test("a resource whose for_each is only known at apply fails synthesis and is in the report", () => {
  const { outcome } = asUnderCdktfCli(() => {
    const built = buildApp(exampleText());
    const stack = built.contacts.stacks[0];
    const accounts = new TerraformVariable(stack, "accounts", { type: "map(string)" });
    new AccountAlternateContact(stack, "from_variable", {
      forEach: TerraformIterator.fromMap(accounts.value),
      alternateContactType: "SECURITY",
      name: "Sec",
      title: "Sec",
      emailAddress: "aws-security@example.com",
      phoneNumber: "+1 206 555 0100",
    });
    return synthesizeBuilt(built);
  });
  expect(outcome.failed).toBe(true);
  expect(outcome.findings.map(formatFinding)).toEqual([
    "error unverifiable instances are unknown until apply (for_each = ${var.accounts}), so their contacts cannot be judged. Fix: use a literal for_each map or count. aws_account_alternate_contact.from_variable (contacts/from_variable)",
  ]);
});

describe("exceptions", () => {
  const exception = (expires: string, account = "222222222222") =>
    exampleWith([
      "exceptions: []",
      `exceptions:\n  - { rule: single-recipient, account: "${account}", type: SECURITY, reason: "Jane covers payments until the alias exists (SEC-123)", expires: ${expires} }`,
    ]);

  test("a valid exception waives the finding: reported as excepted, not failing for that account", () => {
    const result = synthesize(exception("2026-12-31").replace("email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"));
    const excepted = result.outcome.findings.filter((f) => f.excepted);
    expect(excepted.map((f) => f.accountId)).toEqual(["222222222222"]);
    expect(lines(result)).toContain(
      "excepted single-recipient 222222222222 (payments-prod) SECURITY email jane.doe@example.com reaches 1 current person (Jane Doe), 2 required. Fix: point the contact at a group alias with at least two members. contacts/registry.yaml:54:87 (excepted until 2026-12-31: Jane covers payments until the alias exists (SEC-123))",
    );
    // 333333333333 uses the same card without an exception: still failing.
    expect(result.outcome.failed).toBe(true);
  });

  test("an expired exception is an error and waives nothing", () => {
    const result = synthesize(exception("2026-11-01").replace("email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"));
    expect(result.outcome.findings.filter((f) => f.excepted)).toEqual([]);
    expect(lines(result)).toContainEqual(
      expect.stringMatching(
        /^error expired-exception 222222222222 SECURITY exception for single-recipient expired on 2026-11-01\. Fix: .* contacts\/registry\.yaml:\d+:5$/,
      ),
    );
  });

  test("an exception that matches nothing is a warning and does not fail", () => {
    const result = synthesize(exception("2026-12-31"));
    expect(result.outcome.failed).toBe(false);
    expect(lines(result)).toEqual([
      expect.stringMatching(/^warning unused-exception 222222222222 SECURITY exception for single-recipient matches no finding\./),
    ]);
  });
});

describe("SARIF report", () => {
  test("validates against the SARIF 2.1.0 schema and locates each result at the registry line", () => {
    const result = synthesize(personalSecurity);
    const sarif = JSON.parse(fs.readFileSync(result.outcome.reports.sarif, "utf8"));
    const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    // The schema is draft-04; its keywords here are ones draft-07 reads the same way.
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "single-recipient",
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "contacts/registry.yaml" }, region: { startLine: 54, startColumn: 87 } } }],
    });
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain("stale-review");
  });
});

describe("where findings are annotated", () => {
  test("a hand-written duplicate of a registry contact is annotated on its own resource, and the registry's resource keeps its own", () => {
    const built = buildApp(exampleWith(["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"]));
    const extra = new TerraformStack(built.app, "duplicate");
    new AwsProvider(extra, "aws", { region: "us-east-1" });
    // The very values the registry gives 222222222222's SECURITY contact, written by hand a second time.
    const duplicate = new AccountAlternateContact(extra, "copy", {
      accountId: "222222222222",
      alternateContactType: "SECURITY",
      name: "Payments Security",
      title: "Security Operations",
      emailAddress: "jane.doe@example.com",
      phoneNumber: "+1 206 555 0130",
    });
    Aspects.of(extra).add(built.contacts.aspect);
    built.contacts.aspect.judgeApp(built.app);
    const errorsOn = (construct: { node: { metadata: { type: string }[] } }) => construct.node.metadata.filter((m) => m.type === "@cdktf/error");
    expect(errorsOn(duplicate)).toHaveLength(1);
    // 222222222222 and 333333333333 share the card: one root cause, one annotation naming both, on the registry's resource.
    const onRegistryResource = errorsOn(built.contacts.stacks[0].node.findChild("security"));
    expect(onRegistryResource).toHaveLength(1);
    expect(JSON.stringify(onRegistryResource[0])).toMatch(/affects SECURITY of 2 accounts: 222222222222 \(payments-prod\), 333333333333 \(payments-dev\)/);
  });
});
