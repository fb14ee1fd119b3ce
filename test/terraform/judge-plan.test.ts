import { evaluationFor, type PolicyEvaluation } from "../../src/engine/evaluate";
import { groupByRootCause } from "../../src/engine/root-causes";
import { RULES } from "../../policies/index";
import { judgePlan, type PlanJudgement } from "../../src/terraform/judge-plan";
import { moduleCallPrefix } from "../../src/terraform/plan-configuration";
import { parsePlan } from "../../src/terraform/terraform-plan";
import { buildJsonReport, serializeJsonReport } from "../../src/reports/json-report";
import { formatPlanTextReport } from "../../src/reports/plan-text-report";
import { buildSarifReport } from "../../src/reports/sarif-report";
import { exampleWith, registryFrom, REPO_ROOT, TODAY } from "../support/workspace";

/**
 * Hand-written plans in the shapes Terraform 1.11 writes (checked against plans of the fixtures in
 * test/fixtures/hcl/plan-accounts and plan-module): resource_changes carry module_address, type, name and
 * index but no provider_config_key; the configuration's resources carry provider_config_key, already
 * resolved through module calls, and account_id's references; provider_config holds every setting as
 * written, including unused providers': `{ constant_value }` for a literal (`allowed_account_ids:
 * { constant_value: ["333333333333"] }`, `profile: { constant_value: "member" }`), `{ references }` for an
 * expression (`allowed_account_ids = [var.id]` is `{ references: ["var.id"] }`), blocks as lists
 * (`assume_role`, `assume_role_with_web_identity`), and the settings of *_override.tf files merged in.
 */
const ALTERNATE = "aws_account_alternate_contact";
const COMPLIANT = { name: "Cloud Security Team", title: "Security Operations", email_address: "aws-security@example.com", phone_number: "+1 206 555 0100" };

interface Instance {
  module?: string;
  type?: string;
  name: string;
  key?: string;
}

function addressOf({ module, type = ALTERNATE, name, key }: Instance): string {
  return `${module ? `${module}.` : ""}${type}.${name}${key === undefined ? "" : `["${key}"]`}`;
}

/** A resource_changes entry. */
function change(instance: Instance, actions: string[], values: { before?: object; after?: object; afterUnknown?: object }) {
  return {
    address: addressOf(instance),
    module_address: instance.module,
    mode: "managed",
    type: instance.type ?? ALTERNATE,
    name: instance.name,
    index: instance.key,
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: { actions, before: values.before ?? null, after: values.after ?? null, after_unknown: values.afterUnknown ?? {} },
  };
}

const contact = (contactType: string, accountId: string | null = null) => ({ ...COMPLIANT, account_id: accountId, alternate_contact_type: contactType });
const created = (instance: Instance, contactType: string, accountId: string | null = null) =>
  change(instance, ["create"], { after: contact(contactType, accountId) });
const deleted = (instance: Instance, contactType: string, accountId: string | null = null) =>
  change(instance, ["delete"], { before: contact(contactType, accountId) });
const withUnknownAccount = (instance: Instance, contactType: string) =>
  change(instance, ["create"], { after: contact(contactType), afterUnknown: { account_id: true, id: true } });

/** A configuration resource: which provider plans it, and what its account_id refers to. */
const configured = (name: string, provider: string, accountId?: string[], forEach?: string[]) => ({
  address: `${ALTERNATE}.${name}`,
  mode: "managed",
  type: ALTERNATE,
  name,
  provider_config_key: provider,
  expressions: accountId ? { account_id: { references: accountId } } : {},
  ...(forEach ? { for_each_expression: { references: forEach } } : {}),
});
const provider = (expressions: object) => ({ name: "aws", full_name: "registry.terraform.io/hashicorp/aws", expressions });
const assumeRole = (roleArn: object) => provider({ assume_role: [{ role_arn: roleArn }] });
const literal = (value: unknown) => ({ constant_value: value });

function judge(resourceChanges: object[], configuration?: object, registryText = exampleWith()): { evaluation: PolicyEvaluation; judgement: PlanJudgement } {
  const registry = registryFrom(registryText);
  const plan = parsePlan("plan.json", JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: resourceChanges, configuration }));
  const evaluation = evaluationFor(registry, TODAY, RULES);
  const judgement = judgePlan(evaluation, plan, { accounts: registry.accounts });
  evaluation.finish({ accounts: judgement.accounts });
  return { evaluation, judgement };
}

const accountsOf = (evaluation: PolicyEvaluation) => [...new Set(evaluation.contacts.map((c) => c.accountId))];
const findings = (evaluation: PolicyEvaluation) => evaluation.findings.map((f) => `${f.ruleId} ${f.accountId ?? ""} ${f.type ?? ""}`.trim());
const allTypes = (module: string, accountId: string | null = null) =>
  ["BILLING", "OPERATIONS", "SECURITY"].map((type) => created({ module, name: "this", key: type }, type, accountId));

describe("judgePlan: whose contact an instance without account_id is", () => {
  const providers = {
    aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" },
    "aws.payments_prod": assumeRole({ constant_value: "arn:aws:iam::222222222222:role/ContactsAdmin" }),
    "module.legacy:aws": { ...assumeRole({ constant_value: "arn:aws-us-gov:iam::333333333333:role/path/ContactsAdmin" }), module_address: "module.legacy" },
    "aws.neutralized": assumeRole({ constant_value: "" }),
    "aws.by_variable": assumeRole({ references: ["var.account_id"] }),
  };
  const moduleCall = (provider: string) => ({ source: "./contacts", module: { resources: [configured("this", provider)] } });
  const configuration = {
    provider_config: providers,
    root_module: {
      module_calls: {
        payments_prod: moduleCall("aws.payments_prod"),
        legacy: moduleCall("module.legacy:aws"),
        neutralized: moduleCall("aws.neutralized"),
        by_variable: moduleCall("aws.by_variable"),
        management: moduleCall("aws"),
      },
    },
  };

  test("the account of the role its provider assumes (a literal ARN, any partition and role path), else the management account", () => {
    const { evaluation } = judge(
      [...allTypes("module.payments_prod"), ...allTypes("module.legacy"), ...allTypes("module.neutralized"), ...allTypes("module.management")],
      configuration,
    );
    expect(accountsOf(evaluation)).toEqual(["222222222222", "333333333333", "111111111111"]);
  });

  test("a role ARN from an expression: one unresolved-provider finding per provider, the contacts judged on their values, never the management account's", () => {
    const personal = change({ module: "module.by_variable", name: "this", key: "SECURITY" }, ["create"], {
      after: { ...contact("SECURITY"), email_address: "jane.doe@example.com" },
    });
    const { evaluation } = judge([...allTypes("module.by_variable").slice(0, 2), personal], configuration);
    expect(accountsOf(evaluation)).toEqual(["provider aws.by_variable"]);
    expect(findings(evaluation)).toEqual(["single-recipient provider aws.by_variable SECURITY", "unresolved-provider provider aws.by_variable"]);
  });

  test("a plan without a configuration section: the management account, as before", () => {
    expect(accountsOf(judge(allTypes("module.payments_prod")).evaluation)).toEqual(["111111111111"]);
  });

  test("a registry that marks no management account: its placeholder is not reported as an account outside the registry", () => {
    const { evaluation } = judge(allTypes("module.payments_prod"), undefined, exampleWith([", management: true", ""]));
    expect(findings(evaluation)).toEqual([]);
  });
});

describe("judgePlan: a provider with credentials of its own, which may be any account's", () => {
  /** One module through provider aws.member, configured with these settings; its three contacts without account_id. */
  const through = (settings: object) => {
    const configuration = {
      provider_config: { aws: provider({}), "aws.member": provider(settings) },
      root_module: { module_calls: { member: { source: "./contacts", module: { resources: [configured("this", "aws.member")] } } } },
    };
    return judge(allTypes("module.member"), configuration).evaluation;
  };

  test.each([
    ["a profile", { profile: literal("member") }, "profile"],
    ["keys", { access_key: literal("AKIDMEMBER"), secret_key: literal("member-secret") }, "access_key, secret_key"],
    [
      "a profile in files of its own",
      { profile: literal("member"), shared_credentials_files: literal(["member-credentials"]) },
      "profile, shared_credentials_files",
    ],
    ["config files from a variable", { shared_config_files: { references: ["var.config_files"] } }, "shared_config_files"],
    ["a session token", { token: literal("session") }, "token"],
  ])("%s: unresolved-provider naming the provider and the settings, never the management account", (_, settings, named) => {
    const evaluation = through(settings);
    expect(accountsOf(evaluation)).toEqual(["provider aws.member"]);
    expect(evaluation.findings.map((f) => [f.ruleId, f.accountId, f.message])).toEqual([
      [
        "unresolved-provider",
        "provider aws.member",
        `takes its account from credentials of its own (${named}), which the plan does not resolve to an account id, so the account of its 3 contacts without account_id cannot be determined (their values were judged)`,
      ],
    ]);
  });

  test("a web identity: a literal role ARN is the role's account; a role ARN from a variable, or from AWS_ROLE_ARN, is unresolved-provider", () => {
    const webIdentity = (roleArn?: object) => ({
      assume_role_with_web_identity: [{ ...(roleArn ? { role_arn: roleArn } : {}), web_identity_token_file: literal("token") }],
    });
    expect(accountsOf(through(webIdentity(literal("arn:aws:iam::333333333333:role/ContactsAdmin"))))).toEqual(["333333333333"]);
    expect(findings(through(webIdentity({ references: ["var.role_arn"] })))).toEqual(["unresolved-provider provider aws.member"]);
    expect(through(webIdentity()).findings[0].message).toMatch(/^takes its account from an assume_role_with_web_identity without role_arn \(AWS_ROLE_ARN\), /);
    // An assume_role after it is where the provider ends.
    const chained = { ...webIdentity({ references: ["var.role_arn"] }), assume_role: [{ role_arn: literal("arn:aws:iam::222222222222:role/ContactsAdmin") }] };
    expect(accountsOf(through(chained))).toEqual(["222222222222"]);
  });

  test("allowed_account_ids naming one account makes the provider that account's, whatever its credentials or role; two accounts, or a variable, do not", () => {
    const profile = { profile: literal("member") };
    expect(accountsOf(through({ ...profile, allowed_account_ids: literal(["333333333333"]) }))).toEqual(["333333333333"]);
    expect(accountsOf(through({ assume_role: [{ role_arn: { references: ["var.account_id"] } }], allowed_account_ids: literal(["222222222222"]) }))).toEqual([
      "222222222222",
    ]);
    // Without credentials of its own too: the provider refuses any other account, the management account included.
    expect(accountsOf(through({ allowed_account_ids: literal(["444444444444"]) }))).toEqual(["444444444444"]);
    expect(findings(through({ ...profile, allowed_account_ids: literal(["222222222222", "333333333333"]) }))).toEqual([
      "unresolved-provider provider aws.member",
    ]);
    expect(findings(through({ ...profile, allowed_account_ids: { references: ["var.account_id"] } }))).toEqual(["unresolved-provider provider aws.member"]);
  });

  test("settings left empty, and settings that are not credentials, keep the provider on the credentials Terraform runs with: the management account", () => {
    const empty = { profile: literal(""), token: literal(null), shared_credentials_files: literal([]), assume_role: [{ role_arn: literal("") }] };
    const other = {
      region: literal("us-east-1"),
      forbidden_account_ids: literal(["222222222222"]),
      skip_requesting_account_id: literal(true),
      endpoints: [{ sts: literal("http://127.0.0.1:1") }],
    };
    expect(accountsOf(through({ ...empty, ...other }))).toEqual(["111111111111"]);
  });
});

describe("judgePlan: a deleted contact whose account cannot be determined", () => {
  const address = 'module.member.aws_account_alternate_contact.this["SECURITY"]';
  const deletion = deleted({ module: "module.member", name: "this", key: "SECURITY" }, "SECURITY");
  const configuration = (memberProvider: object, extraProviders: object = {}) => ({
    provider_config: { aws: provider({}), "aws.member": memberProvider, ...extraProviders },
    root_module: { module_calls: { member: { source: "./contacts", module: { resources: [configured("this", "aws.member")] } } } },
  });

  /** The member keeps BILLING and OPERATIONS and loses SECURITY. */
  const plan = [...allTypes("module.member").slice(0, 2), deletion];

  test("a required type deleted through a provider whose role is a variable fails unresolved-provider, naming the address and the provider (a literal ARN: missing-contact)", () => {
    const { evaluation } = judge(plan, configuration(assumeRole({ references: ["var.account_id"] })));
    expect(evaluation.failed).toBe(true);
    expect(evaluation.findings.map((f) => [f.ruleId, f.accountId, f.type, f.message, f.fix])).toEqual([
      [
        "unresolved-provider",
        "provider aws.member",
        undefined,
        expect.stringContaining("the account of its 2 contacts without account_id"),
        expect.any(String),
      ],
      [
        "unresolved-provider",
        address,
        "SECURITY",
        "is deleted by this plan, and its provider aws.member takes its account from an assume_role role_arn built from var.account_id, which the plan does not resolve to an account id: whether the account it leaves still has a SECURITY contact cannot be judged",
        "write the provider's assume_role role_arn as a literal ARN, or set its allowed_account_ids to the one account it works in, and plan again: the deletion is then judged for that account",
      ],
    ]);
    const literalArn = judge(plan, configuration(assumeRole(literal("arn:aws:iam::222222222222:role/ContactsAdmin")))).evaluation;
    expect(findings(literalArn)).toEqual(["missing-contact 222222222222 SECURITY"]);
  });

  test("a required type deleted through a provider with credentials of its own fails the same way", () => {
    const { evaluation } = judge(plan, configuration(provider({ profile: literal("member") })));
    expect(findings(evaluation)).toEqual(["unresolved-provider provider aws.member", `unresolved-provider ${address} SECURITY`]);
    expect(evaluation.findings[1].message).toContain("its provider aws.member takes its account from credentials of its own (profile)");
  });

  test("a deleted contact whose block is gone is its providers' account when they all work in one; else unresolved-provider naming its address", () => {
    const gone = deleted({ module: "module.gone", name: "this", key: "SECURITY" }, "SECURITY");
    const goneAddress = 'module.gone.aws_account_alternate_contact.this["SECURITY"]';
    const pinned = provider({ profile: literal("member"), allowed_account_ids: literal(["111111111111"]) });
    expect(findings(judge([...allTypes("module.member").slice(0, 2), gone], configuration(pinned)).evaluation)).toEqual([
      "missing-contact 111111111111 SECURITY",
    ]);
    const { evaluation, judgement } = judge([gone], configuration(assumeRole(literal("arn:aws:iam::222222222222:role/ContactsAdmin"))));
    expect(judgement.removed).toEqual([{ address: goneAddress, removal: "delete", type: "SECURITY" }]);
    expect(evaluation.findings.map((f) => [f.ruleId, f.accountId, f.message, f.fix])).toEqual([
      [
        "unresolved-provider",
        goneAddress,
        "is deleted by this plan, and its resource block is not in the configuration, so the plan does not say which provider set it, and the providers there do not all work in one known account: whether the account it leaves still has a SECURITY contact cannot be judged",
        "delete the contact with its resource block still in the configuration (remove its for_each key, or lower its count), so the plan names the provider it was set with",
      ],
    ]);
  });

  test("a forgotten contact, a deleted primary contact and a deleted type outside the required types pass: nothing required is lost", () => {
    const member = configuration(assumeRole({ references: ["var.account_id"] }));
    const forgotten = change({ module: "module.member", name: "this", key: "SECURITY" }, ["forget"], { before: contact("SECURITY") });
    const primary = change({ module: "module.member", type: "aws_account_primary_contact", name: "this" }, ["delete"], {
      before: { full_name: "Example Corp Cloud Office", phone_number: "+1 206 555 0100" },
    });
    const primaryConfiguration = {
      ...member,
      root_module: {
        module_calls: {
          member: {
            module: { resources: [{ ...configured("this", "aws.member"), type: "aws_account_primary_contact", address: "aws_account_primary_contact.this" }] },
          },
        },
      },
    };
    expect(judge([forgotten], member).evaluation.findings).toEqual([]);
    expect(judge([primary], primaryConfiguration).evaluation.findings).toEqual([]);
    const securityOnly = exampleWith(["emailDomains: [example.com]", "emailDomains: [example.com]\n  requiredTypes: [SECURITY]"]);
    const billing = deleted({ module: "module.member", name: "this", key: "BILLING" }, "BILLING");
    expect(judge([billing], member, securityOnly).evaluation.findings).toEqual([]);
  });
});

describe("judgePlan: accounts created in the same plan", () => {
  const organizationsAccount = (key: string) =>
    change({ type: "aws_organizations_account", name: "flat", key }, ["create"], {
      after: { name: key, email: `aws-${key}@example.com` },
      afterUnknown: { id: true },
    });

  test("an account_id from aws_organizations_account.flat[each.key] or each.value.id over it is that instance: one unknown-account finding per account", () => {
    const configuration = {
      root_module: {
        resources: [
          configured("security", "aws", ["aws_organizations_account.flat", "each.key"]),
          configured("billing", "aws", ["each.value.id", "each.value"], ["aws_organizations_account.flat"]),
        ],
      },
    };
    const changes = [
      organizationsAccount("a1"),
      organizationsAccount("a2"),
      ...["a1", "a2"].map((key) => withUnknownAccount({ name: "security", key }, "SECURITY")),
      ...["a1", "a2"].map((key) => withUnknownAccount({ name: "billing", key }, "BILLING")),
    ];
    const { evaluation } = judge(changes, configuration);
    expect(evaluation.findings.map((f) => [f.ruleId, f.severity, f.accountId, f.accountName])).toEqual([
      ["unknown-account", "warning", 'aws_organizations_account.flat["a1"]', "a1"],
      ["unknown-account", "warning", 'aws_organizations_account.flat["a2"]', "a2"],
    ]);
    expect(evaluation.failed).toBe(false);
  });

  test("an account_id the plan cannot trace to a resource (a module variable) is named by its module instance", () => {
    const configuration = { root_module: { module_calls: { contacts: { module: { resources: [configured("this", "aws", ["var.account_id"])] } } } } };
    const { evaluation } = judge(
      ["SECURITY", "BILLING"].map((type) => withUnknownAccount({ module: 'module.contacts["sandbox"]', name: "this", key: type }, type)),
      configuration,
    );
    expect(findings(evaluation)).toEqual(['unknown-account module.contacts["sandbox"]']);
  });
});

describe("judgePlan: deletions, exceptions and accounts outside the registry", () => {
  const member = (account: string) => `module.member["${account}"]`;

  test("a deleted SECURITY contact recreated at another address (a refactor without a moved block) leaves nothing missing", () => {
    const { evaluation } = judge([
      ...allTypes(member("222222222222"), "222222222222").slice(0, 2),
      deleted({ module: member("222222222222"), name: "this", key: "SECURITY" }, "SECURITY", "222222222222"),
      created({ name: "security", key: "222222222222" }, "SECURITY", "222222222222"),
    ]);
    expect(evaluation.findings).toEqual([]);
  });

  test("an account whose aws_organizations_account the plan deletes loses its contacts without a finding", () => {
    const leaving = change({ type: "aws_organizations_account", name: "data_platform" }, ["delete"], { before: { id: "444444444444", name: "data-platform" } });
    const { evaluation, judgement } = judge([
      leaving,
      ...["BILLING", "OPERATIONS", "SECURITY"].map((type) => deleted({ module: member("444444444444"), name: "this", key: type }, type, "444444444444")),
    ]);
    expect(evaluation.findings).toEqual([]);
    expect(judgement.removed.every((r) => r.withAccount)).toBe(true);
  });

  test("exceptions apply to the accounts the plan touches: an unused one there is reported, one for another account is not", () => {
    const exception = (account: string) =>
      `  - { rule: missing-contact, account: "${account}", type: SECURITY, reason: "The security team moves to its own workspace (SEC-9)", expires: 2026-12-31 }`;
    const registry = exampleWith([
      "exceptions: []",
      ["exceptions:", exception("222222222222"), exception("333333333333"), exception("555555555555")].join("\n"),
    ]);
    const { evaluation } = judge(
      [...allTypes(member("222222222222"), "222222222222").slice(0, 2), ...allTypes(member("333333333333"), "333333333333")],
      undefined,
      registry,
    );
    expect(evaluation.findings.map((f) => [f.ruleId, f.accountId, f.excepted ? "excepted" : f.severity])).toEqual([
      ["missing-contact", "222222222222", "excepted"],
      ["unused-exception", "333333333333", "warning"],
    ]);
  });

  test("an account the registry does not list is a warning; with an organization snapshot that does not list it, an error", () => {
    const registry = registryFrom(exampleWith());
    const plan = parsePlan(
      "plan.json",
      JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: allTypes(member("777777777777"), "777777777777") }),
    );
    const judged = (organization?: { id: string; state: "ACTIVE"; name?: string }[]) => {
      const evaluation = evaluationFor(registry, TODAY, RULES);
      judgePlan(evaluation, plan, { accounts: registry.accounts, organization });
      return evaluation.findings.map((f) => [f.ruleId, f.severity, f.accountName]);
    };
    expect(judged()).toEqual([["unregistered-account", "warning", undefined]]);
    expect(judged([{ id: "777777777777", state: "ACTIVE", name: "sandbox" }])).toEqual([["unregistered-account", "warning", "sandbox"]]);
    expect(judged([{ id: "111111111111", state: "ACTIVE" }])).toEqual([["unregistered-account", "error", undefined]]);
  });
});

describe("judgePlan: values a plan marks sensitive, and account ids that are not", () => {
  const SECRET_EMAIL = "leak.me@outside.example";
  const SECRET_PHONE = "+1 206 555 9999";

  test("a value marked sensitive (after_sensitive) is judged, but every report shows it as (sensitive); the finding still names the account and type", () => {
    const planned = change({ name: "this", key: "SECURITY" }, ["create"], {
      after: { ...contact("SECURITY", "222222222222"), email_address: SECRET_EMAIL, phone_number: SECRET_PHONE },
    });
    const { evaluation, judgement } = judge([{ ...planned, change: { ...planned.change, after_sensitive: { email_address: true, phone_number: true } } }]);
    const failed = evaluation.findings.filter((f) => f.field === "email" || f.field === "phone");
    expect(failed.map((f) => `${f.ruleId} ${f.accountId} ${f.type} ${f.field}=${f.value}`).sort()).toEqual([
      "email-domain 222222222222 SECURITY email=(sensitive)",
      "unlisted-address 222222222222 SECURITY email=(sensitive)",
      "unlisted-address 222222222222 SECURITY phone=(sensitive)",
    ]);
    const options = { mode: "enforce" as const, registryFile: "contacts/registry.yaml", source: "terraform plan plan.json", toolVersion: "0.0.0" };
    const reports = [
      formatPlanTextReport(evaluation, judgement, { mode: "enforce", source: "terraform plan plan.json" }),
      serializeJsonReport(buildJsonReport(evaluation, options)),
      JSON.stringify(buildSarifReport(evaluation, options, REPO_ROOT)),
    ];
    for (const report of reports) {
      expect(report).toContain("(sensitive)");
      for (const secret of [SECRET_EMAIL, SECRET_PHONE, "outside.example", "555 9999"]) expect(report).not.toContain(secret);
    }
  });

  test("two different sensitive values stay two root causes: hiding them does not fold them into one finding", () => {
    const sensitiveOn = (account: string, email: string) => {
      const planned = change({ name: "this", key: account }, ["create"], { after: { ...contact("SECURITY", account), email_address: email } });
      return { ...planned, change: { ...planned.change, after_sensitive: { email_address: true } } };
    };
    const { evaluation } = judge([sensitiveOn("222222222222", SECRET_EMAIL), sensitiveOn("333333333333", "other.leak@elsewhere.example")]);
    const unlisted = groupByRootCause(evaluation.findings).filter((cause) => cause.ruleId === "unlisted-address");
    expect(unlisted.map((cause) => cause.accounts.map((a) => a.id))).toEqual([["222222222222"], ["333333333333"]]);
  });

  test("an account_id that is not 12 digits (10000000002, a number that lost its leading zero) fails invalid-field", () => {
    const { evaluation } = judge([created({ name: "this", key: "SECURITY" }, "SECURITY", "10000000002")]);
    const invalid = evaluation.findings.filter((f) => f.ruleId === "invalid-field");
    expect(invalid.map((f) => `${f.accountId} ${f.field}=${f.value}: ${f.message}. Fix: ${f.fix}`)).toEqual([
      '10000000002 account_id=10000000002: is not 12 digits, as if written as a number that lost its leading zeros, so it names no AWS account. Fix: write the account id as 12 digits in quotes, e.g. "010000000002"',
    ]);
    expect(evaluation.failsIn("enforce")).toBe(true);
  });
});

describe("moduleCallPrefix: a module instance's address as the configuration's module calls", () => {
  test.each([
    [undefined, ""],
    ["module.a", "module.a."],
    ['module.a["x.y]"].module.b[0]', "module.a.module.b."],
    ['module.a["say \\"hi\\"]"]', "module.a."],
  ])("%s", (address, prefix) => {
    expect(moduleCallPrefix(address)).toBe(prefix);
  });
});
