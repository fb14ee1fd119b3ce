import type { Origin } from "../registry/effective-contacts";
import { groupByProblem, otherPlaces, PROBLEMS_SHOWN, type RegistryIssue } from "../registry/errors";
import { formatPosition } from "../reports/format-finding";
import {
  hasContactChanges,
  type AccountRef,
  type ContactChange,
  type ContactReview,
  type ExceptionSummary,
  type PeopleByAddress,
  EXPIRY_WARNING_DAYS,
} from "./contact-diff";
import type { ContactState, Recipient } from "./contact-snapshot";
import type { RootCauseSummary } from "./finding-changes";
import type { PolicyReview } from "./policy-review";
import type { MembershipChange } from "./directory-changes";
import { shown, type PolicyChange } from "../../policies/policy-weakened";
import { capped, code, folded, plain, plural } from "../reports/markdown";

/** Above these, a section folds under <details>. */
const FOLD_GROUPS = 10;
const FOLD_ITEMS = 5;
/** GitHub refuses a comment over 65,536 characters; lists are cut shorter until the comment fits. */
export const COMMENT_LIMIT = 60_000;
const LIST_LIMITS = [100, 20, 5];
const ALWAYS_SHOWN = ["email", "phone"];

export interface BaseLabel {
  ref: string;
  commit: string;
}

/** The pull-request comment: one summary line, then only the sections that have something in them. */
export function renderReviewMarkdown(review: ContactReview, base: BaseLabel): string {
  let text = "";
  for (const limit of LIST_LIMITS) {
    text = render(review, base, limit);
    if (text.length <= COMMENT_LIMIT) return text;
  }
  const cut = text.lastIndexOf("\n", COMMENT_LIMIT - 200);
  return `${text.slice(0, cut)}\n\n**The review is longer than a comment can hold and was cut here.** All of it: \`contacts review --format json\`.\n`;
}

function render(review: ContactReview, base: BaseLabel, limit: number): string {
  const against = `against ${code(base.ref)} (${base.commit.slice(0, 7)})`;
  const nothing =
    !hasContactChanges(review) &&
    [review.findingsIntroduced, review.findingsFixed, review.exceptionsAdded, review.exceptionsExpiring, review.stacksToPlan].every((l) => l.length === 0) &&
    !review.headFails &&
    review.policy.changes.length === 0 &&
    !review.directoryChanges?.length;
  if (nothing) return `**Contacts review** ${against}: no contact changes.\n`;
  const sections = [`**Contacts review** ${against}: ${summaryLine(review)}`];
  if (review.policy.changes.length || review.policy.comparedWith === "defaults") sections.push(policySection(review.policy));
  if (review.policy.fails)
    sections.push(
      "> [!CAUTION]\n> This change weakens the contact policy, and the base revision's `policy.weakeningSeverity` is `error`: the review fails until the weakening is undone.",
    );
  if (review.headFails)
    sections.push(
      "> [!CAUTION]\n> After this change the contact policy fails: `cdktf synth` will refuse to write the Terraform configuration until the errors below are fixed or excepted.",
    );
  const groups = groupChanges(review.changes);
  if (groups.length) {
    const body = capped(groups, limit, (group) => renderGroup(group, limit)).join("\n\n");
    sections.push(
      `### Contact changes\n\n${folded(`${plural(groups.length, "distinct change")}, ${plural(review.changes.length, "contact")}`, body, { when: groups.length > FOLD_GROUPS })}`,
    );
  }
  if (review.accountsAdded.length) sections.push(accountsSection("Accounts added", review.accountsAdded, limit));
  if (review.accountsRemoved.length)
    sections.push(
      accountsSection("Accounts removed (the next apply deletes their alternate contacts; AWS keeps every primary contact)", review.accountsRemoved, limit),
    );
  if (review.rootCausesIntroduced.length) sections.push(findingsSection("Policy findings introduced", review.rootCausesIntroduced, limit));
  if (review.rootCausesFixed.length) sections.push(findingsSection("Policy findings fixed", review.rootCausesFixed, limit));
  if (review.headFails && review.rootCausesUnchanged.length)
    sections.push(findingsSection("Policy errors already there before this change", review.rootCausesUnchanged, limit));
  if (review.exceptionsAdded.length) sections.push(exceptionsSection("Exceptions added", review.exceptionsAdded, limit));
  if (review.exceptionsExpiring.length)
    sections.push(exceptionsSection(`Exceptions expiring within ${EXPIRY_WARNING_DAYS} days`, review.exceptionsExpiring, limit));
  if (review.directoryChanges?.length) sections.push(directorySection(review.directoryChanges, limit));
  if (review.stacksToPlan.length) sections.push(`Stacks to plan: ${review.stacksToPlan.map(code).join(", ")}.`);
  return `${sections.join("\n\n")}\n`;
}

/**
 * The comment for a change whose registry does not load: what is wrong and where, so the mistake reaches
 * the pull request even though nothing could be compared.
 */
export function renderUnloadableMarkdown(what: string, file: string, issues: readonly RegistryIssue[], base?: BaseLabel): string {
  // One bullet per distinct problem, as synth prints them: a card renamed while 2,000 accounts name it is one bullet.
  const problems = groupByProblem(issues);
  const lines = problems.slice(0, PROBLEMS_SHOWN).map(([first, ...others]) => {
    const where = code(formatPosition(first.position));
    const also = otherPlaces(others);
    return `- ${where}${first.path ? ` ${code(first.path)}` : ""}: ${plain(first.message)}. Fix: ${plain(first.fix)}.${also ? ` ${plain(also)}` : ""}`;
  });
  const more = problems.length - PROBLEMS_SHOWN;
  if (more > 0) lines.push(`- … and ${more} more distinct problems (all of them at their lines: \`npx contacts validate\`)`);
  const these =
    issues.length === 1
      ? "this error is"
      : `these ${issues.length} errors${problems.length < issues.length ? ` (${plural(problems.length, "distinct problem")})` : ""} are`;
  // A base that does not load leaves the change unjudged, its policy change included: the comment must not read as a pass.
  const headline = base
    ? `**Contacts review**: the ${plain(what)} at the base revision ${code(base.ref)} (${code(file)}) does not load, so nothing was compared: neither this change's contacts nor its policy were judged.`
    : `**Contacts review**: the ${plain(what)} in this change (${code(file)}) does not load, so nothing was compared.`;
  const caution = base
    ? `> [!CAUTION]\n> Review this change against a revision whose registry loads (\`--base\`), or fix the base first: until ${these} fixed, \`cdktf synth\` fails there too.`
    : `> [!CAUTION]\n> \`cdktf synth\` writes no Terraform configuration until ${these} fixed.`;
  return [headline, "", caution, "", ...lines, ""].join("\n");
}

function summaryLine(review: ContactReview): string {
  const accounts = new Set(review.changes.map((c) => c.account.id)).size;
  const weakened = review.policy.changes.filter((c) => c.weakens).length;
  const policy = review.policy.changes.length
    ? [`policy: ${plural(review.policy.changes.length, "change")}${weakened ? ` (${plural(weakened, "weakening")})` : ""}`]
    : [];
  const parts = [
    ...policy,
    review.changes.length ? `${plural(review.changes.length, "contact")} changed in ${plural(accounts, "account")}` : "no contact changed",
  ];
  if (review.accountsAdded.length) parts.push(`${plural(review.accountsAdded.length, "account")} added`);
  if (review.accountsRemoved.length) parts.push(`${plural(review.accountsRemoved.length, "account")} removed`);
  parts.push(`findings: ${review.rootCausesIntroduced.length} introduced, ${review.rootCausesFixed.length} fixed`);
  if (review.exceptionsAdded.length) parts.push(`${plural(review.exceptionsAdded.length, "exception")} added`);
  if (review.directoryChanges?.length) parts.push(`directory: ${plural(review.directoryChanges.length, "group")} changed membership`);
  if (review.exceptionsExpiring.length) parts.push(`${plural(review.exceptionsExpiring.length, "exception")} expiring within ${EXPIRY_WARNING_DAYS} days`);
  return `${parts.join("; ")}.`;
}

/** Who joined and left each sourced group between the base's directory snapshot and the change's. */
function directorySection(changes: readonly MembershipChange[], limit: number): string {
  const name = (m: { name: string; email?: string }) => `${plain(m.name)}${m.email ? ` (${code(m.email)})` : ""}`;
  const items = capped(changes, limit, (c) => {
    const read = `${c.source}, read ${c.readBefore ?? "never"} -> ${c.readAfter ?? "never"}`;
    const parts = [
      ...(c.joined.length ? [`joined: ${c.joined.map(name).join(", ")}`] : []),
      ...(c.left.length ? [`left: ${c.left.map(name).join(", ")}`] : []),
      ...c.stateChanged.map((s) => `${name(s)}: ${s.before} -> ${s.after}${s.reason ? ` (${plain(s.reason)})` : ""}`),
    ];
    return `- ${code(c.group)} (${plain(read)}): ${parts.join("; ")}`;
  });
  return `### Directory membership changes\n\n${folded(plural(changes.length, "group"), items.join("\n"), { when: changes.length > FOLD_ITEMS })}`;
}

/** Every change to the policy, before and after side by side, the weakenings marked: it changes how all else is judged. */
function policySection(policy: PolicyReview): string {
  const lines = ["### Policy changes", ""];
  if (policy.comparedWith === "defaults")
    lines.push("The base revision has no registry: this policy is compared with the built-in defaults (what a registry without a `policy` block gets).", "");
  if (!policy.changes.length) return [...lines, "The policy is the defaults."].join("\n");
  lines.push("| setting | before | after | |", "|---|---|---|---|");
  for (const change of policy.changes) lines.push(policyRow(change));
  return lines.join("\n");
}

function policyRow(change: PolicyChange): string {
  const setting =
    change.setting === "groups"
      ? `group ${code(change.subject!)} ${code("source")}`
      : change.setting === "directories"
        ? `directory ${code(change.subject!)}`
        : change.subject
          ? `exception ${code(change.subject)}`
          : code(change.setting);
  const mark = change.weakens ? `**weakens**: ${plain(change.meaning)}` : plain(change.meaning);
  return `| ${setting} | ${code(shown(change.before))} | **${code(shown(change.after))}** | ${mark} |`;
}

interface ChangeGroup {
  sample: ContactChange;
  accounts: AccountRef[];
}

/** The same change applied to many accounts (an OU override, a default) is shown once, with its accounts. */
function groupChanges(changes: readonly ContactChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const key = JSON.stringify([change.type, change.before, change.after]);
    const group = groups.get(key);
    if (group) group.accounts.push(change.account);
    else groups.set(key, { sample: change, accounts: [change.account] });
  }
  return [...groups.values()];
}

function renderGroup({ sample, accounts }: ChangeGroup, limit: number): string {
  const { before, after, type } = sample;
  const where = accounts.length === 1 ? `${accounts[0].id} ${plain(accounts[0].name)}` : `${accounts.length} accounts`;
  const lines = [`#### ${type} · ${where}: ${headline(type, before, after)}`, "", "| | before | after |", "|---|---|---|"];
  lines.push(`| card | ${cardCell(before)} | ${cardCell(after)} |`);
  const fields = [...new Set([...Object.keys(before?.values ?? {}), ...Object.keys(after?.values ?? {})])];
  for (const field of fields) {
    const was = before?.values[field];
    const is = after?.values[field];
    if (was === is && !ALWAYS_SHOWN.includes(field)) continue;
    lines.push(`| ${field} | ${valueCell(was)} | ${was === is ? valueCell(is) : `**${valueCell(is)}**`} |`);
  }
  lines.push(`| reaches | ${reachCell(before)} | ${reachCell(after)} |`);
  const people = [peopleLine("gained", sample.gained), peopleLine("lost", sample.lost)].filter(Boolean).join(" ");
  if (people) lines.push("", people);
  if (accounts.length > 1) {
    const list = capped(accounts, limit, (a) => `- ${a.id} ${plain(a.name)}`).join("\n");
    lines.push("", folded(`${accounts.length} accounts`, list, { when: accounts.length > FOLD_ITEMS }));
  }
  return lines.join("\n");
}

function headline(type: string, before: ContactState | undefined, after: ContactState | undefined): string {
  if (!before) return "contact added";
  // Mirrors the provider: deleting an alternate contact deletes it in AWS; a primary contact cannot be deleted.
  if (!after) return type === "PRIMARY" ? "no longer managed (AWS keeps the primary contact as it is)" : "contact removed (the next apply deletes it in AWS)";
  if (before.values.email !== after.values.email) return `${valueCell(before.values.email)} → ${valueCell(after.values.email)}`;
  const fields = [...new Set([...Object.keys(before.values), ...Object.keys(after.values)])].filter((f) => before.values[f] !== after.values[f]);
  return fields.length ? `${fields.join(", ")} changed` : "same address, different people reached";
}

function cardCell(state: ContactState | undefined): string {
  return state ? `${code(state.card)} (${originText(state.origin)})` : "none";
}

function originText(origin: Origin): string {
  if (origin.level === "ou") return `OU ${plain(origin.path)}`;
  return origin.level === "account" ? "set on the account" : "defaults";
}

function valueCell(value: string | undefined): string {
  return value === undefined ? "none" : code(value);
}

function reachCell(state: ContactState | undefined): string {
  if (!state) return "none";
  const people = new Map<string, Recipient>();
  for (const person of [...(state.reaches.email ?? []), ...(state.reaches.phone ?? [])]) people.set(person.id, person);
  return people.size ? `${people.size}: ${names([...people.values()])}` : "**nobody current**";
}

/** "People lost: A, B." when both addresses agree, else one sentence per address. */
function peopleLine(verb: string, people: PeopleByAddress): string {
  const email = people.email ? names(people.email) : "";
  const phone = people.phone ? names(people.phone) : "";
  if (email === phone) return email ? `People ${verb}: ${email}.` : "";
  return [email ? `People ${verb} by email: ${email}.` : "", phone ? `People ${verb} by phone: ${phone}.` : ""].filter(Boolean).join(" ");
}

function names(people: readonly Recipient[]): string {
  return people.map((p) => plain(p.name)).join(", ");
}

function accountsSection(title: string, accounts: readonly AccountRef[], limit: number): string {
  const list = capped(accounts, limit, (a) => `- ${a.id} ${plain(a.name)}${a.ou ? ` (OU ${plain(a.ou)})` : ""}`).join("\n");
  return `### ${title}\n\n${folded(plural(accounts.length, "account"), list, { when: accounts.length > FOLD_ITEMS })}`;
}

/** One item per root cause: what is wrong, where the fix goes, and the accounts it affects, folded when many. */
function findingsSection(title: string, causes: readonly RootCauseSummary[], limit: number): string {
  const list = capped(causes, limit, (cause) => {
    const single = cause.accounts.length === 1 ? cause.accounts[0] : undefined;
    const subject = [
      single ? `${single.id}${single.name ? ` (${plain(single.name)})` : ""}` : "",
      single ? cause.types.join(", ") : "",
      cause.field ?? "",
      cause.value !== undefined ? code(cause.value) : "",
    ]
      .filter(Boolean)
      .join(" ");
    let item = `- **${cause.severity}** \`${cause.ruleId}\` ${subject}: ${plain(cause.message)}. Fix: ${plain(cause.fix)}.${cause.location ? ` ${code(cause.location)}` : ""}`;
    if (cause.accounts.length > 1) {
      const accounts = capped(cause.accounts, limit, (a) => `  - ${a.id}${a.name ? ` ${plain(a.name)}` : ""}`, "  ").join("\n");
      const summary = `affects ${cause.types.join(", ")} of ${cause.accounts.length} accounts`;
      item += cause.accounts.length > FOLD_ITEMS ? `\n\n  ${folded(summary, accounts, { when: true })}` : ` Affects ${cause.types.join(", ")} of:\n${accounts}`;
    }
    return item;
  }).join("\n");
  const findings = causes.reduce((n, cause) => n + cause.findings, 0);
  const count = findings > causes.length ? `${plural(causes.length, "root cause")} (${plural(findings, "finding")})` : plural(causes.length, "finding");
  return `### ${title}\n\n${folded(count, list, { when: causes.length > FOLD_GROUPS })}`;
}

function exceptionsSection(title: string, exceptions: readonly ExceptionSummary[], limit: number): string {
  const list = capped(exceptions, limit, (e) => `- \`${e.rule}\` ${e.account} ${e.type}, until ${e.expires}: ${plain(e.reason)} ${code(e.location)}`).join(
    "\n",
  );
  return `### ${title}\n\n${folded(plural(exceptions.length, "exception"), list, { when: exceptions.length > FOLD_GROUPS })}`;
}
