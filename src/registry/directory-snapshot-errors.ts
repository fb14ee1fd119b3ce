import { RegistryError, type RegistryIssue } from "./errors";
import type { SourcePosition } from "../model/types";

/** How to write the snapshot again: the fix of every problem with its content (it is written by the tool, not by hand). */
export const READ_DIRECTORY_AGAIN = "read the directories again with `contacts directory read`, which writes the snapshot";

/**
 * The directory snapshot cannot be used. A RegistryError, so synth and the commands print it without a stack
 * trace and exit 2; its subject names the snapshot and the registry line that names it (or the directories
 * section, when the snapshot's path is the default).
 */
export class DirectorySnapshotError extends RegistryError {
  constructor(
    readonly snapshotFile: string,
    readonly namedAt: SourcePosition,
    issues: RegistryIssue[],
  ) {
    super(snapshotFile, issues, `The directory snapshot ${snapshotFile} (named at ${namedAt.file}:${namedAt.line}:${namedAt.column})`);
    this.name = "DirectorySnapshotError";
  }
}

export function snapshotMissing(file: string, namedAt: SourcePosition, why: string): DirectorySnapshotError {
  return new DirectorySnapshotError(file, namedAt, [
    {
      position: namedAt,
      path: "directorySnapshot",
      message: `the directory snapshot ${file} does not exist, and ${why}`,
      fix: `${READ_DIRECTORY_AGAIN}, or correct directorySnapshot (relative to the registry file)`,
    },
  ]);
}

export function snapshotUnreadable(file: string, namedAt: SourcePosition, reason: string): DirectorySnapshotError {
  return new DirectorySnapshotError(file, namedAt, [
    {
      position: namedAt,
      path: "directorySnapshot",
      message: `the directory snapshot ${file} cannot be read (${reason})`,
      fix: "check the path and its permissions",
    },
  ]);
}

export function snapshotOutsideRepository(file: string, namedAt: SourcePosition, why: string): DirectorySnapshotError {
  return new DirectorySnapshotError(file, namedAt, [
    {
      position: namedAt,
      path: "directorySnapshot",
      message: `the directory snapshot ${file} is not read: ${why}, and the registry may only name files inside its repository`,
      fix: "keep the snapshot in the repository, beside the registry, and name it by a path relative to the registry's folder",
    },
  ]);
}

export function readingStale(position: SourcePosition, path: string, source: string, readAt: string, ageDays: number, maxDays: number): RegistryIssue {
  return {
    position,
    path,
    message: `directory "${source}" was read at ${readAt}, ${ageDays} days ago, more than policy.maxDirectoryAgeDays (${maxDays}): its members may have changed since`,
    fix: `${READ_DIRECTORY_AGAIN}; while the directory cannot be read (an outage), add directories.${source}.outage with a reason and an expires date, an exception a reviewer approves`,
  };
}

export function readingInFuture(position: SourcePosition, path: string, source: string, readAt: string, today: string): RegistryIssue {
  return {
    position,
    path,
    message: `directory "${source}" was read at ${readAt}, after today (${today}), so the reading would not go stale when it should`,
    fix: READ_DIRECTORY_AGAIN,
  };
}
