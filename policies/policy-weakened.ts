import type { PolicyException, PolicySettings, SourcePosition } from "../src/model/types";
import { type PolicyRule, type PolicySide } from "../src/engine/rule-contract";

/** A setting's value as a change shows it; null for "not set" (emailDomains: any domain) or an exception that is not there. */
export type PolicyValue = number | string | boolean | string[] | null;

/** One change to the policy: a setting, or one exception (by rule, account and type), before and after. */
export interface PolicyChange {
  /** `minRecipients`, `mode`, ... or `exceptions`; `groups` for a group's `source`, `directories` for a directory. */
  setting: keyof PolicySettings | "exceptions" | "groups" | "directories";
  /** The exception's rule, account and type, e.g. `single-recipient 222222222222 SECURITY`; the group's or the directory's id. */
  subject?: string;
  before: PolicyValue;
  after: PolicyValue;
  /** Whether the change lets through something the base's policy would have stopped. */
  weakens: boolean;
  /** What the change means, in a few words. */
  meaning: string;
  /** Where it stands on the change's side (where a person restores it). */
  position?: SourcePosition;
}

type Direction = [weakens: boolean, meaning: string];

/** Whether a change of each setting (its values differ) weakens the policy, and what it means. */
const SETTINGS: { [K in keyof PolicySettings]: (before: PolicySettings[K], after: PolicySettings[K]) => Direction } = {
  minRecipients: (a, b) => (b < a ? [true, "fewer people must be reached"] : [false, "more people must be reached"]),
  maxReviewAgeDays: (a, b) => (b > a ? [true, "groups may go unreviewed longer"] : [false, "groups must be reviewed sooner"]),
  maxExceptionDays: (a, b) => (b > a ? [true, "exceptions may run longer"] : [false, "exceptions must expire sooner"]),
  mode: (a, b) => (a === "enforce" && b === "warn" ? [true, "findings no longer fail synthesis"] : [false, "findings fail synthesis"]),
  requiredTypes: (a, b) => {
    const dropped = a.filter((type) => !b.includes(type));
    return dropped.length ? [true, `no longer required: ${dropped.join(", ")}`] : [false, "more contact types required"];
  },
  emailDomains: (a, b) => {
    const before = domains(a);
    const after = domains(b);
    if (!after) return [true, "any domain is accepted"];
    const added = after.filter((d) => before && !before.some((e) => d === e || d.endsWith(`.${e}`)));
    return added.length ? [true, `more domains accepted: ${added.join(", ")}`] : [false, "fewer domains accepted"];
  },
  distinctTypes: (a, b) => (a && !b ? [true, "alternate contacts may share an email"] : [false, "alternate contacts must use different emails"]),
  weakeningSeverity: (a, b) =>
    a === "error" && b === "warning" ? [true, "a weakened policy no longer fails the review"] : [false, "a weakened policy fails the review"],
  resolveAddressesIn: (a, b) =>
    b === undefined
      ? [true, "addresses no group declares are no longer resolved in the directory"]
      : a === undefined
        ? [false, "every address is resolved in the directory"]
        : [false, "addresses are resolved in another directory"],
  maxDirectoryAgeDays: (a, b) => (b > a ? [true, "the directory may be read less often"] : [false, "the directory must be read more often"]),
};

/**
 * Every change to the policy between two sides, settings first (in the order above), then exceptions by
 * rule, account and type: one added or running longer weakens, one removed or ending sooner does not.
 */
export function comparePolicies(base: PolicySide, head: PolicySide): PolicyChange[] {
  const changes: PolicyChange[] = [];
  for (const setting of Object.keys(SETTINGS) as (keyof PolicySettings)[]) {
    const before = valueOf(base.policy, setting);
    const after = valueOf(head.policy, setting);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const direction = SETTINGS[setting] as (a: unknown, b: unknown) => Direction;
    const [weakens, meaning] = direction(base.policy[setting], head.policy[setting]);
    changes.push({ setting, before, after, weakens, meaning, position: head.positions?.[setting] });
  }
  const was = latestExpiry(base.exceptions);
  const is = latestExpiry(head.exceptions);
  for (const subject of [...new Set([...was.keys(), ...is.keys()])].sort()) {
    const before = was.get(subject)?.expires ?? null;
    const after = is.get(subject);
    if (before === (after?.expires ?? null)) continue;
    const [weakens, meaning]: Direction =
      before === null
        ? [true, "exception added"]
        : !after
          ? [false, "exception removed"]
          : after.expires > before
            ? [true, "exception extended"]
            : [false, "exception shortened"];
    changes.push({ setting: "exceptions", subject, before, after: after?.expires ?? null, weakens, meaning, position: (after ?? was.get(subject))?.position });
  }
  changes.push(...compareSources(base, head));
  return changes;
}

/**
 * A group that stops reading its members from a directory (typed members count again, unverified) weakens;
 * so does removing a `directories` entry a group or policy.resolveAddressesIn of the base used. A group
 * removed altogether is not a policy change: its contacts' changes show who they reach.
 */
function compareSources(base: PolicySide, head: PolicySide): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const headGroups = head.groupSources ?? new Map();
  for (const [id, was] of [...(base.groupSources ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const is = headGroups.get(id);
    if (!is || was.source === is.source) continue;
    const [weakens, meaning]: Direction = !is.source
      ? [true, `group ${id}'s typed members count, no longer read from the directory`]
      : !was.source
        ? [false, `group ${id}'s members are read from the directory`]
        : [true, `group ${id}'s members are read from another directory, whose members nobody reviewed here`];
    changes.push({ setting: "groups", subject: id, before: was.source ?? null, after: is.source ?? null, weakens, meaning, position: is.position });
  }
  const headDirectories = head.directories ?? new Map();
  for (const id of [...(base.directories?.keys() ?? [])].sort()) {
    if (headDirectories.has(id)) continue;
    const usedBy = [...(base.groupSources ?? [])].filter(([, g]) => g.source === id).map(([group]) => group);
    const used = usedBy.length > 0 || base.policy.resolveAddressesIn === id;
    const meaning = used
      ? `directory removed that ${usedBy.length ? `group ${usedBy.join(", ")} read` : "policy.resolveAddressesIn named"}`
      : "directory removed, unused";
    // Where a person restores it: the first group that read it, if the change keeps that group.
    const position = usedBy.map((group) => headGroups.get(group)?.position).find(Boolean);
    changes.push({ setting: "directories", subject: id, before: id, after: null, weakens: used, meaning, position });
  }
  // Where a directory is read, and what marks a member disabled there, decide who counts as current: a change to
  // them could point the read at another server or stop counting anyone as disabled.
  const headSettings = head.directorySettings ?? new Map();
  for (const [id, was] of [...(base.directorySettings ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const is = headSettings.get(id);
    if (!is) continue;
    const changed = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((key) => was[key] !== is[key]).sort();
    if (changed.length === 0) continue;
    const position = head.directories?.get(id);
    changes.push({
      setting: "directories",
      subject: id,
      before: changed.map((key) => `${key}: ${was[key] ?? "not set"}`).join(", "),
      after: changed.map((key) => `${key}: ${is[key] ?? "not set"}`).join(", "),
      weakens: true,
      meaning: `directory settings changed (${changed.join(", ")}): who counts as current is decided differently`,
      position,
    });
  }
  // An outage exception lets a stale snapshot stand: added or running longer, it weakens like any exception.
  const wasOutages = base.directoryOutages ?? new Map();
  for (const [id, is] of [...(head.directoryOutages ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const was = wasOutages.get(id);
    if (was && was.expires >= is.expires) continue;
    const meaning = was ? "directory outage exception extended" : "directory outage exception added: a stale snapshot of it is judged";
    changes.push({
      setting: "directories",
      subject: `${id}.outage`,
      before: was?.expires ?? null,
      after: is.expires,
      weakens: true,
      meaning,
      position: is.position,
    });
  }
  return changes;
}

/**
 * Given a change lowers policy.minRecipients, raises maxReviewAgeDays or maxExceptionDays, turns mode from enforce
 * to warn, drops a required type, accepts more email domains, turns distinctTypes off, lowers weakeningSeverity,
 * removes resolveAddressesIn, raises maxDirectoryAgeDays, adds or extends an exception, removes a group's `source` (typed
 * members count again) or removes a `directories` entry a group or resolveAddressesIn used, Then WARN (or FAIL when the base revision's policy.weakeningSeverity is error),
 * once per weakened setting or exception, at its line in the change.
 * Given a change only tightens the policy, or leaves it as it was, Then PASS (review still lists a tightening).
 */
export const policyWeakened: PolicyRule<"policy-weakened"> = {
  id: "policy-weakened",
  scope: "policy",
  title: "Change weakens the contact policy",
  severity: "warning",
  explanation:
    "A change that lowers the bar passes every other rule by construction: one person on SECURITY is fine once minRecipients is 1, so the weakening itself is what a reviewer must see and approve.",
  fix: "restore the base revision's setting, or have the policy's owners (CODEOWNERS) approve the weakening",
  controls: [],
  // An exception sits in the changed registry, so the change could waive its own weakening.
  exceptable: false,
  securitySeverity: 5.0,
  check(base, head) {
    // The base's setting: the change under review cannot lower the severity of its own weakening.
    const severity = base.policy.weakeningSeverity;
    return comparePolicies(base, head)
      .filter((change) => change.weakens)
      .map((change) => ({
        message: `${beforeAndAfter(change)}: ${change.meaning}`,
        field:
          change.setting === "groups"
            ? `groups.${change.subject}.source`
            : change.setting === "directories"
              ? `directories.${change.subject}`
              : `policy.${change.setting}`,
        value: change.subject,
        severity,
        // warn mode is the head's setting, and may be the very weakening: it must not let this through.
        blocking: severity === "error",
        location: change.position,
        cause: { key: [change.setting, change.subject ?? ""].join("\u001f") },
      }));
  },
};

function beforeAndAfter({ before, after }: PolicyChange): string {
  return `changed from ${shown(before)} to ${shown(after)}`;
}

export function shown(value: PolicyValue): string {
  if (value === null) return "not set";
  return Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
}

function valueOf(policy: PolicySettings, setting: keyof PolicySettings): PolicyValue {
  if (setting === "emailDomains") return domains(policy.emailDomains) ?? null;
  const value = policy[setting];
  return Array.isArray(value) ? [...value].sort() : (value ?? null);
}

/** Lower case and sorted; undefined for none: an empty list, like no list, accepts any domain. */
function domains(list: readonly string[] | undefined): string[] | undefined {
  return list?.length ? [...new Set(list.map((d) => d.toLowerCase()))].sort() : undefined;
}

/** Exceptions by rule, account and type (a registry that loads holds at most one of each; of two, the later expiry). */
function latestExpiry(exceptions: readonly PolicyException[]): Map<string, PolicyException> {
  const byKey = new Map<string, PolicyException>();
  for (const exception of exceptions) {
    const key = `${exception.rule} ${exception.account} ${exception.type}`;
    const known = byKey.get(key);
    if (!known || exception.expires > known.expires) byKey.set(key, exception);
  }
  return byKey;
}
