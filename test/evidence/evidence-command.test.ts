/**
 * `contacts evidence` as a user runs it: on the example registry, with bad input, and with what AWS holds,
 * read live (--live, through the real AWS SDK against the local stand-in) or from `contacts drift --format json`.
 */
import * as fs from "fs";
import * as path from "path";
import type { AccountApi } from "../support/account-api";
import { awsEnvironmentFor, environmentWithoutAws } from "../support/aws-env";
import { CARDS, HQ, startExampleOrganization } from "../support/example-organization";
import { runContacts } from "../support/run-contacts";
import { EXAMPLE_REGISTRY, exampleWith, tempDir, TODAY } from "../support/workspace";
import { contactsCli, writeRegistry } from "./evidence-fixtures";

const FILES = ["contact-evidence.csv", "contact-evidence.html", "contact-evidence.md"];

/** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    record.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) cell += ch;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endCell();
      records.push(record);
      record = [];
      i++;
    } else cell += ch;
  }
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, k) => [name, row[k]])));
}

const rowOf = (rows: Record<string, string>[], account: string, type: string) => rows.find((r) => r.account_id === account && r.type === type)!;

describe("contacts evidence", () => {
  test("on the example registry: the three files, a summary line, exit 0", async () => {
    const cwd = tempDir("evidence-cli-");
    const run = await contactsCli(["evidence", "--registry", EXAMPLE_REGISTRY], cwd);
    expect(run).toEqual({
      status: 0,
      stdout:
        "Evidence: evidence/contact-evidence.html, evidence/contact-evidence.csv, evidence/contact-evidence.md\n" +
        "6 accounts, 24 contacts. The registry passes the contact policy (enforce mode).\n",
      stderr: "",
    });
    expect(fs.readdirSync(path.join(cwd, "evidence")).sort()).toEqual(FILES);
    const rows = parseCsv(fs.readFileSync(path.join(cwd, "evidence/contact-evidence.csv"), "utf8"));
    expect(rows).toHaveLength(24);
    expect(rowOf(rows, "222222222222", "SECURITY")).toMatchObject({
      card: "payments-security",
      card_source: "OU Workloads/Payments",
      phone: "'+1 206 555 0130",
    });
  });

  test("a registry that fails the policy: the files are written, exit 1", async () => {
    const cwd = tempDir("evidence-cli-");
    const registry = writeRegistry(exampleWith(["email: payments-sec@example.com,    phone", "email: jane.doe@example.com,       phone"]));
    const run = await contactsCli(["evidence", "--registry", registry, "--output", "out"], cwd);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("The registry fails the contact policy: 1 error (enforce mode: synthesis writes no Terraform configuration).");
    expect(fs.readdirSync(path.join(cwd, "out")).sort()).toEqual(FILES);
    expect(fs.readFileSync(path.join(cwd, "out/contact-evidence.md"), "utf8")).toContain(
      "## Failing (1)\n\n- error single-recipient email jane.doe@example.com",
    );
  });

  test.each([
    [["--live", "--drift", "drift.json"], "contacts evidence: --live and --drift both say where AWS's contacts come from. Fix: give one of them."],
    [
      ["--drift", "drift.json"],
      "contacts evidence: --drift drift.json is not JSON. Fix: write it with `npx contacts drift --format json > drift.json` (exit status 1, drift, still writes it).",
    ],
    [
      ["--drift", "missing.json"],
      "contacts evidence: --drift missing.json cannot be read (ENOENT). Fix: write it with `npx contacts drift --format json > missing.json` (exit status 1, drift, still writes it).",
    ],
    [["--live", "--concurrency", "40"], /^contacts evidence: --concurrency 40 is not a whole number from 1 to 15/],
  ])("bad input %j: one line, exit 2, nothing written", async (args, message) => {
    const cwd = tempDir("evidence-cli-");
    fs.writeFileSync(path.join(cwd, "drift.json"), "drift: not json\n");
    const run = await contactsCli(["evidence", "--registry", EXAMPLE_REGISTRY, "--output", "out", ...args], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([typeof message === "string" ? message : expect.stringMatching(message)]);
    expect(fs.existsSync(path.join(cwd, "out"))).toBe(false);
  });

  test("an evidence file that is the registry under another name, or a device, is refused before anything is written", async () => {
    const cwd = tempDir("evidence-cli-");
    const registry = path.join(cwd, "registry.yaml");
    fs.writeFileSync(registry, exampleWith());
    fs.mkdirSync(path.join(cwd, "out"));
    fs.symlinkSync(registry, path.join(cwd, "out/contact-evidence.md"));
    const overRegistry = await contactsCli(["evidence", "--registry", registry, "--output", "out"], cwd);
    expect([overRegistry.status, overRegistry.stderr]).toEqual([
      2,
      `contacts evidence: --output out/contact-evidence.md is the contacts registry this command reads (as ${registry}), and writing the report there would destroy it; nothing was written. Fix: write the report to another file.\n`,
    ]);
    expect(fs.readFileSync(registry, "utf8")).toBe(exampleWith());
    fs.rmSync(path.join(cwd, "out/contact-evidence.md"));
    fs.symlinkSync("/dev/null", path.join(cwd, "out/contact-evidence.csv"));
    const overDevice = await contactsCli(["evidence", "--registry", registry, "--output", "out"], cwd);
    expect(overDevice.status).toBe(2);
    expect(overDevice.stderr).toMatch(
      /^contacts evidence: --output out\/contact-evidence\.csv is a symbolic link to a device, not a file; nothing was written\./,
    );
    expect(fs.readdirSync(path.join(cwd, "out"))).toEqual(["contact-evidence.csv"]);
  });

  test("a registry that does not load: its errors, exit 2, nothing written", async () => {
    const cwd = tempDir("evidence-cli-");
    const registry = writeRegistry(exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"]));
    const run = await contactsCli(["evidence", "--registry", registry, "--output", "out"], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^The contacts registry .*registry\.yaml has 1 error; no evidence was written:\n .*unknown contact card "payments-sec"/);
    expect(fs.existsSync(path.join(cwd, "out"))).toBe(false);
  });
});

describe("contacts evidence with what AWS holds (the stand-in, through the AWS SDK)", () => {
  let api: AccountApi;
  let cwd: string;
  const env = () => ({ ...environmentWithoutAws(), ...awsEnvironmentFor(api.url) });
  const evidence = (args: string[]) => runContacts(["evidence", ...args], { cwd, env: env() });
  const csvIn = (folder: string) => parseCsv(fs.readFileSync(path.join(cwd, folder, "contact-evidence.csv"), "utf8"));

  beforeAll(async () => {
    api = await startExampleOrganization();
    cwd = tempDir("evidence-live-");
    // The registry as `contacts import` writes it from the stand-in: AWS and the registry agree but for the contacts AWS never had.
    expect((await runContacts(["import"], { cwd, env: env() })).status).toBe(0);
    api.seedAlternateContact("444444444444", "SECURITY", { ...CARDS.cloudSecurity, EmailAddress: "changed-in-console@example.com" });
  });
  beforeEach(() => api.clearFaults());
  afterAll(async () => {
    await api.stop();
  });

  test("--live: a contact changed in AWS shows as not matching, with what AWS holds and the time it was read", async () => {
    const before = new Date().toISOString();
    const run = await evidence(["--live", "--output", "live"]);
    const after = new Date().toISOString();
    expect(run.status).toBe(1);
    const rows = csvIn("live");
    const changed = rowOf(rows, "444444444444", "SECURITY");
    expect(changed).toMatchObject({
      email: "aws-security@example.com",
      aws_status: "differs",
      aws_fields_differing: "email",
      aws_email: "changed-in-console@example.com",
    });
    expect(changed.aws_read_at >= before && changed.aws_read_at <= after).toBe(true);
    expect(rowOf(rows, "555555555555", "SECURITY")).toMatchObject({ aws_status: "matches", aws_email: "aws-security@example.com" });
    // contacts import left the management account's unset contacts to the default card: the registry sets them, AWS does not.
    expect(rowOf(rows, "111111111111", "OPERATIONS")).toMatchObject({ aws_status: "missing", aws_email: "" });
    expect(run.stdout).toMatch(
      new RegExp(`AWS \\(${changed.aws_read_at.replace(/[.]/g, "\\.")}\\): \\d+ match, 7 differ\\. What AWS holds now fails the contact policy: `),
    );
    expect(fs.readFileSync(path.join(cwd, "live/contact-evidence.md"), "utf8")).toContain(
      "- <code>444444444444</code> (data-platform) SECURITY: differs (email)",
    );
    expect(fs.readFileSync(path.join(cwd, "live/contact-evidence.html"), "utf8")).toContain(
      `<dt>AWS read at</dt><dd>${changed.aws_read_at}, from AWS Account Management`,
    );
  });

  test("--drift with the output of contacts drift --format json: the same rows as --live, at the time drift read them", async () => {
    const drift = await runContacts(["drift", "--format", "json"], { cwd, env: env() });
    expect(drift.status).toBe(1);
    fs.writeFileSync(path.join(cwd, "drift.json"), drift.stdout);
    const run = await evidence(["--drift", "drift.json", "--output", "from-drift"]);
    expect(run.status).toBe(1);
    const aws = (rows: Record<string, string>[]) => rows.map((r) => [r.account_id, r.type, r.aws_status, r.aws_fields_differing, r.aws_email].join(" "));
    const fromDrift = csvIn("from-drift");
    expect(aws(fromDrift)).toEqual(aws(csvIn("live")));
    expect(new Set(fromDrift.map((r) => r.aws_read_at))).toEqual(new Set([JSON.parse(drift.stdout).readAt]));

    // The registry changed since: the drift file compared another, so none of its rows is taken for a match.
    const registry = path.join(cwd, "contacts/registry.yaml");
    const text = fs.readFileSync(registry, "utf8");
    try {
      fs.writeFileSync(registry, `${text}# edited after drift ran\n`);
      expect((await evidence(["--drift", "drift.json", "--output", "changed"])).status).toBe(0);
      expect(new Set(csvIn("changed").map((r) => r.aws_status))).toEqual(new Set(["unknown"]));
    } finally {
      fs.writeFileSync(registry, text);
    }
  });

  test("--live with an account AWS refuses: its rows say not read, an error line, exit 2, the files written", async () => {
    api.setFaults({ denied: { accounts: ["777777777777"] } });
    const run = await evidence(["--live", "--output", "denied"]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n").filter((line) => line.startsWith("error:"))).toEqual([
      expect.stringMatching(
        /^error: could not read 1 account\(s\), 777777777777 \(AccessDeniedException: .*\); the rows of what could not be read say not read\.$/,
      ),
    ]);
    const rows = csvIn("denied").filter((r) => r.account_id === "777777777777");
    expect(rows.map((r) => r.aws_status)).toEqual(["not-read", "not-read", "not-read", "not-read"]);
  });
});

describe("contacts evidence --live judges what AWS holds, apart from the registry", () => {
  let api: AccountApi;
  let cwd: string;
  // The example registry passes; the stand-in serves its accounts, each holding what the registry says.
  const env = () => ({ ...environmentWithoutAws(), ...awsEnvironmentFor(api.url), CONTACTS_TODAY: TODAY });
  const evidence = (output: string) => runContacts(["evidence", "--registry", EXAMPLE_REGISTRY, "--live", "--output", output], { cwd, env: env() });
  const read = (output: string, file: string) => fs.readFileSync(path.join(cwd, output, file), "utf8");

  beforeAll(async () => {
    api = await startExampleOrganization();
    cwd = tempDir("evidence-live-verdict-");
    // What the example organization lacks or holds otherwise than the example registry says.
    api.seedAlternateContact("111111111111", "BILLING", CARDS.finance);
    api.seedAlternateContact("111111111111", "OPERATIONS", CARDS.platformOncall);
    api.seedAlternateContact("666666666666", "OPERATIONS", CARDS.platformOncall);
    api.seedContactInformation("666666666666", HQ);
  });
  afterAll(async () => {
    await api.stop();
  });

  test("AWS holds what the registry says: both verdicts pass, every live row passes, exit 0", async () => {
    const run = await evidence("in-sync");
    expect(run.stdout).toMatch(
      /The registry passes the contact policy \(enforce mode\)\. AWS \(.*\): 24 match, 0 differ\. What AWS holds now passes the contact policy \(24 contacts judged\)\.\n$/,
    );
    expect(run.status).toBe(0);
    expect(new Set(parseCsv(read("in-sync", "contact-evidence.csv")).map((r) => r.aws_result))).toEqual(new Set(["pass"]));
    expect(read("in-sync", "contact-evidence.html")).toContain(
      '<div class="verdict pass" id="live-verdict" data-verdict="pass">What AWS holds now passes the contact policy (24 contacts judged).</div>',
    );
  });

  test("a SECURITY contact changed in the console, a BILLING contact deleted: the registry's verdict stays green, AWS's is red, exit 1", async () => {
    api.seedAlternateContact("444444444444", "SECURITY", { ...CARDS.cloudSecurity, EmailAddress: "jane.doe@corp.example" });
    api.unseedAlternateContact("555555555555", "BILLING");
    const run = await evidence("changed");
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /The registry passes the contact policy \(enforce mode\)\. AWS \(.*\): 22 match, 2 differ\. What AWS holds now fails the contact policy: 2 contacts fail, 1 of them required and not in AWS \(23 contacts judged\)\.\n$/,
    );

    const rows = parseCsv(read("changed", "contact-evidence.csv"));
    // The registry's row passes: its card is fine. What AWS holds in its place does not.
    expect(rowOf(rows, "444444444444", "SECURITY")).toMatchObject({
      result: "pass",
      aws_status: "differs",
      aws_email: "jane.doe@corp.example",
      aws_result: "fail",
      aws_rules_not_passing: "unlisted-address: fail; email-domain: fail",
    });
    // Deleted in AWS: the account lacks a required contact, whatever the registry says.
    expect(rowOf(rows, "555555555555", "BILLING")).toMatchObject({
      result: "pass",
      aws_status: "missing",
      aws_result: "fail",
      aws_rules_not_passing: "missing-contact: fail",
    });
    expect(rows.filter((r) => r.aws_result === "fail")).toHaveLength(2);

    const html = read("changed", "contact-evidence.html");
    expect(html).toContain('<div class="verdict pass" id="verdict" data-verdict="pass">The registry passes the contact policy (enforce mode).</div>');
    expect(html).toContain(
      '<div class="verdict fail" id="live-verdict" data-verdict="fail">What AWS holds now fails the contact policy: 2 contacts fail, 1 of them required and not in AWS (23 contacts judged).</div>',
    );
    expect(html).toMatch(/<dt>Fail in AWS now<\/dt><dd data-count="aws-failing">2<\/dd>/);
    const data = JSON.parse(/<script type="application\/json" id="evidence-data">(.*?)<\/script>/s.exec(html)![1]);
    expect(data.liveVerdict).toMatchObject({ success: false, mode: "enforce", failing: 2, lacking: 1, contacts: 23 });

    const markdown = read("changed", "contact-evidence.md");
    expect(markdown).toContain("**What AWS holds now fails the contact policy: 2 contacts fail, 1 of them required and not in AWS (23 contacts judged).**");
    expect(markdown).toContain(
      "## Failing in AWS now (2)\n\n- <code>444444444444</code> (data-platform) SECURITY <code>jane.doe@corp.example</code>: <code>unlisted-address</code> fail, <code>email-domain</code> fail\n- <code>555555555555</code> (log-archive) BILLING: <code>missing-contact</code> fail",
    );
  });
});
