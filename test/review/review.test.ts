import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../policies/index";
import { formatFinding } from "../../src/reports/format-finding";
import { judgeRegistry } from "../../src/engine/judge-registry";
import type { RegistryIssue } from "../../src/registry/errors";
import { COMMENT_LIMIT, renderUnloadableMarkdown } from "../../src/review/render-review";
import { GitRepo } from "../support/git-repo";
import { exampleText, exampleWith, registryFrom, REPO_ROOT, tempDir, TODAY } from "../support/workspace";
import { synthesize } from "../support/synth-app";
import { changedRepo, REGISTRY, review } from "./review-run";
import { runCli } from "../../src/cli/main";

async function reviewJson(after: string, before?: string) {
  const result = await review(changedRepo(after, before), "--base", "HEAD~1", "--format", "json");
  expect(result.stderr).toBe("");
  return { ...JSON.parse(result.stdout), status: result.status };
}

type Change = {
  account: { id: string };
  type: string;
  before?: { card: string; values: Record<string, string> };
  after?: { card: string; values: Record<string, string> };
  gained: ByAddress;
  lost: ByAddress;
};
type ByAddress = { email?: { name: string }[]; phone?: { name: string }[] };
const changeOf = (report: { changes: Change[] }, account: string, type: string) => report.changes.find((c) => c.account.id === account && c.type === type);

describe("contacts review: what a registry change does to every contact", () => {
  // Through the contacts binary, as a pipeline runs it; test/cli/cli.test.ts runs it through the real `npx contacts`.
  test("a group's alias moving shows before and after, the people gained and lost, and the accounts, in Markdown from the contacts binary", () => {
    const repo = changedRepo(
      exampleWith(
        [/email: payments-sec@example.com, {4}phone/, "email: pay-sec@example.com,        phone"],
        ["email: payments-sec@example.com\n", "email: pay-sec@example.com\n"],
        ["members: [jdoe, omar]", "members: [jdoe, lchen]"],
      ),
    );
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin/contacts.js"), "review", "--base", "HEAD~1"], {
      cwd: repo.dir,
      encoding: "utf8",
      env: { ...process.env, CONTACTS_TODAY: TODAY },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^\*\*Contacts review\*\* against <code>HEAD~1<\/code> \([0-9a-f]{7}\): 2 contacts changed in 2 accounts; findings: 0 introduced, 0 fixed\.$/,
    );
    expect(run.stdout).toContain("#### SECURITY · 2 accounts: <code>payments-sec@example.com</code> → <code>pay-sec@example.com</code>");
    expect(run.stdout).toContain("| reaches | 2: Jane Doe, Omar Haddad | 2: Jane Doe, Li Chen |");
    expect(run.stdout).toContain("People gained: Li Chen. People lost: Omar Haddad.");
    expect(run.stdout).toContain("- 222222222222 payments-prod\n- 333333333333 payments-dev");
  });

  test("an email change on a card is a change for every account using it, with the new address in bold", async () => {
    const report = await reviewJson(exampleWith(["email: aws-ops@example.com,         phone", "email: aws-operations@example.com,  phone"]));
    const ids = report.changes.map((c: Change) => `${c.account.id} ${c.type}`);
    expect(ids).toEqual([
      "111111111111 OPERATIONS",
      "333333333333 OPERATIONS",
      "444444444444 OPERATIONS",
      "555555555555 OPERATIONS",
      "666666666666 OPERATIONS",
    ]);
    const change = changeOf(report, "111111111111", "OPERATIONS")!;
    expect([change.before!.values.email, change.after!.values.email]).toEqual(["aws-ops@example.com", "aws-operations@example.com"]);
    // The new address is on nobody's entry: the contact now reaches no one, and the policy says so.
    expect(change.lost).toEqual({
      email: [
        { id: "omar", name: "Omar Haddad" },
        { id: "rroe", name: "Richard Roe" },
      ],
    });
    expect(report.findingsIntroduced.map((f: { ruleId: string; accountId: string }) => `${f.ruleId} ${f.accountId}`)).toContain(
      "unlisted-address 111111111111",
    );
    expect(report.status).toBe(1);
  });

  test("a phone change is a change even though every email stays the same", async () => {
    const repo = changedRepo(exampleWith(['phone: "+1 206 555 0140" }', 'phone: "+1 206 555 0199" }']));
    const { stdout, status } = await review(repo, "--base", "HEAD~1");
    expect(stdout).toContain("#### OPERATIONS · 222222222222 payments-prod: phone changed");
    expect(stdout).toContain("| phone | <code>+1 206 555 0140</code> | **<code>+1 206 555 0199</code>** |");
    // The hunt group's number no longer matches: the phone now reaches nobody the registry knows.
    expect(stdout).toContain("People lost by phone: Li Chen, Richard Roe.");
    expect(status).toBe(1);
  });

  test("a group membership change keeps the address but changes who is reached", async () => {
    const report = await reviewJson(exampleWith(["members: [rroe, omar]", "members: [rroe, omar, apatel]"]));
    const change = changeOf(report, "444444444444", "OPERATIONS")!;
    expect(change.before!.values).toEqual(change.after!.values);
    expect(change.gained).toEqual({ email: [{ id: "apatel", name: "Anita Patel" }], phone: [{ id: "apatel", name: "Anita Patel" }] });
    expect(change.lost).toEqual({});
    expect(report.changes.filter((c: Change) => c.type === "OPERATIONS").map((c: Change) => c.account.id)).toEqual([
      "111111111111",
      "333333333333",
      "444444444444",
      "555555555555",
      "666666666666",
    ]);
  });

  test("a person leaving is lost from every contact that reached them, and a contact left with one person is a finding introduced", async () => {
    const report = await reviewJson(
      exampleWith([
        "omar:    { name: Omar Haddad,  email: omar.haddad@example.com }",
        "omar:    { name: Omar Haddad,  email: omar.haddad@example.com, left: 2026-11-01 }",
      ]),
    );
    const security = changeOf(report, "222222222222", "SECURITY")!;
    expect(security.lost).toEqual({ email: [{ id: "omar", name: "Omar Haddad" }], phone: [{ id: "omar", name: "Omar Haddad" }] });
    expect(security.gained).toEqual({});
    expect(report.findingsIntroduced).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: "single-recipient", accountId: "222222222222", type: "SECURITY" })]),
    );
    expect(report.status).toBe(1);
  });

  test("accounts added and removed are listed once, not as four contact changes each", async () => {
    const after = exampleWith(['  "666666666666": { name: audit, ou: Security }\n', '  "777777777777": { name: sandbox, ou: Sandbox }\n']);
    const { stdout } = await review(changedRepo(after), "--base", "HEAD~1");
    expect(stdout.split("\n")[0]).toContain("no contact changed; 1 account added; 1 account removed");
    expect(stdout).toContain("### Accounts added\n\n- 777777777777 sandbox (OU Sandbox)");
    expect(stdout).toMatch(/### Accounts removed[^\n]*\n\n- 666666666666 audit \(OU Security\)/);
    expect(stdout).not.toContain("### Contact changes");
  });

  test("an OU override added moves that OU's accounts and says where the card now comes from", async () => {
    const report = await reviewJson(
      exampleWith([
        "Workloads/Payments: { security: payments-security }",
        "Workloads/Payments: { security: payments-security }\n  Security: { operations: payments-oncall }",
      ]),
    );
    expect(report.changes.map((c: Change) => `${c.account.id} ${c.type}`)).toEqual(["555555555555 OPERATIONS", "666666666666 OPERATIONS"]);
    const change = changeOf(report, "555555555555", "OPERATIONS")!;
    expect(change.before).toMatchObject({ card: "operations", origin: { level: "defaults" } });
    expect(change.after).toMatchObject({ card: "payments-oncall", origin: { level: "ou", path: "Security" } });
  });

  test("reordering, comments and a renamed card with the same values are no contact change, in one line", async () => {
    const reordered = exampleWith(
      [/ {2}security: +\{ name: Cloud Security Team,[^\n]*\n/, ""],
      [
        "contacts:                   # alternate contact cards, exactly as AWS will store them\n",
        'contacts:\n  # the security team\'s card, renamed\n  cloud-security: { name: Cloud Security Team,  title: Security Operations, email: aws-security@example.com,    phone: "+1 206 555 0100" }\n',
      ],
      ["security: security, primary: hq", "security: cloud-security, primary: hq"],
      [
        / {2}"555555555555": \{ name: log-archive, ou: Security \}\n {2}"666666666666": \{ name: audit, ou: Security \}\n/,
        '  "666666666666": { name: audit, ou: Security }   # moved up\n  "555555555555": { name: log-archive, ou: Security }\n',
      ],
    );
    const { stdout, status } = await review(changedRepo(reordered), "--base", "HEAD~1");
    expect(stdout).toMatch(/^\*\*Contacts review\*\* against <code>HEAD~1<\/code> \([0-9a-f]{7}\): no contact changes\.\n$/);
    expect(status).toBe(0);
  });

  test("a text-only change while the policy already fails is not 'no contact changes': it shows the errors that remain", async () => {
    const failing = exampleWith(["members: [jdoe, omar]", "members: [jdoe]"]);
    const { stdout, status } = await review(changedRepo(failing.replace("# departed", "# left in June"), failing), "--base", "HEAD~1");
    expect(status).toBe(1);
    expect(stdout).toContain("no contact changed; findings: 0 introduced, 0 fixed.");
    expect(stdout).toMatch(
      /### Policy errors already there before this change\n\n- \*\*error\*\* `single-recipient` email <code>payments-sec@example.com<\/code>: .* Affects SECURITY of:\n {2}- 222222222222 payments-prod\n {2}- 333333333333 payments-dev/,
    );
  });

  test("findings are shown by root cause: a person whose leaving takes a group below two people is one item per group, its accounts folded", async () => {
    const report = await review(
      changedRepo(
        exampleWith([
          "lchen:   { name: Li Chen,      email: li.chen@example.com }",
          'lchen:   { name: Li Chen,      email: li.chen@example.com, left: "2026-11-01" }',
        ]),
      ),
      "--base",
      "HEAD~1",
    );
    expect(report.stdout).toContain("findings: 2 introduced, 0 fixed.");
    expect(report.stdout).toContain("### Policy findings introduced\n\n");
    const introduced = report.stdout.slice(report.stdout.indexOf("### Policy findings introduced"));
    // finance reaches BILLING of all six accounts (email and phone: twelve findings, one item), payments-oncall one account.
    expect(introduced.match(/^- \*\*error\*\* `single-recipient`/gm)).toHaveLength(2);
    expect(introduced).toMatch(
      /- \*\*error\*\* `single-recipient` email <code>aws-billing@example.com<\/code>: reaches 1 current person .* <code>contacts\/registry.yaml:15:\d+<\/code>/,
    );
    expect(introduced).toContain("<details><summary>affects BILLING of 6 accounts</summary>");
    expect(introduced).toMatch(/- \*\*error\*\* `single-recipient` 222222222222 \(payments-prod\) OPERATIONS email <code>payments-oncall@example.com<\/code>/);
  });

  test("reordering a card's keys is no change, and plans nothing", async () => {
    const reordered = exampleWith([
      'billing:           { name: Cloud Finance,        title: Billing,             email: aws-billing@example.com,     phone: "+1 206 555 0110" }',
      'billing:           { phone: "+1 206 555 0110", email: aws-billing@example.com, title: Billing, name: Cloud Finance }',
    ]);
    const report = await reviewJson(reordered);
    expect(report.changes).toEqual([]);
    expect(report.stacksToPlan).toEqual([]);
  });

  test("with --allow-new-registry, the change that adds the registry shows every account as added", async () => {
    const repo = new GitRepo().write("README.md", "x").commit("base").write(REGISTRY, exampleText()).commit("add registry");
    const { stdout, status } = await review(repo, "--base", "HEAD~1", "--allow-new-registry", "--format", "json");
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.accountsAdded.map((a: { id: string }) => a.id)).toEqual([
      "111111111111",
      "222222222222",
      "333333333333",
      "444444444444",
      "555555555555",
      "666666666666",
    ]);
    expect(report.stacksToPlan).toEqual(["contacts"]);
  });

  test("findings fixed and exceptions added and expiring soon are reported", async () => {
    const before = exampleWith(["members: [jdoe, omar]", "members: [jdoe]"]);
    const after = exampleWith([
      "exceptions: []",
      'exceptions:\n  - { rule: email-domain, account: "444444444444", type: SECURITY, reason: "vendor mailbox while migrating", expires: 2026-12-10 }',
    ]);
    const report = await reviewJson(after, before);
    expect(report.findingsFixed).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: "single-recipient", accountId: "222222222222", type: "SECURITY" })]),
    );
    expect(report.exceptionsAdded).toEqual([expect.objectContaining({ rule: "email-domain", account: "444444444444", expires: "2026-12-10" })]);
    expect(report.exceptionsExpiring).toEqual(report.exceptionsAdded);
  });

  test("a change to many accounts folds its account list and keeps the comment bounded", async () => {
    const accounts = Array.from({ length: 150 }, (_, i) => `  "${String(900000000000 + i)}": { name: pay-${i}, ou: Workloads/Payments }`).join("\n");
    const before = exampleWith(['  "666666666666": { name: audit, ou: Security }\n', `  "666666666666": { name: audit, ou: Security }\n${accounts}\n`]);
    const after = before.replace("Workloads/Payments: { security: payments-security }", "Workloads/Payments: { security: security }");
    const { stdout } = await review(changedRepo(after, before), "--base", "HEAD~1");
    expect(stdout).toContain("#### SECURITY · 152 accounts:");
    expect(stdout).toContain("<details><summary>152 accounts</summary>");
    expect(stdout).toContain("- … and 52 more (all of them: `contacts review --format json`)");
  });

  test("hundreds of distinct changes still fit in one pull-request comment, and say where the rest is", async () => {
    const cards = (suffix: string) =>
      Array.from(
        { length: 400 },
        (_, i) => `  c${i}: { name: Card ${i}${suffix}, title: Security, email: aws-security@example.com, phone: "+1 206 555 0100" }`,
      ).join("\n");
    const accounts = Array.from({ length: 400 }, (_, i) => `  "${String(900000000000 + i)}": { name: acct-${i}, contacts: { security: c${i} } }`).join("\n");
    const registry = (suffix: string) =>
      exampleWith(
        ["contacts:                   # alternate contact cards, exactly as AWS will store them\n", `contacts:\n${cards(suffix)}\n`],
        ['  "666666666666": { name: audit, ou: Security }\n', `  "666666666666": { name: audit, ou: Security }\n${accounts}\n`],
      );
    const { stdout } = await review(changedRepo(registry(" (renamed)"), registry("")), "--base", "HEAD~1");
    expect(stdout.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(stdout.split("\n")[0]).toContain("400 contacts changed in 400 accounts");
    expect(stdout).toContain("#### SECURITY · 900000000000 acct-0: name changed");
    expect(stdout).toMatch(/- … and \d+ more \(all of them: `contacts review --format json`\)/);
  });

  test("registry text is escaped: a value cannot inject HTML or break the table", async () => {
    const after = exampleWith(["name: payments-dev", 'name: "dev <img src=x onerror=alert(1)> | x"'], ["members: [jdoe, omar]", "members: [jdoe, lchen]"]);
    const { stdout } = await review(changedRepo(after), "--base", "HEAD~1");
    expect(stdout).not.toContain("<img");
    expect(stdout).toContain("- 333333333333 dev &lt;img src=x onerror=alert(1)&gt; \\| x");
  });

  test("registry text cannot become a link, emphasis or a mention in the comment", async () => {
    const after = exampleWith(
      ["{ name: Payments Security,    title:", '{ name: "[Click](https://evil.example) **now**", title:'],
      ["name: payments-dev", 'name: "dev @acme/security-team www.evil.example"'],
      ["members: [jdoe, omar]", "members: [jdoe, lchen]"],
    );
    const { stdout } = await review(changedRepo(after), "--base", "HEAD~1");
    expect(stdout).toContain("<code>&#91;Click&#93;(https://evil.example) &#42;&#42;now&#42;&#42;</code>");
    expect(stdout).toContain("- 333333333333 dev &#64;acme/security-team www&#46;evil.example");
    expect(stdout).not.toMatch(/\[Click\]\(|@acme|\*\*now/);
  });
});

describe("contacts review: the policy it applies", () => {
  test("judges each side exactly as synth does, so findings introduced are the ones synth will fail on", () => {
    const text = exampleWith(
      [
        "contacts:                   # alternate contact cards, exactly as AWS will store them\n",
        'contacts:\n  jane: { name: Jane Doe, title: CISO, email: jane.doe@example.com, phone: "+1 206 555 0101" }\n',
      ],
      [
        '"444444444444": { name: data-platform, ou: Workloads/Data }',
        '"444444444444": { name: data-platform, ou: Workloads/Data, contacts: { security: jane } }',
      ],
      ["members: [apatel, lchen, mmajor]", "members: [apatel, mmajor]"],
      [
        "exceptions: []",
        'exceptions:\n  - { rule: email-domain, account: "555555555555", type: SECURITY, reason: "nothing to waive here", expires: 2027-01-31 }',
      ],
    );
    const bySynth = synthesize(text).outcome.findings.map(formatFinding).sort();
    const byReview = judgeRegistry(registryFrom(text), { today: TODAY, rules: RULES }).findings.map(formatFinding).sort();
    expect(bySynth.map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(
      expect.arrayContaining(["error single-recipient", "warning unused-exception"]),
    );
    expect(byReview).toEqual(bySynth);
  });
});

describe("contacts review: organization coverage", () => {
  const ACCOUNTS_FILE = "contacts/organization-accounts.json";
  const listing = (ids: string[], state = "ACTIVE") => ids.map((id) => ({ Id: id, Name: `acct-${id.slice(0, 3)}`, State: state }));
  const EXAMPLE_IDS = ["111111111111", "222222222222", "333333333333", "444444444444", "555555555555", "666666666666"];
  const withCoverage = exampleText().replace("exceptions: []", "exceptions: []\n\norganization: { accountsFile: organization-accounts.json }");

  test("an ACTIVE account joining the organization without a registry entry fails the review, naming the account", async () => {
    const repo = new GitRepo()
      .write(REGISTRY, withCoverage)
      .write(ACCOUNTS_FILE, JSON.stringify({ Accounts: listing(EXAMPLE_IDS) }))
      .commit("base");
    repo.write(ACCOUNTS_FILE, JSON.stringify({ Accounts: [...listing(EXAMPLE_IDS), ...listing(["777777777777"])] })).commit("new account");
    const { stdout, status } = await review(repo, "--base", "HEAD~1");
    expect(status).toBe(1);
    expect(stdout).toContain("> [!CAUTION]");
    expect(stdout).toMatch(/### Policy findings introduced\n\n- \*\*error\*\* `uncovered-account` 777777777777 \(acct-777\)/);
  });

  test("an uncovered account the change does not fix is listed as an error already there", async () => {
    const accounts = JSON.stringify({ Accounts: [...listing(EXAMPLE_IDS), ...listing(["777777777777"])] });
    const repo = new GitRepo().write(REGISTRY, withCoverage).write(ACCOUNTS_FILE, accounts).commit("base");
    repo.write(REGISTRY, withCoverage.replace("members: [rroe, omar]", "members: [rroe, omar, apatel]")).commit("unrelated change");
    const { stdout, status } = await review(repo, "--base", "HEAD~1");
    expect(status).toBe(1);
    expect(stdout).toMatch(/### Policy errors already there before this change\n\n- \*\*error\*\* `uncovered-account` 777777777777/);
    expect(stdout).not.toContain("### Policy findings introduced");
  });

  test("finds the base's accounts file wherever the registry names it: a registry at the top, a path with .., a ref with a slash", async () => {
    const accounts = (ids: string[]) => JSON.stringify({ Accounts: listing(ids) });
    const atTop = new GitRepo().write("registry.yaml", withCoverage).write("organization-accounts.json", accounts(EXAMPLE_IDS)).commit("base");
    atTop.git("update-ref", "refs/remotes/origin/main", "HEAD");
    atTop.write("organization-accounts.json", accounts([...EXAMPLE_IDS, "777777777777"])).commit("new account");
    const top = await review(atTop, "--base", "origin/main", "--registry", "registry.yaml", "--format", "json");
    expect(top.stderr).toBe("");
    expect(JSON.parse(top.stdout).findingsIntroduced.map((f: { ruleId: string; accountId: string }) => `${f.ruleId} ${f.accountId}`)).toEqual([
      "uncovered-account 777777777777",
    ]);

    const outside = withCoverage.replace("accountsFile: organization-accounts.json", "accountsFile: ../org/accounts.json");
    const dotted = new GitRepo().write(REGISTRY, outside).write("org/accounts.json", accounts(EXAMPLE_IDS)).commit("base");
    dotted.write("org/accounts.json", accounts([...EXAMPLE_IDS, "777777777777"])).commit("new account");
    const up = await review(dotted, "--base", "HEAD~1", "--format", "json");
    expect(up.stderr).toBe("");
    expect(JSON.parse(up.stdout).findingsIntroduced.map((f: { accountId: string }) => f.accountId)).toEqual(["777777777777"]);
  });

  test("the accounts file at the base is read from the base revision, and a bad one names that side", async () => {
    const repo = new GitRepo().write(REGISTRY, withCoverage).write(ACCOUNTS_FILE, '{ "Accounts": "none" }').commit("base");
    repo.write(ACCOUNTS_FILE, JSON.stringify({ Accounts: listing(EXAMPLE_IDS) })).commit("fix the accounts file");
    const run = await review(repo, "--base", "HEAD~1");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^contacts review: the organization accounts file \(organization.accountsFile at contacts\/registry.yaml:\d+:\d+\) at the base revision HEAD~1 \(contacts\/organization-accounts.json\) has 1 error; nothing was compared:\n {2}contacts\/organization-accounts.json:1:/,
    );
  });
});

describe("contacts review: the stacks a pipeline has to plan", () => {
  const sharded = (context: Record<string, unknown>) => JSON.stringify({ app: "node --import tsx main.ts", context: { sharding: { by: "ou" }, ...context } });

  async function stacksAfter(after: string, context: Record<string, unknown> = {}): Promise<string[]> {
    const repo = new GitRepo().write(REGISTRY, exampleText()).write("cdktf.json", sharded({})).commit("base");
    repo.write(REGISTRY, after).write("cdktf.json", sharded(context)).commit("change");
    const result = await review(repo, "--base", "HEAD~1", "--format", "json");
    expect(result.stderr).toBe("");
    return JSON.parse(result.stdout).stacksToPlan;
  }

  test("a contact change plans only the shard of the accounts it touches", async () => {
    expect(
      await stacksAfter(
        exampleWith(
          ['phone: "+1 206 555 0140" }', 'phone: "+1 206 555 0141" }'],
          [
            'payments-oncall:\n    email: payments-oncall@example.com\n    phone: "+1 206 555 0140"',
            'payments-oncall:\n    email: payments-oncall@example.com\n    phone: "+1 206 555 0141"',
          ],
        ),
      ),
    ).toEqual(["contacts-workloads"]);
  });

  test("a membership change alters no resource and plans nothing", async () => {
    expect(await stacksAfter(exampleWith(["members: [rroe, omar]", "members: [rroe, omar, apatel]"]))).toEqual([]);
  });

  test("an account moving to another top-level OU plans the shard it leaves and the one it joins", async () => {
    expect(
      await stacksAfter(
        exampleWith(['"444444444444": { name: data-platform, ou: Workloads/Data }', '"444444444444": { name: data-platform, ou: Security/Data }']),
      ),
    ).toEqual(["contacts-security", "contacts-workloads"]);
  });

  test("a changed deployment setting plans every stack", async () => {
    expect(await stacksAfter(exampleText(), { awsRegion: "eu-west-1" })).toEqual(["contacts-root", "contacts-security", "contacts-workloads"]);
  });
});

describe("contacts review: bad input is one clear error and exit 2", () => {
  test("a base revision that does not exist", async () => {
    const run = await review(changedRepo(exampleText()), "--base", "no-such-branch");
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: expect.stringMatching(/^contacts review: the base revision "no-such-branch" does not exist in this repository\. Fix: fetch it first/),
    });
  });

  test("a base revision without the registry", async () => {
    const repo = new GitRepo().write("README.md", "x").commit("base").write(REGISTRY, exampleText()).commit("add registry");
    const run = await review(repo, "--base", "HEAD~1");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `contacts review: the base revision "HEAD~1" has no registry at ${REGISTRY}. Fix: compare with a revision that has it, pass --registry with the path the registry had there, or --allow-new-registry when this change adds it.\n`,
    );
  });

  test.each([
    [
      "cdktf.json names a registry outside the repository",
      (repo: GitRepo, secret: string) => repo.write("cdktf.json", JSON.stringify({ context: { contactsRegistry: path.relative(repo.dir, secret) } })),
    ],
    [
      "the registry is a committed symbolic link to a file outside it",
      (repo: GitRepo, secret: string) => {
        fs.rmSync(path.join(repo.dir, REGISTRY));
        fs.symlinkSync(secret, path.join(repo.dir, REGISTRY));
        return repo;
      },
    ],
  ])("%s: refused unread, exit 2, nothing of the file in the output", async (_, point) => {
    const secret = path.join(tempDir("outside-"), "secret.yaml");
    fs.writeFileSync(secret, "ghp_SECRETTOKEN123: leaked\n");
    const repo = point(new GitRepo().write(REGISTRY, exampleText()).commit("base"), secret).commit("change");
    const { status, stdout, stderr } = await review(repo, "--base", "HEAD~1");
    expect(status).toBe(2);
    expect(stderr).toMatch(/is refused unread: it (leads|is a symbolic link that leads) outside the repository .*Fix: keep the registry inside the repository/);
    expect(`${stdout}${stderr}`).not.toContain("SECRETTOKEN");
  });

  test("run from a folder where the registry path does not resolve, it says so instead of crashing", async () => {
    const repo = changedRepo(exampleText());
    let stderr = "";
    const status = await runCli(["review", "--base", "HEAD~1"], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      cwd: `${repo.dir}/contacts`,
      env: { CONTACTS_TODAY: TODAY },
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /^contacts review: the registry in the working tree \(contacts\/registry.yaml\) has 1 error; nothing was compared:\n {2}contacts\/registry.yaml:1:1 the registry file does not exist/,
    );
  });

  test("a registry that does not parse names its side, file and line", async () => {
    const broken = exampleText().replace("version: 1", "version: 1\nversion: 2");
    const atBase = await review(changedRepo(exampleText(), broken), "--base", "HEAD~1");
    expect(atBase.status).toBe(2);
    expect(atBase.stderr).toMatch(
      /^contacts review: the registry at the base revision HEAD~1 \(HEAD~1:contacts\/registry.yaml\) has 2 errors; nothing was compared:\n {2}HEAD~1:contacts\/registry.yaml:5:1 /,
    );
    const inTree = await review(changedRepo(broken), "--base", "HEAD~1");
    expect(inTree.stderr).toMatch(
      /^contacts review: the registry in the working tree \(contacts\/registry.yaml\) has 2 errors; nothing was compared:\n {2}contacts\/registry.yaml:5:1 /,
    );
  });

  test("a change whose registry does not load still prints a comment saying what is wrong and where, and exits 2", async () => {
    const typo = exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"]);
    const { status, stdout, stderr } = await review(changedRepo(typo), "--base", "HEAD~1");
    expect(status).toBe(2);
    expect(stdout).toMatch(
      /^\*\*Contacts review\*\*: the registry in this change \(<code>contacts\/registry.yaml<\/code>\) does not load, so nothing was compared\./,
    );
    expect(stdout).toContain(
      '- <code>contacts/registry.yaml:75:90</code> <code>accounts.222222222222.contacts.operations</code>: unknown contact card "payments-sec". Fix: add "payments-sec" under contacts',
    );
    expect(stderr).toMatch(/^contacts review: the registry in the working tree \(contacts\/registry.yaml\) has 1 error; nothing was compared:/);
  });

  test("a registry error repeated on 2,000 accounts is one bullet with its count, and at most 20 distinct problems are listed", () => {
    const at = (line: number, message: string): RegistryIssue => ({
      position: { file: "contacts/registry.yaml", line, column: 30 },
      path: `accounts.${String(line).padStart(12, "0")}.contacts.security`,
      message,
      fix: "add the card under contacts, or name an existing one",
    });
    const renamed = Array.from({ length: 2000 }, (_, i) => at(100 + i, 'unknown contact card "sec-team"'));
    const distinct = Array.from({ length: 25 }, (_, i) => at(3000 + i, `unknown contact card "card-${i}"`));
    const markdown = renderUnloadableMarkdown("registry", "contacts/registry.yaml", [...renamed, ...distinct]);
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT / 4);
    expect(markdown).toContain("until these 2025 errors (26 distinct problems) are fixed.");
    const bullets = markdown.split("\n").filter((line) => line.startsWith("- "));
    expect(bullets).toHaveLength(21);
    expect(bullets[0]).toMatch(
      /^- <code>contacts\/registry.yaml:100:30<\/code> .*unknown contact card .*The same at 1999 more places: 101:30 .*, 102:30 .*, 103:30 .* and 1996 more\.$/,
    );
    expect(bullets[20]).toBe("- … and 6 more distinct problems (all of them at their lines: `npx contacts validate`)");
  });

  test("a wrong flag, a missing --base and an unknown format", async () => {
    const repo = changedRepo(exampleText());
    expect(await review(repo, "--bsae", "HEAD~1")).toEqual({
      status: 2,
      stdout: "",
      stderr: expect.stringMatching(/^contacts review: Unknown option '--bsae'\. Fix: see `contacts review --help`\.\n$/),
    });
    expect((await review(repo)).stderr).toBe("contacts review: --base <git-ref> is required. Fix: e.g. `contacts review --base origin/main`.\n");
    expect((await review(repo, "--base", "HEAD~1", "--format", "html")).stderr).toBe(
      "contacts review: --format html is not one of markdown, json. Fix: e.g. --format markdown.\n",
    );
  });
});
