import type { Evidence, ExceptionEvidence, ReviewDue } from "./evidence";

/** The verdict in one sentence, as the page's header and the Markdown's first line say it. */
export function verdictText(evidence: Evidence): string {
  const { summary, verdict } = evidence;
  // Root causes, as synth's summary line counts them; the summary's numbers count findings, as the JSON report does.
  const causes = summary.rootCauses;
  if (evidence.registryDidNotLoad) return `The registry does not load: ${count(summary.errors, "error")}; no contact was judged.`;
  const warnings = causes.warnings ? `, with ${count(causes.warnings, "warning")}` : "";
  if (verdict.success) return `The registry passes the contact policy (${verdict.mode} mode)${warnings}.`;
  if (verdict.mode === "warn") return `The registry fails the contact policy: ${count(causes.errors, "error")}${warnings}, not enforced (warn mode).`;
  return `The registry fails the contact policy: ${count(causes.errors, "error")}${warnings} (enforce mode: synthesis writes no Terraform configuration).`;
}

/**
 * The verdict on what AWS holds now, in one sentence, apart from the registry's: the page, the Markdown and the
 * command's summary line say it. Undefined without AWS's values.
 */
export function liveVerdictText(evidence: Evidence): string | undefined {
  const verdict = evidence.liveVerdict;
  if (!verdict) return undefined;
  const unknown = evidence.summary.live ? evidence.summary.live["not-read"] + evidence.summary.live.unknown : 0;
  const judged = `${count(verdict.contacts, "contact")} judged${unknown ? `, ${thousands(unknown)} not known` : ""}`;
  // Root causes, as the registry's sentence counts them.
  const warnings = verdict.rootCauses.warnings ? `, with ${count(verdict.rootCauses.warnings, "warning")}` : "";
  // Nothing read is nothing vouched for: never a green "passes" over contacts nobody looked at.
  if (verdict.contacts === 0) return `What AWS holds now was not judged: no contact of it was read${unknown ? ` (${thousands(unknown)} not known)` : ""}.`;
  if (verdict.success) return `What AWS holds now passes the contact policy${unknown ? " for the contacts read" : ""} (${judged})${warnings}.`;
  const enforced = verdict.mode === "warn" ? ", not enforced (warn mode)" : "";
  const lacking = verdict.lacking ? `, ${thousands(verdict.lacking)} of them required and not in AWS` : "";
  return `What AWS holds now fails the contact policy: ${count(verdict.failing, "contact")} ${verdict.failing === 1 ? "fails" : "fail"}${lacking} (${judged})${warnings}${enforced}.`;
}

/** The facts an auditor checks first, label and value, in the order the page and the Markdown show them. */
export function headerFacts(evidence: Evidence): [label: string, value: string][] {
  const { provenance, organization, verdict, live, directories } = evidence;
  const management = organization.management;
  const facts: [string, string][] = [
    [
      "Organization",
      `${management ? `management account ${management.id}${management.name ? ` (${management.name})` : ""}` : "no management account in the registry"}; ${count(organization.accounts, "account")} in the registry`,
    ],
    ["Registry", provenance.registryFile],
    ["Registry sha256", provenance.registrySha256 ?? "unknown (the file could not be read)"],
    ["Git commit", gitText(provenance.gitCommit, provenance.gitState)],
    ["Generated", `${provenance.generatedAt} by ${provenance.source} (contacts ${provenance.toolVersion})`],
    ["Judged as of", verdict.today],
  ];
  if (live) facts.push(["AWS read at", `${live.readAt}, from ${live.source}`]);
  for (const d of directories ?? [])
    facts.push([`Directory ${d.id}`, `${d.kind} ${d.where}, ${d.readAt ? `read ${d.readAt} (the directory snapshot)` : "not in the directory snapshot"}`]);
  return facts;
}

function gitText(commit: string, state: Evidence["provenance"]["gitState"]): string {
  if (commit === "unknown") return "unknown (not in a git repository, or git is not installed)";
  if (state === "committed") return `${commit} (the registry file as committed)`;
  if (state === "modified") return `${commit}, with uncommitted changes to the registry file (the sha256 identifies what was judged)`;
  if (state === "untracked") return `${commit}, but the registry file is not committed (the sha256 identifies what was judged)`;
  return commit;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

/** 10,000: with commas, without toLocaleString, whose first call loads ICU's number formats (15 ms). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** An exception's term, as the page and the Markdown word it: "until 2027-01-31 (12 days left, waives nothing)". */
export function exceptionTerm(e: ExceptionEvidence): string {
  return `until ${e.expires} (${e.daysLeft < 0 ? `expired ${-e.daysLeft} days ago` : `${e.daysLeft} days left`}${e.used ? "" : ", waives nothing"})`;
}

/** A group's review, as the page and the Markdown word it: "reviewed 2025-12-01, due 2026-12-01 (in 5 days)" or "never reviewed". */
export function reviewTerm(r: ReviewDue): string {
  return r.reviewed ? `reviewed ${r.reviewed}, due ${r.due} (${r.daysLeft < 0 ? `${-r.daysLeft} days overdue` : `in ${r.daysLeft} days`})` : "never reviewed";
}
