import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../model/usage-error";
import { checkOutputPath } from "./output-path";

/** One file to write: its path as the user gave it, and its whole text. */
export interface OutputFile {
  file: string;
  text: string | Uint8Array;
}

/*
 * The one atomic writer. Files are written all or none: each is written whole to a temporary file beside it
 * first, and only when all of them are written are they renamed into place, one after the other (a rename
 * within a folder does not fail short of a disk fault). A reader (code scanning upload, a later pipeline
 * step, a person) never sees half a file, and a failed write leaves no temporary file, and no folder made
 * for one, behind.
 */

/**
 * A command's outputs, at paths a user named: each must be a new path or a regular file (through a symbolic
 * link, its target; see output-path.ts), never one of the command's inputs, and no two the same file. A
 * file that cannot be written is one usage error naming it, and every file is as it was. A temporary file is
 * `.<name>.<command>-<run id>.tmp`: one a killed run left behind is removed by the next run of the command
 * that writes the same file.
 */
export function writeOutputs(command: string, cwd: string, files: readonly OutputFile[], runId = randomBytes(6).toString("hex")): void {
  const staged: Staged[] = [];
  for (const { file, text } of files) {
    // A new path or a regular file (through a symbolic link, its target): never a folder, a device or a FIFO.
    const target = checkOutputPath({ command, file, cwd });
    // Two outputs at one path: the last rename would win, and the registry could end up holding a snapshot.
    const same = staged.find((s) => s.target === target);
    if (same)
      throw new UsageError(`contacts ${command}: ${same.file} and ${file} name the same file; nothing was written. Fix: give each output its own path.`);
    staged.push({ file, text, target, temporary: path.join(path.dirname(target), `.${path.basename(target)}.${command}-${runId}.tmp`) });
  }
  writeAllOrNothing(staged, {
    beforeWrite: (target) => removeLeftTemporaries(target, command),
    cannotWrite: (file, error) =>
      new UsageError(`contacts ${command}: cannot write ${file} (${error.message}); nothing was written. Fix: choose a writable path.`),
    cannotReplace: (file, error, done) =>
      new UsageError(
        `contacts ${command}: cannot replace ${file} (${error.message})${done.length ? `, after ${done.join(", ")} had been replaced` : "; nothing was written"}. Fix: check the disk and the path, then run it again.`,
      ),
  });
}

/**
 * Files the tool itself names (the policy reports and the evidence in cdktf.out/, an output whose path the
 * caller has already checked): written all or none as above; a failure is the file system's own error.
 */
export function writeAtomically(files: readonly OutputFile[]): void {
  writeAllOrNothing(
    files.map(({ file, text }) => {
      // A symbolic link is written through, not replaced by a file: its target gets the text (see output-path.ts).
      const target = fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ? fs.realpathSync(file) : file;
      return { file, text, target, temporary: `${target}.${process.pid}.tmp` };
    }),
    {},
  );
}

interface Staged extends OutputFile {
  /** Where the text goes: the file, or the regular file its symbolic link leads to. */
  target: string;
  temporary: string;
}

interface Failures {
  beforeWrite?: (target: string) => void;
  cannotWrite?: (file: string, error: Error) => Error;
  cannotReplace?: (file: string, error: Error, done: string[]) => Error;
}

function writeAllOrNothing(staged: readonly Staged[], failures: Failures): void {
  const written: Staged[] = [];
  const madeFolders: string[] = [];
  const undo = () => {
    for (const { temporary } of written) fs.rmSync(temporary, { force: true });
    for (const folder of madeFolders.reverse()) fs.rmSync(folder, { recursive: true, force: true });
  };
  for (const entry of staged) {
    try {
      const made = fs.mkdirSync(path.dirname(entry.target), { recursive: true });
      if (made) madeFolders.push(made);
      failures.beforeWrite?.(entry.target);
      written.push(entry);
      fs.writeFileSync(entry.temporary, entry.text);
    } catch (error) {
      undo();
      throw failures.cannotWrite?.(entry.file, error as Error) ?? error;
    }
  }
  for (const [index, { file, target, temporary }] of staged.entries()) {
    try {
      fs.renameSync(temporary, target);
    } catch (error) {
      for (const rest of staged.slice(index)) fs.rmSync(rest.temporary, { force: true });
      throw (
        failures.cannotReplace?.(
          file,
          error as Error,
          staged.slice(0, index).map((s) => s.file),
        ) ?? error
      );
    }
  }
}

/** The temporary files of `target` that an earlier run of `command` left when it was killed before its renames. */
function removeLeftTemporaries(target: string, command: string): void {
  const prefix = `.${path.basename(target)}.${command}-`;
  for (const name of fs.readdirSync(path.dirname(target))) {
    if (name.startsWith(prefix) && /^[0-9a-f]+\.tmp$/.test(name.slice(prefix.length))) fs.rmSync(path.join(path.dirname(target), name), { force: true });
  }
}
