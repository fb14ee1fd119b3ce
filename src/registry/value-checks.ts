import { invisibleCharacterIn } from "../model/characters";
import { characterProblem, checkFields, edgeWhitespaceIn, templateSequenceIn } from "../model/check-fields";
import { ALTERNATE_CONTACT_FIELDS, PRIMARY_CONTACT_FIELDS, type ContactField } from "../model/contact-fields";
import type { Registry } from "../model/types";
import { edgeWhitespace, templateSequence, type RegistryIssue } from "./errors";
import type { ParsedDocument } from "./read-document";

/**
 * The checks of single values that the full schema also makes for editors, made here in AWS's words and
 * alongside every other problem of the file (the loader validates against the schema without them).
 */

/** `${` or `%{` in any value of the registry, however deep. */
export function templateSequences(raw: unknown, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  // One path stack for the whole walk: a registry of 10,000 accounts has some 100,000 values.
  const path: (string | number)[] = [];
  const visit = (value: unknown) => {
    if (typeof value === "string") {
      const sequence = templateSequenceIn(value);
      if (sequence) issues.push(templateSequence(doc.valueAt(path), path.join("."), sequence));
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        visit(value[index]);
        path.pop();
      }
    } else if (value && typeof value === "object") {
      for (const key in value) {
        path.push(key);
        visit((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  visit(raw);
  return issues;
}

/** Every card value AWS would refuse (the contact-field table), or that would reach it with white space at an end. */
export function fieldLimits(registry: Registry, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const check = (section: string, id: string, limits: readonly ContactField[], values: object) => {
    const fields = values as Record<string, unknown>;
    for (const { field } of limits) {
      const value = fields[field];
      // A value holding ${ is reported once, by templateSequences.
      if (typeof value !== "string" || templateSequenceIn(value)) continue;
      const where = edgeWhitespaceIn(value);
      if (where === undefined) continue;
      const path = [section, id, field];
      issues.push(edgeWhitespace(doc.valueAt(path), path.join("."), { field, value, where }));
    }
    for (const problem of checkFields(limits, fields)) {
      const value = fields[problem.field];
      if (typeof value === "string" && templateSequenceIn(value)) continue;
      const path = [section, id, problem.field];
      issues.push({ position: doc.valueAt(path), path: path.join("."), message: problem.message, fix: problem.fix });
    }
  };
  for (const card of registry.contacts.values()) check("contacts", card.id, ALTERNATE_CONTACT_FIELDS, card);
  for (const card of registry.primaryContacts.values()) check("primaryContacts", card.id, PRIMARY_CONTACT_FIELDS, card);
  return issues;
}

/** A card may name a person's or group's address, so each is held to what AWS accepts in EmailAddress. */
export const DIRECTORY_EMAIL: ContactField = { ...ALTERNATE_CONTACT_FIELDS.find((f) => f.field === "email")!, required: false };

/**
 * People's and groups' emails, as cards' are (non-ASCII named by character and position), and the names
 * findings and reviews show (people, groups, accounts): no invisible or bidirectional characters.
 */
export function directoryValues(registry: Registry, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const report = (path: string[], { message, fix }: { message: string; fix: string }) =>
    issues.push({ position: doc.valueAt(path), path: path.join("."), message, fix });
  const checkName = (path: string[], name: unknown) => {
    const refused = typeof name === "string" ? invisibleCharacterIn(name) : undefined;
    if (refused) report(path, characterProblem("name", "visible", refused));
  };
  for (const [section, entries] of [
    ["people", registry.people],
    ["groups", registry.groups],
  ] as const) {
    for (const entry of entries.values()) {
      // A value holding ${ is reported once, by templateSequences.
      if (typeof entry.email === "string" && !templateSequenceIn(entry.email)) {
        for (const problem of checkFields([DIRECTORY_EMAIL], { email: entry.email })) report([section, entry.id, "email"], problem);
      }
      checkName([section, entry.id, "name"], entry.name);
    }
  }
  for (const account of registry.accounts) checkName(["accounts", account.id, "name"], account.name);
  return issues;
}
