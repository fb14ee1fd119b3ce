/** The CSV and the Markdown as a spreadsheet and a ticket take them, and synth writing all three beside its reports. */
import * as fs from "fs";
import { RULES } from "../../policies/index";
import * as path from "path";
import { judgeRegistry } from "../../src/engine/judge-registry";
import { buildEvidence } from "../../src/evidence/build-evidence";
import { csvCell, renderEvidenceCsv } from "../../src/evidence/csv";
import { renderEvidenceMarkdown } from "../../src/evidence/markdown";
import { exampleWith, registryFrom, tempDir, TODAY } from "../support/workspace";
import { directoryWorkspace, snapshotWith } from "../support/directory-fixture";
import { auditedExample, contactsCli, synthInto, writeRegistry } from "./evidence-fixtures";

function evidenceOf(text: string) {
  const registry = registryFrom(text);
  const provenance = {
    registryFile: "contacts/registry.yaml",
    gitCommit: "unknown",
    gitState: "unknown" as const,
    generatedAt: "2026-11-23T08:00:00.000Z",
    source: "test",
    toolVersion: "0.0.0",
  };
  return buildEvidence({ evaluation: judgeRegistry(registry, { today: TODAY, rules: RULES }), mode: registry.policy.mode, provenance, registry });
}

describe("contact-evidence.csv", () => {
  test.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+1 206 555 0100", "'+1 206 555 0100"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    ["Finance, Billing", '"Finance, Billing"'],
    ["two\nlines", '"two\nlines"'],
    ["plain", "plain"],
  ])("a cell %j is written %j: never a formula, quoted as RFC 4180 says", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  test("one row per account and type, CRLF line ends; phones keep their + behind an apostrophe", () => {
    const csv = renderEvidenceCsv(evidenceOf(auditedExample()));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "account_id,account_name,ou,type,card,card_name,card_source,email,phone,people_reached,groups,groups_reviewed,result,rules_not_passing,exceptions",
    );
    expect(lines).toHaveLength(1 + 24 + 1);
    expect(lines[lines.length - 1]).toBe("");
    expect(lines).toContain(
      "333333333333,payments-dev,Workloads/Payments/Dev,SECURITY,dev-lead,Jane Doe,account,jane.doe@example.com,'+1 206 555 0101,Jane Doe,,,excepted,single-recipient: excepted,single-recipient until 2027-01-31: Development account: its lead answers until the team alias exists",
    );
  });

  test("a registry value that is a formula or holds commas and quotes stays one cell, as text", () => {
    const csv = renderEvidenceCsv(evidenceOf(exampleWith(["name: Payments On-call,", 'name: "=cmd|\' /C calc\'!A0, \\"x\\"",'])));
    expect(csv).toContain(`,payments-oncall,"'=cmd|' /C calc'!A0, ""x""",account,`);
  });
});

describe("contact-evidence.md", () => {
  test("the verdict and summary, then what warns and what is excepted, one item per root cause, the exceptions and the reviews due", () => {
    const markdown = renderEvidenceMarkdown(evidenceOf(auditedExample()));
    expect(markdown.split("\n").slice(0, 3)).toEqual([
      "# AWS account contacts: evidence (CIS AWS Foundations 1.1)",
      "",
      "**The registry passes the contact policy (enforce mode), with 1 warning.**",
    ]);
    expect(markdown).toContain("| 6 | 24 | 0 | 5 | 2 | 1 | 1 |");
    expect(markdown).toContain(
      "## Warnings (1)\n\n- warning stale-review email aws-ops@example.com goes to group platform-oncall, whose review (2025-12-10) expires in 17 days; affects OPERATIONS of 5 accounts",
    );
    expect(markdown).toMatch(
      /## Excepted \(2\)\n\n- excepted single-recipient 333333333333 \(payments-dev\) SECURITY email jane\.doe@example\.com .*\n- excepted single-recipient 333333333333 \(payments-dev\) SECURITY phone/,
    );
    expect(markdown).toContain(
      "## Exceptions (1)\n\n- <code>single-recipient</code> on <code>333333333333</code> SECURITY: until 2027-01-31 (69 days left): Development account: its lead answers until the team alias exists",
    );
    expect(markdown).toContain("## Group reviews due within 30 days (1)\n\n- <code>platform-oncall</code>: reviewed 2025-12-10, due 2026-12-10 (in 17 days)");
  });

  test("markup and Markdown in a registry value are escaped", () => {
    const markdown = renderEvidenceMarkdown(
      evidenceOf(
        auditedExample().replace("Development account: its lead answers until the team alias exists", "<script>alert(1)</script> **until** [the alias](x)"),
      ),
    );
    expect(markdown).toContain("&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*until\\*\\* \\[the alias\\](x)");
    expect(markdown).not.toContain("<script>");
  });
});

describe("the evidence of groups read from the company directory", () => {
  /** `contacts evidence` on the directory fixture (snapshot edited by `edit`): the CSV's lines and the Markdown. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function directoryEvidence(edit: (snapshot: any) => void = () => undefined) {
    const registry = directoryWorkspace(undefined, snapshotWith(edit));
    const run = await contactsCli(["evidence", "--registry", registry, "--output", "out"], path.dirname(registry));
    expect(run.stderr).toBe("");
    const out = path.join(path.dirname(registry), "out");
    return {
      csv: fs.readFileSync(path.join(out, "contact-evidence.csv"), "utf8").split("\r\n"),
      markdown: fs.readFileSync(path.join(out, "contact-evidence.md"), "utf8"),
    };
  }

  test("the CSV gives each row's group its source and read time, and every member's state with the directory's reason", async () => {
    const { csv } = await directoryEvidence();
    expect(csv[0].endsWith(",exceptions,groups_source,groups_members")).toBe(true);
    expect(csv.find((line) => line.includes(",SECURITY,"))).toMatch(
      /,"corp-ad, read 2026-11-22T06:00:00Z","Jane Doe: current, Omar Said: disabled \(userAccountControl has ACCOUNTDISABLE\)"$/,
    );
    // With policy.resolveAddressesIn the directory says who billing@ reaches, though the registry types a group for it.
    expect(csv.find((line) => line.includes(",BILLING,"))).toMatch(
      /,corp-ad:aws-billing@example\.com,.*,"corp-ad, read 2026-11-22T06:00:00Z","Jane Doe: current, Richard Roe: current"$/,
    );
  });

  test("the Markdown names the snapshot's read time per source and lists each group's members with their state, hostile names escaped", async () => {
    const { markdown } = await directoryEvidence((snapshot) => {
      const omar = snapshot.readings[0].resolutions[2].members[1];
      omar.displayName = "Omar <b>Said</b>";
      omar.state = "expired";
      omar.stateReason = "accountExpires 2026-11-01T00:00:00Z";
    });
    expect(markdown).toContain("| Directory corp-ad | ldap ldaps&#58;//dc1.corp.example, read 2026-11-22T06:00:00Z (the directory snapshot) |");
    expect(markdown).toContain(
      "## Group membership (4)\n\n- <code>cloud-security</code> from corp-ad, read 2026-11-22T06:00:00Z: Jane Doe: current, Omar &lt;b&gt;Said&lt;/b&gt;: expired (accountExpires 2026-11-01T00:00:00Z)",
    );
    expect(markdown).toContain(
      "- <code>corp-ad:aws-billing@example.com</code> from corp-ad, read 2026-11-22T06:00:00Z: Jane Doe: current, Richard Roe: current",
    );
  });

  test("a registry without directories keeps its columns and sections", () => {
    const evidence = evidenceOf(auditedExample());
    expect(evidence.directories).toBeUndefined();
    expect(evidence.groups.every((g) => g.source === undefined && g.people === undefined)).toBe(true);
    expect(renderEvidenceMarkdown(evidence)).not.toContain("Group membership");
  });
});

describe("synth writes the evidence beside its reports", () => {
  test("on every run: contact-evidence.html, .csv and .md next to contact-policy.json", () => {
    const outdir = tempDir("evidence-synth-");
    expect(synthInto(outdir, writeRegistry(auditedExample())).status).toBe(0);
    expect(
      fs
        .readdirSync(outdir)
        .filter((f) => f.startsWith("contact-"))
        .sort(),
    ).toEqual(["contact-evidence.csv", "contact-evidence.html", "contact-evidence.md", "contact-policy.json", "contact-policy.sarif"]);
    expect(fs.readFileSync(path.join(outdir, "contact-evidence.md"), "utf8")).toMatch(/^\| Generated \| .* by cdktf synth \(contacts /m);
  });

  test("a registry that does not load: the evidence says so and lists its errors, replacing an earlier run's", () => {
    const outdir = tempDir("evidence-synth-");
    expect(synthInto(outdir, writeRegistry(auditedExample())).status).toBe(0);
    const broken = synthInto(outdir, writeRegistry(exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"])));
    expect(broken.status).toBe(2);
    const markdown = fs.readFileSync(path.join(outdir, "contact-evidence.md"), "utf8");
    expect(markdown).toContain("**The registry does not load: 1 error; no contact was judged.**");
    expect(markdown).toMatch(/## Failing \(1\)\n\n- error registry-error .*unknown contact card "payments-sec"/);
    expect(fs.readFileSync(path.join(outdir, "contact-evidence.csv"), "utf8").split("\r\n")).toHaveLength(2);
  });
});
