import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const created: string[] = [];

/** A fresh temporary folder, removed after the test file by removeTempDirs (test/support/cleanup.ts). */
export function tempDir(prefix = "contacts-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file. */
export function removeTempDirs() {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
