import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AWS_PROVIDER_VERSION, findProviderMirror } from "./provider-mirror";

/**
 * Runs once per `npm test`, before the workers start (they inherit its environment).
 * - The provider mirror is found here, once: without TF_PLUGIN_MIRROR each Terraform test file searched the disk
 *   for it again (seconds of a worker's time apiece). Found nowhere, nothing is set, and each file reports why.
 * - CONTACTS_TEST_RUN_DIR: a folder for what the files of one run share (the packed package), removed by
 *   global-teardown.ts.
 */
export default function globalSetup(): void {
  if (!process.env.TF_PLUGIN_MIRROR) {
    const mirror = findProviderMirror(AWS_PROVIDER_VERSION);
    if (mirror.found) process.env.TF_PLUGIN_MIRROR = mirror.root;
  }
  process.env.CONTACTS_TEST_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-test-run-"));
}
