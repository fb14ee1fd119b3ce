import { code, plain } from "../reports/markdown";
import type { RootCause } from "../engine/root-causes";
import { formatRootCause } from "../reports/format-finding";
import type { Evidence } from "./evidence";
import { memberText, sourceText } from "./group-membership";
import { exceptionTerm, headerFacts, liveVerdictText, reviewTerm, verdictText } from "./wording";

/** Items listed per section before the rest is left to the CSV and the JSON report: a ticket stays readable. */
const LISTED = 50;

/**
 * For a ticket or an audit request: the header facts, the summary, then what fails, warns and is excepted
 * (one item per root cause, with the accounts it affects), the exceptions and their expiry, the group
 * reviews due, and with AWS read, the contacts that do not match. Registry values are escaped: neither
 * markup nor Markdown in a value changes the document.
 */
export function renderEvidenceMarkdown(evidence: Evidence): string {
  const { summary } = evidence;
  const out: string[] = ["# AWS account contacts: evidence (CIS AWS Foundations 1.1)", "", `**${plain(verdictText(evidence))}**`, ""];
  const live = liveVerdictText(evidence);
  if (live) out.push(`**${plain(live)}**`, "");
  out.push("| | |", "|---|---|");
  for (const [label, value] of headerFacts(evidence)) out.push(`| ${label} | ${plain(value)} |`);
  out.push(
    "",
    "## Summary",
    "",
    "| accounts | contacts | errors | warnings | excepted | exceptions | group reviews due within 30 days |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    `| ${summary.accounts} | ${summary.contacts} | ${summary.errors} | ${summary.warnings} | ${summary.excepted} | ${summary.exceptions.length} | ${summary.reviewsDue.length} |`,
  );
  const byLevel = (level: RootCause["level"]) => evidence.rootCauses.filter((c) => c.level === level);
  section(out, { title: "Failing", items: byLevel("error"), render: (c) => plain(formatRootCause(c)), allIn: "contact-policy.json" });
  section(out, { title: "Warnings", items: byLevel("warning"), render: (c) => plain(formatRootCause(c)), allIn: "contact-policy.json" });
  section(out, {
    title: "Excepted",
    items: byLevel("excepted"),
    render: (c) => `${plain(formatRootCause(c))}${exceptedBecause(c)}`,
    allIn: "contact-policy.json",
  });
  section(out, {
    title: "Exceptions",
    items: summary.exceptions,
    render: (e) => `${code(e.rule)} on ${code(e.account)} ${e.type}: ${exceptionTerm(e)}: ${plain(e.reason)}`,
    allIn: "the registry",
  });
  section(out, {
    title: "Group reviews due within 30 days",
    items: summary.reviewsDue,
    render: (r) => `${code(r.group)}: ${reviewTerm(r)}`,
    allIn: "the registry",
  });
  if (evidence.directories) {
    // Sourced groups first: their members are what the directory said, which is what an auditor checks.
    const groups = [...evidence.groups].sort((a, b) => Number(a.source === "registry") - Number(b.source === "registry"));
    section(out, {
      title: "Group membership",
      items: groups,
      render: (g) => `${code(g.id)} from ${plain(sourceText(g))}: ${(g.people ?? []).map((m) => plain(memberText(m))).join(", ") || "nobody"}`,
      allIn: "contact-evidence.csv",
    });
  }
  if (evidence.live) {
    const differing = evidence.rows.filter((row) => row.live && row.live.status !== "matches");
    section(out, {
      title: "Not as the registry says in AWS",
      items: differing,
      render: ({ account, contact, live }) =>
        `${code(account.id)}${account.name ? ` (${plain(account.name)})` : ""} ${contact.type ?? ""}: ${live!.status}${live!.fields.length ? ` (${live!.fields.join(", ")})` : ""}${live!.note ? `: ${plain(live!.note)}` : ""}`,
      allIn: "contact-evidence.csv",
    });
    const failing = evidence.rows.filter((row) => row.live?.result === "fail");
    section(out, {
      title: "Failing in AWS now",
      items: failing,
      render: ({ account, contact, live }) =>
        `${code(account.id)}${account.name ? ` (${plain(account.name)})` : ""} ${contact.type ?? ""}${live!.held?.email ? ` ${code(live!.held.email)}` : ""}: ${live!.rules!.map((r) => `${code(r.rule)} ${r.result}`).join(", ")}`,
      allIn: "contact-evidence.csv",
    });
  }
  return `${out.join("\n")}\n`;
}

/** A section of at most LISTED items, then one line saying where all of them are (`allIn`). */
function section<T>(out: string[], { title, items, render, allIn }: { title: string; items: readonly T[]; render: (item: T) => string; allIn: string }): void {
  if (items.length === 0) return;
  out.push("", `## ${title} (${items.length})`, "");
  for (const item of items.slice(0, LISTED)) out.push(`- ${render(item)}`);
  if (items.length > LISTED) out.push(`- … and ${items.length - LISTED} more: all of them in ${allIn}`);
}

function exceptedBecause(cause: RootCause): string {
  // A cause of one finding reads as that finding, which names its exception already.
  if (cause.findings.length === 1) return "";
  const reasons = [...new Set(cause.findings.flatMap((f) => (f.excepted ? [`until ${f.excepted.expires}: ${f.excepted.reason}`] : [])))];
  return reasons.length ? ` Excepted ${plain(reasons.join("; "))}.` : "";
}
