import { RULES } from "../../policies/index";
import * as fs from "fs";
import * as path from "path";
import { evaluationFor } from "../../src/engine/evaluate";
import { buildSarifReport } from "../../src/reports/sarif-report";
import { judgePlan } from "../../src/terraform/judge-plan";
import { resourceBlockFinder } from "../../src/terraform/resource-blocks";
import { parsePlan } from "../../src/terraform/terraform-plan";
import { exampleText, registryFrom, tempDir, TODAY } from "../support/workspace";

/** A Terraform folder: each file's text by its path below the folder. */
function terraformFolder(files: Record<string, string>): string {
  const dir = tempDir("resource-blocks-");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const MAIN_TF = [
  '# resource "aws_account_alternate_contact" "security" { (a comment, not the block)',
  "/*",
  'resource "aws_account_alternate_contact" "security" {',
  "*/",
  "locals {",
  "  note = <<EOT",
  'resource "aws_account_alternate_contact" "security" {',
  "EOT",
  "}",
  "",
  'resource "aws_account_alternate_contact" "security" {',
  '  for_each = toset(["222222222222"])',
  "}",
].join("\n");

describe("resourceBlockFinder: the .tf line of a plan instance's resource block", () => {
  test("a root module instance: its block's opening line, not a comment's or a heredoc's", () => {
    const dir = terraformFolder({ "main.tf": MAIN_TF });
    expect(resourceBlockFinder(dir)('aws_account_alternate_contact.security["222222222222"]')).toEqual({
      file: path.join(dir, "main.tf"),
      line: 11,
      column: 1,
    });
  });

  test("an instance in a local module: the block in the module's folder, by the call's source", () => {
    const dir = terraformFolder({
      "main.tf": 'module "member_contacts" {\n  source = "./modules/contacts"\n}\n',
      "modules/contacts/contacts.tf": MAIN_TF.replace(/"security"/g, '"this"'),
    });
    const find = resourceBlockFinder(dir, new Map([["module.member_contacts", "./modules/contacts"]]));
    expect(find('module.member_contacts["222222222222"].aws_account_alternate_contact.this["SECURITY"]')).toEqual({
      file: path.join(dir, "modules/contacts/contacts.tf"),
      line: 11,
      column: 1,
    });
  });

  test("the plan's configuration gives the local module calls' sources, nested ones under their parent's address", () => {
    const configuration = {
      root_module: {
        module_calls: {
          vend: { source: "./vend", module: { module_calls: { contacts: { source: "../contacts", module: {} } } } },
          registry_module: { source: "example/contacts/aws", module: {} },
        },
      },
    };
    const plan = parsePlan("plan.json", JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: [], configuration }));
    expect(plan.configuration.moduleSources).toEqual(
      new Map([
        ["module.vend", "./vend"],
        ["module.vend.module.contacts", "../contacts"],
      ]),
    );
  });

  test("no line rather than a wrong one: a block written twice, none, a registry module, a module outside the folder", () => {
    const dir = terraformFolder({ "a.tf": MAIN_TF, "b.tf": 'resource "aws_account_alternate_contact" "security" {\n}\n' });
    const find = resourceBlockFinder(dir, new Map([["module.outside", "../elsewhere"]]));
    expect(find("aws_account_alternate_contact.security")).toBeUndefined();
    expect(find("aws_account_alternate_contact.billing")).toBeUndefined();
    expect(find("module.registry_module.aws_account_alternate_contact.security")).toBeUndefined();
    expect(find("module.outside.aws_account_alternate_contact.security")).toBeUndefined();
    expect(resourceBlockFinder(path.join(dir, "missing"))("aws_account_alternate_contact.security")).toBeUndefined();
  });
});

describe("SARIF for a plan's findings", () => {
  const personal = {
    address: 'aws_account_alternate_contact.security["222222222222"]',
    mode: "managed",
    type: "aws_account_alternate_contact",
    name: "security",
    index: "222222222222",
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions: ["create"],
      before: null,
      after: {
        account_id: "222222222222",
        alternate_contact_type: "SECURITY",
        name: "Jane",
        title: "Sec",
        email_address: "jane.doe@example.com",
        phone_number: "+1 206 555 0101",
      },
      after_unknown: {},
    },
  };

  function sarifLocation(dir: string | undefined) {
    const registry = registryFrom(exampleText());
    const plan = parsePlan("plan.json", JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: [personal] }));
    const evaluation = evaluationFor(registry, TODAY, RULES);
    evaluation.finish({ accounts: judgePlan(evaluation, plan, { accounts: registry.accounts }).accounts });
    const options = { mode: "enforce" as const, registryFile: "contacts/registry.yaml", source: "test", toolVersion: "0.1.0" };
    const sarif = buildSarifReport(evaluation, options, dir ?? tempDir(), dir ? resourceBlockFinder(dir) : undefined);
    const result = sarif.runs[0].results.find((r) => r.ruleId === "single-recipient")!;
    return result.locations[0];
  }

  test("points at the resource block in the .tf file when the configuration is at hand, still naming the instance", () => {
    const dir = terraformFolder({ "main.tf": MAIN_TF });
    const location = sarifLocation(dir);
    expect(location.physicalLocation).toEqual({ artifactLocation: { uri: "main.tf" }, region: { startLine: 11, startColumn: 1 } });
    expect(location.logicalLocations).toEqual([{ fullyQualifiedName: personal.address, kind: "resource" }]);
  });

  test("without the configuration, at the registry file, as before", () => {
    expect(sarifLocation(undefined).physicalLocation).toEqual({
      artifactLocation: { uri: "contacts/registry.yaml" },
      region: { startLine: 1, startColumn: 1 },
    });
  });
});
