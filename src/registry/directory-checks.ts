import { invisibleCharacterIn } from "../model/characters";
import { characterProblem, templateSequenceIn } from "../model/check-fields";
import { closestName } from "../model/closest-name";
import type { Registry } from "../model/types";
import type { RegistryIssue } from "./errors";
import type { ParsedDocument } from "./read-document";

/**
 * The `directories` section and what names it: a group's `source` and the policy's `resolveAddressesIn`
 * must name a source, a sourced group needs the email it is found by, a group needs members or a source, and
 * no setting may hide invisible characters (the schema has checked each value's form).
 */
export function directoryIssues(registry: Registry, raw: unknown, doc: ParsedDocument): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const sources = registry.directories ?? new Map();
  const unknownSource = (path: string[], id: string) =>
    issues.push({
      position: doc.valueAt(path),
      path: path.join("."),
      message: `unknown directory "${id}"`,
      fix: `${didYouMean(id, sources.keys())}add "${id}" under directories (type: ldap or graph), or use one of: ${[...sources.keys()].slice(0, 10).join(", ") || "(none defined)"}`,
    });
  for (const group of registry.groups.values()) {
    const typed = group.fieldPositions?.members !== undefined;
    if (group.source === undefined) {
      if (!typed)
        issues.push({
          position: doc.valueAt(["groups", group.id]),
          path: `groups.${group.id}.members`,
          message: 'required field "members" is missing',
          fix: "add members, the ids of the people or groups it reaches, or source, the directory its members are read from",
        });
      continue;
    }
    if (!sources.has(group.source)) unknownSource(["groups", group.id, "source"], group.source);
    if (group.email === undefined)
      issues.push({
        position: doc.valueAt(["groups", group.id, "source"]),
        path: `groups.${group.id}.email`,
        message: `the group reads its members from directory "${group.source}" but has no email to find it there by`,
        fix: "add the group's email, as the directory holds it (its mail or a proxy address)",
      });
  }
  const resolveIn = registry.policy.resolveAddressesIn;
  if (resolveIn !== undefined && !sources.has(resolveIn)) unknownSource(["policy", "resolveAddressesIn"], resolveIn);
  const named = (raw as { directorySnapshot?: unknown } | null)?.directorySnapshot;
  if (named !== undefined && registry.directories === undefined)
    issues.push({
      position: doc.valueAt(["directorySnapshot"]),
      path: "directorySnapshot",
      message: "names a directory snapshot, but the registry has no directories to read it for",
      fix: "add the sources under directories, or remove directorySnapshot",
    });
  for (const source of sources.values()) {
    for (const [field, value] of Object.entries(source)) {
      if (typeof value !== "string" || templateSequenceIn(value)) continue; // templateSequences reports `${` once
      const refused = invisibleCharacterIn(value);
      if (refused) {
        const path = ["directories", source.id, field];
        issues.push({ position: doc.valueAt(path), path: path.join("."), ...characterProblem(field, "visible", refused) });
      }
    }
  }
  return issues;
}

function didYouMean(name: string, defined: Iterable<string>): string {
  const closest = closestName(name, defined);
  return closest === undefined ? "" : `did you mean "${closest}"? Otherwise `;
}
