import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../model/usage-error";

/*
 * The three files `contacts import` writes (the registry, the organization snapshot, the record of existing
 * contacts) carry one import id, so that a set of which one was replaced and another not (a run killed
 * between its renames) is told apart from a set written together. Each carries it where its format has
 * room for it without a change to what reads it: the registry in its header comment, the snapshot in its
 * `Organization` object (beside Id and ReadAt), the record as a top-level `importId`.
 */

/** A new id for one run of `contacts import`: 12 hex digits. */
export function newImportId(): string {
  return randomBytes(6).toString("hex");
}

/** The registry's header line that carries the id (a comment: the registry's schema has no field for it). */
export function registryImportIdLine(id: string): string {
  return ` contacts-import-id: ${id}`;
}

const REGISTRY_ID = /^# contacts-import-id: ([0-9a-f]{12})$/m;

/** The id a file carries, by the file's kind; none for a file another command (or a person) wrote. */
export function importIdIn(kind: "registry" | "snapshot" | "record", text: string): string | undefined {
  if (kind === "registry") return REGISTRY_ID.exec(text)?.[1];
  try {
    const document = JSON.parse(text) as { importId?: unknown; Organization?: { ImportId?: unknown } } | null;
    const id = kind === "snapshot" ? document?.Organization?.ImportId : document?.importId;
    return typeof id === "string" && /^[0-9a-f]{12}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops a command that reads a registry with the snapshot and record beside it when two of them carry
 * different import ids: they were not written by one run, and read together they disagree on which
 * accounts and contacts exist. A file that carries no id (written by `org-snapshot`, `drift --existing`
 * or by hand) or that cannot be read is not compared: its own loader reports a missing one.
 * @param files paths relative to `cwd`
 */
export function checkImportSet(files: { registry: string; snapshot?: string; record?: string }, cwd: string): void {
  const carried: { file: string; id: string }[] = [];
  for (const [kind, file] of Object.entries(files) as ["registry" | "snapshot" | "record", string | undefined][]) {
    if (file === undefined) continue;
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(cwd, file), "utf8");
    } catch {
      continue;
    }
    const id = importIdIn(kind, text);
    if (id) carried.push({ file, id });
  }
  if (new Set(carried.map((c) => c.id)).size <= 1) return;
  throw new UsageError(
    `${carried.map((c) => `${c.file} (import ${c.id})`).join(", ")} were written by different runs of contacts import, ` +
      "so they disagree on which accounts and contacts exist (a run stopped between replacing one file and the next). " +
      "Fix: run `contacts import --force` again, which writes all three from one read; or, if the registry was edited since that import " +
      "(people, groups filled in), delete its `# contacts-import-id:` line instead, which keeps the edits and stops the comparison.",
  );
}
