import fs from "node:fs";

/** Removes the run's shared folder (see global-setup.ts): a test run leaves the temporary folder as it found it. */
export default function globalTeardown(): void {
  const runDir = process.env.CONTACTS_TEST_RUN_DIR;
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
}
