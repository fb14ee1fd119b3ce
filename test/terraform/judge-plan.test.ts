import { evaluationFor, type PolicyEvaluation } from "../../src/engine/evaluate";
import { judgePlan, type PlanJudgement } from "../../src/terraform/judge-plan";
import { moduleCallPrefix } from "../../src/terraform/plan-configuration";
import { parsePlan } from "../../src/terraform/terraform-plan";
import { exampleWith, registryFrom, TODAY } from "../support/workspace";

/**
 * Hand-written plans in the shapes Terraform 1.11 writes (checked against plans of the fixtures in
 * test/fixtures/hcl/plan-accounts and plan-module): resource_changes carry module_address, type, name and
 * index but no provider_config_key; the configuration's resources carry provider_config_key, already
 * resolved through module calls, and account_id's references; provider_config holds assume_role as written.
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
const assumeRole = (roleArn: object) => ({
  name: "aws",
  full_name: "registry.terraform.io/hashicorp/aws",
  expressions: { assume_role: [{ role_arn: roleArn }] },
});

function judge(resourceChanges: object[], configuration?: object, registryText = exampleWith()): { evaluation: PolicyEvaluation; judgement: PlanJudgement } {
  const registry = registryFrom(registryText);
  const plan = parsePlan("plan.json", JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: resourceChanges, configuration }));
  const evaluation = evaluationFor(registry, TODAY);
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

  test("a deleted contact whose block is gone, where providers assume roles, is listed without an account rather than guessed", () => {
    const { judgement, evaluation } = judge([deleted({ module: "module.gone", name: "this", key: "SECURITY" }, "SECURITY")], configuration);
    expect(judgement.removed).toEqual([{ address: 'module.gone.aws_account_alternate_contact.this["SECURITY"]', removal: "delete", type: "SECURITY" }]);
    expect(evaluation.findings).toEqual([]);
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
      const evaluation = evaluationFor(registry, TODAY);
      judgePlan(evaluation, plan, { accounts: registry.accounts, organization });
      return evaluation.findings.map((f) => [f.ruleId, f.severity, f.accountName]);
    };
    expect(judged()).toEqual([["unregistered-account", "warning", undefined]]);
    expect(judged([{ id: "777777777777", state: "ACTIVE", name: "sandbox" }])).toEqual([["unregistered-account", "warning", "sandbox"]]);
    expect(judged([{ id: "111111111111", state: "ACTIVE" }])).toEqual([["unregistered-account", "error", undefined]]);
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
