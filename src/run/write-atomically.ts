import * as fs from "fs";
import * as path from "path";

/**
 * Whole or not at all: a reader (code scanning upload, a later pipeline step, a person) never sees half
 * a report, and a failed write leaves no temporary file behind.
 */
export function writeAtomically(file: string, text: string): void {
  // A symbolic link is written through, not replaced by a file: its target gets the text (see output-path.ts).
  const target = fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ? fs.realpathSync(file) : file;
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
