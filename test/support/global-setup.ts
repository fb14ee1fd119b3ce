import { spawnSync } from "node:child_process";
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
 * - A dist/ that an edit made stale is built again, as `npm ci` would (npm's prepare: kept when current, built when
 *   not). The commands the tests start (contacts, the cdktf app, npm pack's prepare) run dist/ when it is current
 *   and compile the sources through tsx when it is not: after an edit, every one of those processes compiled the
 *   sources again (tsx's cache is off in tests), where one build serves them all. A build that fails leaves them
 *   on the sources, as before. A checkout never built (no dist/, like the copy tests-own-fixtures runs jest in)
 *   stays so: for the few processes such a run starts, a build costs more than it saves.
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, "../..");
  if (fs.existsSync(path.join(root, "dist"))) spawnSync(process.execPath, [path.join(root, "bin/compiled-or-source.js"), "--prepare"], { stdio: "inherit" });
  if (!process.env.TF_PLUGIN_MIRROR) {
    const mirror = findProviderMirror(AWS_PROVIDER_VERSION);
    if (mirror.found) process.env.TF_PLUGIN_MIRROR = mirror.root;
  }
  process.env.CONTACTS_TEST_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-test-run-"));
}
