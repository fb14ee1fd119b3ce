/**
 * The evidence page in a real browser (Debian's chromium, driven by playwright-core), opened from the file
 * as an auditor opens it: its numbers against the JSON report synth wrote beside it, filtering, sorting,
 * AWS's values from a drift file, registry values that try to run script, the print stylesheet, and the
 * screenshot in docs/evidence.md (regenerated with UPDATE_SCREENSHOTS=1). One browser for the whole file.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type { Page } from "playwright-core";
import { chromiumProblem, launchChromium, type HeadlessChromium } from "../../scripts/headless-chromium";
import { directoryWorkspace } from "../support/directory-fixture";
import { GitRepo } from "../support/git-repo";
import { describeWhenAvailable } from "../support/describe-when-available";
import { REPO_ROOT, tempDir } from "../support/workspace";
import { auditedExample, contactsCli, driftReport, INJECTED, injectedExample, synthInto, writeRegistry } from "./evidence-fixtures";

const SCREENSHOT = path.join(REPO_ROOT, "docs/evidence.png");

interface JsonReport {
  summary: { accounts: number; contacts: number; errors: number; warnings: number; excepted: number };
  contacts: { accountId: string; type: string; reaches: { email?: string[]; phone?: string[] } }[];
}

let chromium: HeadlessChromium;
let page: Page;
const pageErrors: string[] = [];

/** Opens an evidence page from its file and waits for its script to have built the table. */
async function open(file: string) {
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("html[data-ready]");
}
const count = (key: string) => page.locator(`[data-count="${key}"]`).innerText();
const rowsShown = async () => Number(await page.locator("#status").getAttribute("data-rows"));
const accountsOnPage = () => page.locator("#contacts-table tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-account")));
/** Types into the filter box and waits until the table shows its result (it applies after a pause in typing). */
async function filter(text: string) {
  await page.fill("#filter", text);
  await page.waitForSelector(`#status[data-filter="${text.toLowerCase()}"]`, { state: "attached" });
}

describeWhenAvailable("the evidence page in chromium", chromiumProblem(), () => {
  let synthOut: string;
  let report: JsonReport;

  beforeAll(async () => {
    synthOut = tempDir("evidence-synth-");
    expect(synthInto(synthOut, writeRegistry(auditedExample())).status).toBe(0);
    report = JSON.parse(fs.readFileSync(path.join(synthOut, "contact-policy.json"), "utf8"));
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));
  });
  afterAll(async () => {
    await chromium?.close();
  });
  beforeEach(() => pageErrors.splice(0));

  test("the summary shows the JSON report's numbers, and the table holds one row per contact it judged", async () => {
    await open(path.join(synthOut, "contact-evidence.html"));
    expect({
      accounts: Number(await count("accounts")),
      contacts: Number(await count("contacts")),
      errors: Number(await count("errors")),
      warnings: Number(await count("warnings")),
      excepted: Number(await count("excepted")),
    }).toEqual({ ...report.summary, accounts: report.summary.accounts, contacts: report.summary.contacts });
    expect(report.summary).toMatchObject({ accounts: 6, contacts: 24, errors: 0, warnings: 5, excepted: 2 });
    expect(await rowsShown()).toBe(report.contacts.length);
    expect(await page.locator("#contacts-table tbody tr").count()).toBe(report.contacts.length);
    expect({ exceptions: await count("exceptions"), reviewsDue: await count("reviews-due") }).toEqual({ exceptions: "1", reviewsDue: "1" });
    expect(await page.locator("#verdict").innerText()).toBe("The registry passes the contact policy (enforce mode), with 1 warning.");
    expect(pageErrors).toEqual([]);
  });

  test("filtering by an account id leaves that account's four contacts; by a person's name, the contacts that reach them", async () => {
    await open(path.join(synthOut, "contact-evidence.html"));
    await filter("222222222222");
    expect(await accountsOnPage()).toEqual(["222222222222", "222222222222", "222222222222", "222222222222"]);
    expect(await rowsShown()).toBe(4);

    await filter("Anita Patel");
    const reachingAnita = report.contacts.filter((c) => [...(c.reaches.email ?? []), ...(c.reaches.phone ?? [])].includes("Anita Patel"));
    expect(reachingAnita.length).toBeGreaterThan(0);
    expect(await rowsShown()).toBe(reachingAnita.length);
    expect((await accountsOnPage()).sort()).toEqual(reachingAnita.map((c) => c.accountId).sort());

    await filter("");
    expect(await rowsShown()).toBe(report.contacts.length);
  });

  test("a column sorts ascending, then descending; the rules column puts what needs attention first", async () => {
    await open(path.join(synthOut, "contact-evidence.html"));
    const header = (key: string) => page.locator(`#contacts-table th[data-key="${key}"]`);
    await header("account").locator("button").click();
    expect(await header("account").getAttribute("aria-sort")).toBe("ascending");
    expect((await accountsOnPage())[0]).toBe("111111111111");
    await header("account").locator("button").click();
    expect(await header("account").getAttribute("aria-sort")).toBe("descending");
    const descending = await accountsOnPage();
    expect(descending[0]).toBe("666666666666");
    expect(descending).toEqual([...descending].sort().reverse());

    await header("result").locator("button").click();
    const results = await page.locator("#contacts-table tbody tr td:nth-child(10) .badge").allInnerTexts();
    expect(results.slice(0, 6)).toEqual(["warn", "warn", "warn", "warn", "warn", "excepted"]);
    expect(results.slice(6).every((r) => r === "pass")).toBe(true);
  });

  test("who is reached: nested groups expanded, the accounts that depend on a group, and a person's blast radius", async () => {
    await open(path.join(synthOut, "contact-evidence.html"));
    const group = page.locator('details[data-group="secops-leads"]');
    await expect(group.locator("summary").innerText()).resolves.toContain("6 accounts depend on it");
    const cloudSecurity = page.locator('details[data-group="cloud-security"]');
    await cloudSecurity.locator("summary").click();
    // secops-leads, nested in cloud-security, is expanded to its members.
    await expect(cloudSecurity.locator(".tree .tree").innerText()).resolves.toMatch(/Omar Haddad[\s\S]*Li Chen/);
    // Its accounts are listed when it is opened.
    await cloudSecurity.locator("ul.compact li").first().waitFor();
    expect(await cloudSecurity.locator("ul.compact li").allInnerTexts()).toEqual([
      "111111111111 (management): SECURITY, PRIMARY",
      "222222222222 (payments-prod): PRIMARY",
      "333333333333 (payments-dev): PRIMARY",
      "444444444444 (data-platform): SECURITY, PRIMARY",
      "555555555555 (log-archive): SECURITY, PRIMARY",
      "666666666666 (audit): SECURITY, PRIMARY",
    ]);
    // Li Chen is one of finance's two current members: billing on every account rests on her.
    const li = page.locator('#people-table tr[data-person="lchen"]');
    await expect(li.locator("td").nth(5).innerText()).resolves.toMatch(/^7 contacts on 6 accounts\s+would reach fewer than 2 people$/);
    await li.locator("button").click();
    expect(await page.inputValue("#filter")).toBe("Li Chen");
  });

  test("a group read from the directory shows its source, the snapshot's read time and each member's state with the directory's reason", async () => {
    const registry = directoryWorkspace();
    const run = await contactsCli(["evidence", "--registry", registry, "--output", "out"], path.dirname(registry));
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
    await open(path.join(path.dirname(registry), "out/contact-evidence.html"));
    await expect(page.locator("dl.facts").innerText()).resolves.toContain(
      "Directory corp-ad\nldap ldaps://dc1.corp.example, read 2026-11-22T06:00:00Z (the directory snapshot)",
    );
    const sourced = page.locator('details[data-group="cloud-security"]');
    await expect(sourced.locator("summary").innerText()).resolves.toContain("from corp-ad, read 2026-11-22T06:00:00Z");
    await sourced.locator("summary").click();
    await expect(sourced.locator(".member-states > .sub").innerText()).resolves.toBe("Members in corp-ad at 2026-11-22T06:00:00Z");
    expect(await sourced.locator(".member-states li").allInnerTexts()).toEqual([
      "Jane Doe jane.doe@example.com current",
      "Omar Said omar.said@example.com disabled\nuserAccountControl has ACCOUNTDISABLE",
    ]);
    expect(await sourced.locator('.member-states li[data-state="disabled"] .badge.fail').innerText()).toBe("disabled");
    // A group with typed members says so, and shows each member's state as the registry has it.
    const typed = page.locator('details[data-group="finance"]');
    await expect(typed.locator("summary").innerText()).resolves.toContain("typed in the registry");
    await typed.locator("summary").click();
    expect(await typed.locator(".member-states li").allInnerTexts()).toEqual([
      "Jane Doe jane.doe@example.com current",
      "Richard Roe richard.roe@example.com current",
    ]);
    expect(pageErrors).toEqual([]);
  });

  test("with a drift file, each row shows what AWS holds and whether it matches, and when it was read; the header names the commit", async () => {
    const repo = new GitRepo().write("contacts/registry.yaml", auditedExample()).commit("the registry");
    repo.write(
      "drift.json",
      driftReport(
        [
          {
            accountId: "222222222222",
            accountName: "payments-prod",
            type: "SECURITY",
            kind: "different",
            card: "payments-security",
            fields: [{ field: "email", expected: "payments-sec@example.com", actual: "jane.doe@example.com" }],
          },
        ],
        auditedExample(),
      ),
    );
    const run = await contactsCli(["evidence", "--registry", "contacts/registry.yaml", "--drift", "drift.json", "--output", "out"], repo.dir);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
    const dir = repo.dir;
    await open(path.join(dir, "out/contact-evidence.html"));
    const facts = await page.locator("dl.facts").innerText();
    const sha256 = createHash("sha256")
      .update(fs.readFileSync(path.join(dir, "contacts/registry.yaml")))
      .digest("hex");
    expect(facts).toContain(
      `Registry\ncontacts/registry.yaml\nRegistry sha256\n${sha256}\nGit commit\n${repo.git("rev-parse", "HEAD").trim()} (the registry file as committed)`,
    );
    expect(facts).toContain("AWS read at\n2026-11-23T06:00:00.000Z, from drift.json (contacts drift --format json)");
    expect({ matching: await count("aws-matching"), differing: await count("aws-not-matching") }).toEqual({ matching: "23", differing: "1" });
    await page.selectOption("#result", "not-matching");
    expect(await accountsOnPage()).toEqual(["222222222222"]);
    await expect(page.locator("#contacts-table tbody tr td.aws").innerText()).resolves.toBe(
      // What AWS holds, then the policy's verdict on it: jane.doe@example.com reaches one person.
      "differs: email\nemail: jane.doe@example.com\npolicy: fail\nsingle-recipient: fail",
    );

    // The column an auditor comes for is in view on a 1,400 px screen, without scrolling sideways: its header and every cell.
    await page.selectOption("#result", "all");
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.evaluate('document.querySelector("#contacts").scrollIntoView(); document.querySelector(".table-wrap").scrollLeft = 0;');
    const at1400 = path.join(tempDir("evidence-1400-"), "evidence-1400.png");
    await page.screenshot({ path: at1400 });
    if (process.env.KEEP_SCREENSHOT) fs.copyFileSync(at1400, process.env.KEEP_SCREENSHOT);
    const layout = (await page.evaluate(`(() => {
      const wrap = document.querySelector(".table-wrap");
      const right = (el) => el.getBoundingClientRect().right;
      return {
        viewport: window.innerWidth,
        pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        tableScrolledSideways: wrap.scrollLeft,
        awsHeaderRight: right(document.querySelector('#contacts-table th[data-key="aws"]')),
        awsCellsRight: Math.max(...[...document.querySelectorAll("#contacts-table tbody td.aws")].map(right)),
      };
    })()`)) as { viewport: number; pageScrollsSideways: boolean; tableScrolledSideways: number; awsHeaderRight: number; awsCellsRight: number };
    // The table's later columns (people reached, groups, rules) may scroll; the page does not, and AWS's column needs neither.
    expect(layout).toMatchObject({ viewport: 1400, pageScrollsSideways: false, tableScrolledSideways: 0 });
    expect(layout.awsHeaderRight).toBeLessThanOrEqual(1400);
    expect(layout.awsCellsRight).toBeLessThanOrEqual(1400);

    // The picture in docs/evidence.md: what AWS holds otherwise first.
    await page.selectOption("#result", "all");
    await page.locator('#contacts-table th[data-key="aws"] button').click();
    const target = process.env.UPDATE_SCREENSHOTS === "1" ? SCREENSHOT : path.join(tempDir("evidence-screenshot-"), "evidence.png");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await page.setViewportSize({ width: 1680, height: 1150 });
    await page.evaluate('window.scrollTo(0, 0); document.querySelector(".table-wrap").scrollLeft = 0;');
    await page.screenshot({ path: target });
    expect(fs.statSync(target).size).toBeGreaterThan(10_000);
  });

  test("registry values that are script or markup show as text and never run", async () => {
    const out = tempDir("evidence-injected-");
    expect(synthInto(out, writeRegistry(injectedExample())).status).toBe(0);
    await open(path.join(out, "contact-evidence.html"));
    const table = await page.locator("#contacts-table tbody").innerText();
    expect(table).toContain(INJECTED.cardName);
    expect(table).toContain(INJECTED.otherCardName);
    expect(table).toContain(INJECTED.personName);
    await expect(page.locator('details[data-group="cloud-security"] summary').innerText()).resolves.toContain(INJECTED.groupName);
    await page.locator('details[data-group="cloud-security"] summary').click();
    expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
    // Only the page's own two script elements, no element made from a value.
    expect(await page.locator("script").count()).toBe(2);
    expect(await page.locator("img, i").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test("what AWS holds is hostile too: markup in AWS's values shows as text, never runs, and fails the policy in red", async () => {
    const hostile = "<img src=x onerror=window.pwned=4>@example.com";
    const repo = new GitRepo().write("contacts/registry.yaml", auditedExample()).commit("the registry");
    const changed = { accountId: "444444444444", accountName: "data-platform", type: "SECURITY", kind: "different", card: "security" };
    repo.write(
      "drift.json",
      driftReport([{ ...changed, fields: [{ field: "email", expected: "aws-security@example.com", actual: hostile }] }], auditedExample()),
    );
    const run = await contactsCli(["evidence", "--registry", "contacts/registry.yaml", "--drift", "drift.json", "--output", "out"], repo.dir);
    expect(run.status).toBe(1);
    await open(path.join(repo.dir, "out/contact-evidence.html"));
    await expect(page.locator("#verdict").getAttribute("data-verdict")).resolves.toBe("pass");
    await expect(page.locator("#live-verdict").getAttribute("data-verdict")).resolves.toBe("fail");
    // Red: the stylesheet's --fail, #b3261e.
    expect(await page.evaluate('getComputedStyle(document.querySelector("#live-verdict")).color')).toBe("rgb(179, 38, 30)");
    await page.selectOption("#result", "aws-fail");
    expect(await accountsOnPage()).toEqual(["444444444444"]);
    await expect(page.locator("#contacts-table tbody tr td.aws").innerText()).resolves.toContain(`email: ${hostile}`);
    expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
    expect(await page.locator("img, i").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test("printing hides the controls and keeps the header, the summary and the rows", async () => {
    await open(path.join(synthOut, "contact-evidence.html"));
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator(".controls").isVisible()).toBe(false);
      expect(await page.locator(".pager").isVisible()).toBe(false);
      expect(await page.locator("#verdict").isVisible()).toBe(true);
      expect(await page.locator("#contacts-table tbody tr").first().isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });
});
