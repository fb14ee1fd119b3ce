import { normalizeEmail, normalizePhone } from "../model/addresses";
import { exceptionTooLong, reviewedInFuture, type RegistryIssue } from "./errors";
import type { ParsedDocument } from "./read-document";
import { directoryValues, fieldLimits, templateSequences } from "./value-checks";
import { closestName } from "../model/closest-name";
import { directoryIssues } from "./directory-checks";
import { CONTACT_SLOTS } from "../model/contact-types";
import type { Registry } from "../model/types";

/**
 * What the structural schema leaves out: the values' own checks (value-checks: AWS's field limits, white
 * space, injected expressions), references, uniqueness, cycles, and, given today, how far ahead
 * exceptions may run.
 */
export function semanticIssues(registry: Registry, raw: unknown, doc: ParsedDocument, today?: string): RegistryIssue[] {
  return [
    ...templateSequences(raw, doc),
    ...fieldLimits(registry, doc),
    ...directoryValues(registry, doc),
    ...(today === undefined ? [] : exceptionsTooLong(registry, doc, today)),
    ...(today === undefined ? [] : futureReviews(registry, doc, today)),
    ...references(registry, doc),
    ...managementAccounts(registry, doc),
    ...groupCycles(registry, doc),
    ...ambiguousAddresses(registry, doc),
    ...unusedOrganizationalUnits(registry, doc),
    ...directoryIssues(registry, raw, doc),
  ];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An exception is a debt with a date: policy.maxExceptionDays bounds how far ahead of today it may fall due. */
function exceptionsTooLong(registry: Registry, doc: ParsedDocument, today: string): RegistryIssue[] {
  const { maxExceptionDays } = registry.policy;
  const latest = new Date(Date.parse(today) + maxExceptionDays * DAY_MS).toISOString().slice(0, 10);
  const issues: RegistryIssue[] = [];
  registry.exceptions.forEach((exception, index) => {
    if (exception.expires <= latest) return;
    const path = ["exceptions", index, "expires"];
    issues.push(exceptionTooLong(doc.valueAt(path), path.join("."), { expires: exception.expires, latest, maxDays: maxExceptionDays, today }));
  });
  // A directory outage is an exception too: it lets a stale snapshot stand, so it is bounded the same way.
  for (const [id, source] of registry.directories ?? []) {
    if (source.outage === undefined || source.outage.expires <= latest) continue;
    const path = ["directories", id, "outage", "expires"];
    issues.push(exceptionTooLong(doc.valueAt(path), path.join("."), { expires: source.outage.expires, latest, maxDays: maxExceptionDays, today }));
  }
  return issues;
}

/** A review dated after today would count as recent for longer than the limit allows: stale-review would never fire. */
function futureReviews(registry: Registry, doc: ParsedDocument, today: string): RegistryIssue[] {
  return [...registry.groups.values()]
    .filter((group) => group.reviewed !== undefined && group.reviewed > today)
    .map((group) => {
      const path = ["groups", group.id, "reviewed"];
      return reviewedInFuture(doc.valueAt(path), path.join("."), group.reviewed!, today);
    });
}

function references(registry: Registry, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const checkRefs = (refs: Partial<Record<string, string>>, base: string[]) => {
    for (const slot of CONTACT_SLOTS) {
      const ref = refs[slot];
      if (ref === undefined) continue;
      const cards = slot === "primary" ? registry.primaryContacts : registry.contacts;
      if (cards.has(ref)) continue;
      const section = slot === "primary" ? "primaryContacts" : "contacts";
      const path = [...base, slot];
      issues.push({
        position: doc.valueAt(path),
        path: path.join("."),
        message: `unknown ${slot === "primary" ? "primary contact" : "contact"} card "${ref}"`,
        fix: `${didYouMean(ref, cards.keys())}add "${ref}" under ${section}, or use one of: ${[...cards.keys()].slice(0, 10).join(", ") || "(none defined)"}`,
      });
    }
  };
  checkRefs(registry.defaults, ["defaults"]);
  for (const ou of registry.organizationalUnits.values()) checkRefs(ou.contacts, ["organizationalUnits", ou.path]);
  for (const account of registry.accounts) checkRefs(account.contacts, ["accounts", account.id, "contacts"]);
  for (const group of registry.groups.values()) {
    group.members.forEach((member, index) => {
      if (registry.people.has(member) || registry.groups.has(member)) return;
      const path = ["groups", group.id, "members", String(index)];
      issues.push({
        position: doc.valueAt(path),
        path: path.join("."),
        message: `unknown member "${member}": neither a person nor a group`,
        fix: `${didYouMean(member, [...registry.people.keys(), ...registry.groups.keys()])}add "${member}" under people or groups, or correct the name`,
      });
    });
  }
  for (const id of registry.people.keys()) {
    if (!registry.groups.has(id)) continue;
    const path = ["groups", id];
    issues.push({
      position: doc.keyAt(path),
      path: path.join("."),
      message: `"${id}" is both a person and a group, so a member "${id}" is ambiguous`,
      fix: "rename one of them",
    });
  }
  const accountIds = new Set(registry.accounts.map((a) => a.id));
  // Two exceptions for one rule, account and type: one of them would silently be the one that counts, and
  // deleting the other would change which, unseen by review.
  const firstFor = new Map<string, number>();
  registry.exceptions.forEach((exception, index) => {
    const key = `${exception.rule} ${exception.account} ${exception.type}`;
    const first = firstFor.get(key);
    if (first === undefined) return void firstFor.set(key, index);
    const path = ["exceptions", String(index)];
    issues.push({
      position: doc.valueAt(path),
      path: path.join("."),
      message: `a second exception for ${exception.rule} on ${exception.account} ${exception.type} (exceptions.${first} is the first), so which one applies is unclear`,
      fix: `keep one of them, with the reason and expiry that apply`,
    });
  });
  registry.exceptions.forEach((exception, index) => {
    if (accountIds.has(exception.account)) return;
    const path = ["exceptions", String(index), "account"];
    issues.push({
      position: doc.valueAt(path),
      path: path.join("."),
      message: `unknown account "${exception.account}"`,
      fix: "name an account listed under accounts",
    });
  });
  return issues;
}

/** "did you mean "omar"? Otherwise " before a fix, when a defined name is one typo away; nothing otherwise. */
function didYouMean(name: string, defined: Iterable<string>): string {
  const closest = closestName(name, defined);
  return closest === undefined ? "" : `did you mean "${closest}"? Otherwise `;
}

function managementAccounts(registry: Registry, doc: ParsedDocument): RegistryIssue[] {
  const managed = registry.accounts.filter((a) => a.management);
  return managed.slice(1).map((account) => ({
    position: doc.valueAt(["accounts", account.id, "management"]),
    path: `accounts.${account.id}.management`,
    message: `a second management account (${managed[0].id} is already marked management: true)`,
    fix: "an organization has exactly one management account: remove management: true from all but that one",
  }));
}

function groupCycles(registry: Registry, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, "visiting");
    stack.push(id);
    for (const member of registry.groups.get(id)?.members ?? []) {
      if (!registry.groups.has(member)) continue;
      if (state.get(member) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(member)), member];
        issues.push({
          position: doc.valueAt(["groups", id, "members"]),
          path: `groups.${id}.members`,
          message: `groups nest in a cycle: ${cycle.join(" -> ")}`,
          fix: `remove "${member}" from the members of ${id}, or break the cycle elsewhere`,
        });
      } else if (!state.has(member)) {
        visit(member);
      }
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of registry.groups.keys()) if (!state.has(id)) visit(id);
  return issues;
}

/** One address on two entries would make "who does it reach" depend on which entry is found first. */
function ambiguousAddresses(registry: Registry, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const owners = new Map<string, string>();
  const claim = (key: string, owner: string, path: string[], what: string) => {
    const previous = owners.get(key);
    if (previous === undefined) {
      owners.set(key, owner);
      return;
    }
    issues.push({
      position: doc.valueAt(path),
      path: path.join("."),
      message: `${what} is also the address of ${previous}`,
      fix: "give each address to one person or group only",
    });
  };
  for (const [section, entries] of [
    ["groups", registry.groups],
    ["people", registry.people],
  ] as const) {
    for (const entry of entries.values()) {
      const owner = `${section === "groups" ? "group" : "person"} ${entry.id}`;
      if (entry.email) claim("e:" + normalizeEmail(entry.email), owner, [section, entry.id, "email"], `email ${entry.email}`);
      if (entry.phone) claim("p:" + normalizePhone(entry.phone), owner, [section, entry.id, "phone"], `phone ${entry.phone}`);
    }
  }
  return issues;
}

/** An override for an OU that no account is in, or under, is a typo that silently does nothing. */
function unusedOrganizationalUnits(registry: Registry, doc: ParsedDocument): RegistryIssue[] {
  const used = new Set<string>();
  for (const account of registry.accounts) {
    const parts = account.ou?.split("/") ?? [];
    for (let n = 1; n <= parts.length; n++) used.add(parts.slice(0, n).join("/"));
  }
  return [...registry.organizationalUnits.values()]
    .filter((ou) => !used.has(ou.path))
    .map((ou) => ({
      position: doc.keyAt(["organizationalUnits", ou.path]),
      path: `organizationalUnits.${ou.path}`,
      message: `unknown OU "${ou.path}": no account is in it or below it`,
      fix: "correct the OU path to match an account's ou, or remove the override",
    }));
}
