import * as fs from "fs";
import * as path from "path";
import { startAccountApi, type AccountApi } from "../support/account-api";
import { EXAMPLE_ACCOUNTS_FILE } from "../support/organization";
import { describeWithTerraform, FIXTURES_DIR, terraform, writeLocalApiOverride } from "../support/terraform";
import { exampleWith, tempDir } from "../support/workspace";
import { checkPlanWorkspace, findingLines } from "./check-plan-workspace";
import { startStsStandIn, type StsStandIn } from "./sts-stand-in";

const { workspace, checkPlan, checkPlanOnce, write } = checkPlanWorkspace("contacts-check-plan-accounts-");
const vended = (name: string, resource = `module.vended["${name}"]`) => `${resource}.aws_organizations_account.this (${name})`;

interface JudgedContact {
  accountId: string;
  accountName?: string;
  type: string;
}

describeWithTerraform("contacts check-plan on the Terraform people write: account vending, one provider per account, accounts outside the registry", () => {
  let api: AccountApi;
  let sts: StsStandIn;
  const workdir = tempDir("contacts-check-plan-accounts-tf-");

  const env = () => ({ AWS_ENDPOINT_URL_STS: sts.url });

  /**
   * Inits and plans one root of test/fixtures/hcl/plan-accounts into its plan.out. `aliases` get the harness's keys
   * for the local Account API; `profiles` (aliases, "" for the default provider) keep their own credentials. Every
   * provider's STS calls go to the STS stand-in.
   */
  async function plan(root: string, vars: Record<string, unknown>, aliases: string[] = [], profiles: string[] = []) {
    const cwd = path.join(workdir, root);
    const overrideFile = writeLocalApiOverride(cwd, api.url, { aliases });
    if (profiles.length) {
      // The harness's static keys would win over a profile: a profile provider gets none of its settings.
      const override = JSON.parse(fs.readFileSync(overrideFile, "utf8"));
      override.provider.aws = override.provider.aws.filter((p: { alias?: string }) => !profiles.includes(p.alias ?? ""));
      fs.writeFileSync(overrideFile, JSON.stringify(override));
    }
    fs.writeFileSync(path.join(cwd, "terraform.tfvars.json"), JSON.stringify(vars));
    await terraform(["init"], { cwd });
    await terraform(["plan", "-out=plan.out"], { cwd, env: env() });
  }

  beforeAll(async () => {
    api = await startAccountApi({ managementAccountId: "111111111111", memberAccountIds: ["222222222222", "333333333333", "444444444444"] });
    sts = await startStsStandIn({ AKIDSECURITYTOOLING: "555555555555", AKIDPAYMENTSDEV: "333333333333" });
    fs.cpSync(path.join(FIXTURES_DIR, "plan-accounts"), workdir, { recursive: true });
    // Only creates: the provider calls neither the Account API nor Organizations to plan them.
    await Promise.all([
      plan("vending", { vended_accounts: { sandbox: "aws-security@example.com", lab: "aws-security@example.com" }, outside_account_id: "777777777777" }),
      plan("per-account", { personal_email: "jane.doe@example.com" }, ["payments_prod", "data_platform"], ["", "security_tooling"]),
    ]);
    for (const root of ["vending", "per-account"])
      write(`${root}.json`, (await terraform(["show", "-json", "plan.out"], { cwd: path.join(workdir, root), env: env() })).stdout);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), sts?.stop()]);
  });

  test("a plan that vends accounts and sets compliant contacts exits 0, warning once for the accounts it creates and naming each", async () => {
    const result = await checkPlanOnce(["vending.json"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(findingLines(result.stdout)).toContain(
      `warning unknown-account is created by this plan, so its id is known only after apply: its contacts' values were judged; the account itself is judged on the next plan, once it exists; affects 2 accounts: ${vended("lab")}, ${vended("sandbox")}. Fix: nothing to change now: plan again after the apply, and the account is judged by its id.`,
    );
    const report = JSON.parse((await checkPlan(["vending.json", "--format", "json"])).stdout);
    const warnings = report.violations.find((v: { ruleName: string }) => v.ruleName === "unknown-account").violatingResources;
    expect(warnings.map((w: { accountName: string }) => w.accountName)).toEqual(["lab", "sandbox"]);
    // Their emails and phones were judged like any others: every value passed.
    const vendedContacts = report.contacts.filter((c: JudgedContact) => c.accountId.startsWith("module.vended["));
    expect(vendedContacts).toHaveLength(6);
    expect(vendedContacts.flatMap((c: { results: Record<string, string> }) => Object.values(c.results)).every((r: string) => r === "pass")).toBe(true);
  });

  test("a plan setting contacts of an account outside the registry warns; an organization snapshot that does not list it either makes it an error", async () => {
    const warned = await checkPlanOnce(["vending.json"]);
    expect(findingLines(warned.stdout)).toContain(
      'warning unregistered-account 777777777777 is not in the registry; this plan sets its contacts. Fix: add "777777777777": { name: "777777777777" } under accounts in the registry.',
    );
    fs.copyFileSync(EXAMPLE_ACCOUNTS_FILE, path.join(workspace, "contacts/organization-accounts.json"));
    const registry = write(
      "contacts/with-snapshot.yaml",
      exampleWith(["exceptions: []", "exceptions: []\norganization:\n  accountsFile: organization-accounts.json"]),
    );
    const failed = await checkPlan(["vending.json", "--registry", registry]);
    expect(failed.code).toBe(1);
    expect(findingLines(failed.stdout)).toContain(
      "error unregistered-account 777777777777 is in neither the registry nor the organization snapshot: a mistyped account id, or an account of another organization. Fix: correct the account id in the Terraform code, or refresh the organization snapshot and add the account to the registry.",
    );
  });

  test("a module through an assume-role alias is its role's account: a personal address there fails on that account, as on the account vended beside it", async () => {
    expect(sts.assumedRoles.sort()).toEqual(["arn:aws:iam::222222222222:role/ContactsAdmin", "arn:aws:iam::444444444444:role/ContactsAdmin"]);
    const result = await checkPlanOnce(["per-account.json"]);
    expect(result.code).toBe(1);
    expect(findingLines(result.stdout)).toContain(
      `error single-recipient email jane.doe@example.com reaches 1 current person (Jane Doe), 2 required; affects SECURITY of 2 accounts: 222222222222 (payments-prod), ${vended("lab", "module.vended_lab")} (2 resources). Fix: point the contact at a group alias with at least two members. module.payments_prod.aws_account_alternate_contact.this["SECURITY"]`,
    );
    const report = JSON.parse((await checkPlanOnce(["per-account.json", "--format", "json"])).stdout);
    const accounts = new Set(report.contacts.map((c: JudgedContact) => c.accountId));
    expect([...accounts].sort()).toEqual(
      [
        "222222222222",
        "333333333333",
        vended("lab", "module.vended_lab").replace(/ \(lab\)$/, ""),
        "provider aws.data_platform",
        "provider aws.security_tooling",
      ].sort(),
    );
  });

  const FIX =
    "Fix: write the provider's assume_role role_arn as a literal ARN (arn:aws:iam::<account id>:role/<name>), or set its allowed_account_ids to the one account it works in, or set account_id on the contacts.";

  test("a provider whose role ARN is an expression is an error naming the provider; its contacts are never the management account's", async () => {
    const result = await checkPlanOnce(["per-account.json"]);
    expect(findingLines(result.stdout)).toContain(
      `error unresolved-provider provider aws.data_platform takes its account from an assume_role role_arn built from var.data_platform_account_id, which the plan does not resolve to an account id, so the account of its 3 contacts without account_id cannot be determined (their values were judged). ${FIX}`,
    );
    expect(result.stdout).not.toContain("111111111111");
  });

  test("a provider with credentials of its own (a profile) is an error naming it and them; pinned to one account by allowed_account_ids, its contacts are that account's", async () => {
    const result = await checkPlanOnce(["per-account.json"]);
    expect(findingLines(result.stdout)).toContain(
      `error unresolved-provider provider aws.security_tooling takes its account from credentials of its own (profile, shared_credentials_files), which the plan does not resolve to an account id, so the account of its 3 contacts without account_id cannot be determined (their values were judged). ${FIX}`,
    );
    // Both asked STS whose keys they hold (security-tooling's are 555555555555's, which the plan does not show);
    // the plan exists, so the default provider's allowed_account_ids agreed with its account (payments-dev's keys).
    expect([...new Set(sts.callers)].sort()).toEqual(["AKIDPAYMENTSDEV", "AKIDSECURITYTOOLING"]);
    const report = JSON.parse((await checkPlanOnce(["per-account.json", "--format", "json"])).stdout);
    const paymentsDev = report.contacts.filter((c: JudgedContact) => c.accountId === "333333333333");
    expect(paymentsDev.map((c: JudgedContact) => `${c.accountName} ${c.type}`).sort()).toEqual([
      "payments-dev BILLING",
      "payments-dev OPERATIONS",
      "payments-dev SECURITY",
    ]);
  });
});
