import { GitRepo } from "../support/git-repo";
import { exampleText, exampleWith } from "../support/workspace";
import { changedRepo, REGISTRY, review } from "./review-run";

/** `contacts review` of the last commit. */
const reviewLast = (repo: GitRepo, ...args: string[]) => review(repo, "--base", "HEAD~1", ...args);

/** The pull request of issue 18: one recipient is enough, findings only warn, and SECURITY goes to Jane alone. */
const WEAKENED: [string | RegExp, string][] = [
  ["minRecipients: 2 ", "minRecipients: 1\n  mode: warn\n "],
  ['email: aws-security@example.com,    phone: "+1 206 555 0100"', 'email: jane.doe@example.com,       phone: "+1 206 555 0101"'],
];

type PolicyChange = { setting: string; subject?: string; before: unknown; after: unknown; weakens: boolean };
type Finding = { ruleId: string; severity: string; field?: string; location?: string };

describe("contacts review: a change to the policy is never silent", () => {
  test("minRecipients 1, mode warn and SECURITY to one person: the comment opens with both weakenings, and each is a finding", async () => {
    const { status, stdout, stderr } = await reviewLast(changedRepo(exampleWith(...WEAKENED)));
    expect(stderr).toBe("");
    const [summary, , heading, , header, rule, minRecipients, mode, after] = stdout.split("\n");
    expect(summary).toMatch(/: policy: 2 changes \(2 weakenings\); 4 contacts changed in 4 accounts; findings: 2 introduced, 0 fixed\.$/);
    expect([heading, header, rule]).toEqual(["### Policy changes", "| setting | before | after | |", "|---|---|---|---|"]);
    expect(minRecipients).toBe("| <code>minRecipients</code> | <code>2</code> | **<code>1</code>** | **weakens**: fewer people must be reached |");
    expect(mode).toBe("| <code>mode</code> | <code>enforce</code> | **<code>warn</code>** | **weakens**: findings no longer fail synthesis |");
    expect(after).toBe("");
    expect(stdout).toContain(
      "- **warning** `policy-weakened` policy.minRecipients: changed from 2 to 1: fewer people must be reached. Fix: restore the base revision's setting",
    );
    expect(stdout).toContain("| reaches | 4: Jane Doe, Li Chen, Omar Haddad, Richard Roe | 1: Jane Doe |");
    // The default severity is warning: reported, not failing.
    expect(status).toBe(0);
  });

  test("in JSON the policy comes first, the weakenings marked, and the findings introduced name the setting's line", async () => {
    const { stdout, status } = await reviewLast(changedRepo(exampleWith(...WEAKENED)), "--format", "json");
    const report = JSON.parse(stdout);
    expect(Object.keys(report)[0]).toBe("policy");
    expect(report.policy.comparedWith).toBe("registry");
    expect(report.policy.changes.map((c: PolicyChange) => [c.setting, c.before, c.after, c.weakens])).toEqual([
      ["minRecipients", 2, 1, true],
      ["mode", "enforce", "warn", true],
    ]);
    const weakenings = report.findingsIntroduced.filter((f: Finding) => f.ruleId === "policy-weakened");
    expect(weakenings.map((f: Finding) => [f.field, f.severity, f.location])).toEqual([
      ["policy.minRecipients", "warning", "contacts/registry.yaml:7:3"],
      ["policy.mode", "warning", "contacts/registry.yaml:8:3"],
    ]);
    expect(status).toBe(0);
  });

  test("the base's weakeningSeverity error fails the review, though the change sets warn mode and lowers the severity itself", async () => {
    const strict = exampleWith(["minRecipients: 2 ", "minRecipients: 2\n  weakeningSeverity: error\n "]);
    const weakened = exampleWith(...WEAKENED, ["minRecipients: 1\n", "minRecipients: 1\n  weakeningSeverity: warning\n"]);
    const { status, stdout } = await reviewLast(changedRepo(weakened, strict));
    expect(stdout).toContain(
      "| <code>weakeningSeverity</code> | <code>error</code> | **<code>warning</code>** | **weakens**: a weakened policy no longer fails the review |",
    );
    expect(stdout).toContain("- **error** `policy-weakened` policy.mode: changed from enforce to warn");
    expect(stdout).toContain("> This change weakens the contact policy, and the base revision's `policy.weakeningSeverity` is `error`");
    expect(status).toBe(1);
  });

  test("a tightening is listed, not marked, and is no finding", async () => {
    const { status, stdout } = await reviewLast(changedRepo(exampleWith(["maxReviewAgeDays: 365", "maxReviewAgeDays: 180"])), "--format", "json");
    const report = JSON.parse(stdout);
    expect(report.policy.changes).toEqual([
      { setting: "maxReviewAgeDays", before: 365, after: 180, weakens: false, meaning: "groups must be reviewed sooner", position: expect.anything() },
    ]);
    expect(report.findingsIntroduced).toEqual([]);
    expect(status).toBe(0);
    const markdown = (await reviewLast(changedRepo(exampleWith(["maxReviewAgeDays: 365", "maxReviewAgeDays: 180"])))).stdout;
    expect(markdown).toContain("| <code>maxReviewAgeDays</code> | <code>365</code> | **<code>180</code>** | groups must be reviewed sooner |");
    expect(markdown).not.toContain("weakens");
  });

  test("email domains widened point at emailDomains; removed, at the start of the policy block", async () => {
    const widened = await reviewLast(changedRepo(exampleWith(["emailDomains: [example.com]", "emailDomains: [example.com, gmail.com]"])), "--format", "json");
    const removed = await reviewLast(changedRepo(exampleWith(["  emailDomains: [example.com]\n", ""])), "--format", "json");
    const weakening = (stdout: string) => JSON.parse(stdout).findingsIntroduced.find((f: Finding) => f.ruleId === "policy-weakened");
    expect(weakening(widened.stdout)).toMatchObject({ field: "policy.emailDomains", location: "contacts/registry.yaml:9:3" });
    expect(weakening(removed.stdout)).toMatchObject({ field: "policy.emailDomains", location: "contacts/registry.yaml:7:3" });
    expect(JSON.parse(removed.stdout).policy.changes).toMatchObject([{ setting: "emailDomains", before: ["example.com"], after: null, weakens: true }]);
  });

  test("an exception added, and one extended, are weakenings; one removed is listed, not marked", async () => {
    const exception = (account: string, expires: string) =>
      `  - { rule: single-recipient, account: "${account}", type: security, reason: "Jane covers payments (SEC-123)", expires: "${expires}" }\n`;
    const before = exampleText().replace(
      "exceptions: []\n",
      `exceptions:\n${exception("222222222222", "2026-12-31")}${exception("333333333333", "2026-12-31")}`,
    );
    const after = exampleText().replace(
      "exceptions: []\n",
      `exceptions:\n${exception("222222222222", "2027-03-31")}${exception("444444444444", "2026-12-31")}`,
    );
    const { stdout } = await reviewLast(changedRepo(after, before), "--format", "json");
    const report = JSON.parse(stdout);
    expect(report.policy.changes.map((c: PolicyChange) => [c.subject, c.before, c.after, c.weakens])).toEqual([
      ["single-recipient 222222222222 SECURITY", "2026-12-31", "2027-03-31", true],
      ["single-recipient 333333333333 SECURITY", "2026-12-31", null, false],
      ["single-recipient 444444444444 SECURITY", null, "2026-12-31", true],
    ]);
    expect(report.findingsIntroduced.filter((f: Finding) => f.ruleId === "policy-weakened").map((f: Finding) => f.location)).toEqual([
      "contacts/registry.yaml:82:5",
      "contacts/registry.yaml:83:5",
    ]);
  });

  test("a change that adds the registry is compared with the built-in defaults, and the comment says so", async () => {
    const repo = new GitRepo()
      .write("README.md", "x")
      .commit("base")
      .write(REGISTRY, exampleWith(["minRecipients: 2 ", "minRecipients: 1 "]))
      .commit("add");
    const { stdout } = await reviewLast(repo, "--allow-new-registry");
    expect(stdout).toContain("The base revision has no registry: this policy is compared with the built-in defaults");
    expect(stdout).toContain("| <code>minRecipients</code> | <code>2</code> | **<code>1</code>** | **weakens**: fewer people must be reached |");
  });

  test("a base whose registry does not load: the comment says nothing was compared, the policy included, and the review exits 2", async () => {
    const broken = exampleText().replace("version: 1", "version: 1\nversion: 2");
    const { status, stdout } = await reviewLast(changedRepo(exampleWith(...WEAKENED), broken));
    expect(stdout).toMatch(
      /^\*\*Contacts review\*\*: the registry at the base revision <code>HEAD~1<\/code> \(<code>HEAD~1:contacts\/registry.yaml<\/code>\) does not load, so nothing was compared: neither this change's contacts nor its policy were judged\./,
    );
    expect(status).toBe(2);
  });
});
