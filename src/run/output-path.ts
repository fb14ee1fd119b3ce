import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../model/usage-error";

/** A file the command read, by the name the user gave it, so a refusal can say which. */
export interface CommandInput {
  file: string;
  /** What it is to the command, e.g. "the plan", "the contacts registry". */
  role: string;
}

export interface OutputRequest {
  /** `contacts <command>`'s name, for the message's headline. */
  command: string;
  /** The option that named the path, e.g. "--output"; none when the path came from elsewhere (a registry setting). */
  option?: string;
  /** As given; relative to `cwd`. */
  file: string;
  cwd: string;
  /** The files the command read: the output must be none of them, under any name (a symlink, a hard link). */
  inputs?: readonly CommandInput[];
}

/**
 * Where an output may be written: a new path, or a regular file that is none of the command's inputs.
 * A symbolic link to a regular file is followed (the file is replaced, the link stays); a link to anything
 * else, a folder, a device, a FIFO or a socket is refused, since replacing it (as root, a device node)
 * or writing into it is never what an option naming a report file meant. Returns the path to write:
 * the link's target for a link. Inputs are compared by device and inode, so no second name for a file
 * (a link, `./plan.json`, a different case on a case-insensitive disk) gets past.
 */
export function checkOutputPath(request: OutputRequest): string {
  const target = path.resolve(request.cwd, request.file);
  const named = request.option ? `${request.option} ${request.file}` : request.file;
  const refuse = (why: string, fix = `choose a new path or a regular file${request.option ? ` for ${request.option}` : ""}`) =>
    new UsageError(`contacts ${request.command}: ${named} ${why}; nothing was written. Fix: ${fix}.`);
  const link = entryAt(target);
  if (!link) return target;
  let written = target;
  let entry: fs.Stats = link;
  if (link.isSymbolicLink()) {
    const followed = fs.statSync(target, { throwIfNoEntry: false });
    if (!followed) throw refuse("is a symbolic link to nothing, and writing through it would create a file wherever it points");
    if (!followed.isFile()) throw refuse(`is a symbolic link to ${kindOf(followed)}`);
    written = fs.realpathSync(target);
    entry = followed;
  }
  if (!entry.isFile()) throw refuse(`is ${kindOf(entry)}`);
  for (const input of request.inputs ?? []) {
    const read = fs.statSync(path.resolve(request.cwd, input.file), { throwIfNoEntry: false });
    if (read && read.dev === entry.dev && read.ino === entry.ino) {
      const same = path.resolve(request.cwd, input.file) === target ? "" : ` (as ${input.file})`;
      throw refuse(`is ${input.role} this command reads${same}, and writing the report there would destroy it`, `write the report to another file`);
    }
  }
  return written;
}

/**
 * What is at the path, or nothing; a path that cannot be looked at (a file where a folder should be, no
 * permission) is left to the write, which fails on it and says so in the command's words.
 */
function entryAt(target: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(target, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function kindOf(entry: fs.Stats): string {
  if (entry.isDirectory()) return "a folder, not a file";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device, not a file";
  if (entry.isFIFO()) return "a named pipe (FIFO), not a file";
  if (entry.isSocket()) return "a socket, not a file";
  return "not a regular file";
}
