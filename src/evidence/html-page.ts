import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { formatRootCause } from "../reports/format-finding";
import { notAsRegistered, type Evidence } from "./evidence";
import { pageData, scriptSafeJson } from "./page-data";
import { count, exceptionTerm, headerFacts, liveVerdictText, reviewTerm, thousands, verdictText } from "./wording";

/** Root causes listed on the page itself (and so in its print); the JSON report has them all. */
const CAUSES_SHOWN = 20;

const COLUMNS: [key: string, label: string][] = [
  ["account", "Account"],
  ["name", "Name"],
  ["ou", "OU"],
  ["type", "Type"],
  ["card", "Card"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["reaches", "People reached"],
  ["group", "Group (reviewed)"],
  ["result", "Rules"],
  ["exception", "Exception"],
];

let assets: { css: string; script: string; scriptHash: string } | undefined;

/** The stylesheet and script, read once; the script's hash is the only script the page's policy allows. */
function pageAssets() {
  if (!assets) {
    const folder = path.join(__dirname, "page");
    const script = fs.readFileSync(path.join(folder, "evidence-page.js"), "utf8");
    assets = {
      css: fs.readFileSync(path.join(folder, "evidence-page.css"), "utf8"),
      script,
      scriptHash: createHash("sha256").update(script).digest("base64"),
    };
  }
  return assets;
}

/**
 * One self-contained page: inline stylesheet and script, the data as JSON in a script element that is
 * not executed, and a Content-Security-Policy that allows no network and no script but its own (by hash),
 * so a value that slipped past the escaping still could not run. The header and summary are plain HTML,
 * readable and printable as they are; the script builds the table and the view of who is reached.
 */
export function renderEvidenceHtml(evidence: Evidence): string {
  const { css, script, scriptHash } = pageAssets();
  const { summary, verdict } = evidence;
  const verdictClass = evidence.verdict.success ? "pass" : verdict.mode === "warn" && !evidence.registryDidNotLoad ? "warn" : "fail";
  const management = evidence.organization.management;
  const title = `Contact evidence${management ? `: ${management.name ?? management.id}` : ""}`;
  const numbers: [string, string, number][] = [
    ["accounts", "Accounts", summary.accounts],
    ["contacts", "Contacts", summary.contacts],
    ["errors", "Error findings", summary.errors],
    ["warnings", "Warning findings", summary.warnings],
    ["excepted", "Excepted findings", summary.excepted],
    ["exceptions", "Exceptions", summary.exceptions.length],
    ["reviews-due", "Group reviews due in 30 days", summary.reviewsDue.length],
  ];
  if (summary.live) {
    numbers.push(["aws-matching", "Match AWS", summary.live.matches]);
    numbers.push(["aws-not-matching", "Differ in AWS", notAsRegistered(summary.live)]);
    numbers.push(["aws-not-read", "Not read", summary.live["not-read"] + summary.live.unknown]);
  }
  if (evidence.liveVerdict) numbers.push(["aws-failing", "Fail in AWS now", evidence.liveVerdict.failing]);
  const causes = evidence.rootCauses.filter((c) => c.level !== "excepted");
  // "In AWS now" beside the registry's email and phone, which it is compared with: in view on a 1,400 px screen.
  const phone = COLUMNS.findIndex(([key]) => key === "phone") + 1;
  const columns: [string, string][] = evidence.live ? [...COLUMNS.slice(0, phone), ["aws", "In AWS now"], ...COLUMNS.slice(phone)] : COLUMNS;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title>
<style>
${css}</style>
</head>
<body>
<header>
<h1>AWS account contacts: evidence</h1>
<div class="sub">CIS AWS Foundations 1.1: maintain current contact details</div>
<div class="verdict ${verdictClass}" id="verdict" data-verdict="${verdictClass}">${escapeHtml(verdictText(evidence))}</div>
${liveVerdict(evidence)}<dl class="facts">
${headerFacts(evidence)
  .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
  .join("\n")}
</dl>
</header>
<section id="summary">
<h2>Summary</h2>
<dl class="numbers">
${numbers.map(([key, label, n]) => `<div><dt>${label}</dt><dd data-count="${key}">${thousands(n)}</dd></div>`).join("\n")}
</dl>
<p class="sub">Findings count one per account and type, as contact-policy.json does; below, each root cause once.</p>
${list(
  "Root causes",
  causes.slice(0, CAUSES_SHOWN).map(formatRootCause),
  causes.length > CAUSES_SHOWN ? `… and ${count(causes.length - CAUSES_SHOWN, "more root cause")}: contact-policy.json has them all.` : undefined,
)}
${list(
  "Exceptions",
  summary.exceptions.map((e) => `${e.rule} on ${e.account} ${e.type} ${exceptionTerm(e)}: ${e.reason}`),
)}
${list(
  "Group reviews due within 30 days",
  summary.reviewsDue.map((r) => `${r.group}: ${reviewTerm(r)}`),
)}
</section>
<section id="contacts">
<h2>Contacts by account and type</h2>
<div class="controls">
<label>Filter <input type="search" id="filter" placeholder="account id, name, OU, person, email, card, group, rule…" autocomplete="off"></label>
<label>Show <select id="result"><option value="all">all rows</option><option value="fail">failing</option><option value="warn">warnings</option><option value="excepted">excepted</option><option value="pass">passing</option>${evidence.live ? '<option value="not-matching">not matching AWS</option><option value="aws-fail">failing in AWS now</option>' : ""}</select></label>
<label>Rows per page <select id="page-size"><option>25</option><option selected>100</option><option>500</option></select></label>
<span id="status" aria-live="polite"></span>
</div>
<div class="table-wrap"><table id="contacts-table">
<thead><tr>${columns.map(([key, label]) => `<th data-key="${key}" scope="col"><button type="button">${label}</button></th>`).join("")}</tr></thead>
<tbody></tbody>
</table></div>
<div class="pager"><button type="button" id="prev">Previous</button><span id="page-info"></span><button type="button" id="next">Next</button></div>
<p class="print-only" id="print-note"></p>
<noscript><p>The table and the view of who is reached need JavaScript; contact-evidence.csv holds every row.</p></noscript>
</section>
<section id="reach">
<h2>Who is reached</h2>
<p class="sub no-print">Groups by the number of accounts that depend on them (nested groups expanded); open one to see its accounts. People by the contacts their leaving would leave with fewer than ${evidence.policy.minRecipients} current people: the blast radius of one departure. A name filters the table.</p>
<div class="groups" id="groups"></div>
<div class="table-wrap"><table id="people-table">
<thead><tr><th scope="col">Person</th><th scope="col">Email / phone</th><th scope="col">Status</th><th scope="col">Groups</th><th scope="col">Contacts reaching them</th><th scope="col">If they left</th></tr></thead>
<tbody></tbody>
</table></div>
</section>
<script type="application/json" id="evidence-data">${scriptSafeJson(pageData(evidence))}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** The verdict on what AWS holds now, below the registry's: red when a contact AWS holds fails, in either mode. */
function liveVerdict(evidence: Evidence): string {
  const text = liveVerdictText(evidence);
  if (!text || !evidence.liveVerdict) return "";
  const verdictClass = evidence.liveVerdict.contacts === 0 ? "warn" : evidence.liveVerdict.success ? "pass" : "fail";
  return `<div class="verdict ${verdictClass}" id="live-verdict" data-verdict="${verdictClass}">${escapeHtml(text)}</div>\n`;
}

function list(title: string, items: readonly string[], more?: string): string {
  if (items.length === 0) return "";
  const lines = items.map((item) => `<li>${escapeHtml(item)}</li>`);
  if (more) lines.push(`<li>${escapeHtml(more)}</li>`);
  return `<h3>${escapeHtml(title)}</h3>\n<ul class="compact">\n${lines.join("\n")}\n</ul>`;
}

/** Text for an element or a quoted attribute: no value from the registry becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
