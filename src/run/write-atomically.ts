import * as fs from "fs";
import * as path from "path";

/**
 * Whole or not at all: a reader (code scanning upload, a later pipeline step, a person) never sees half
 * a report, and a failed write leaves no temporary file behind.
 */
export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
