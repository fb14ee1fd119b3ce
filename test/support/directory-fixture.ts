import * as fs from "fs";
import * as path from "path";
import { Directory } from "../../src/model/directory";
import type { PolicyContext } from "../../src/engine/rule-contract";
import { loadRegistry } from "../../src/registry/load-registry";
import { loadDirectorySnapshot } from "../../src/registry/directory-snapshot-file";
import { REPO_ROOT, tempDir, TODAY } from "./workspace";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/directory");

export const directoryRegistryText = () => fs.readFileSync(path.join(FIXTURES, "registry.yaml"), "utf8");
export const directorySnapshotFixture = () => fs.readFileSync(path.join(FIXTURES, "directory-snapshot.json"), "utf8");

/** The directory fixture in a fresh temporary folder: the registry, and the snapshot unless `snapshot` is null. */
export function directoryWorkspace(registry = directoryRegistryText(), snapshot: string | null = directorySnapshotFixture()): string {
  const dir = tempDir("contacts-directory-");
  fs.writeFileSync(path.join(dir, "registry.yaml"), registry);
  if (snapshot !== null) fs.writeFileSync(path.join(dir, "directory-snapshot.json"), snapshot);
  return path.join(dir, "registry.yaml");
}

/** The registry and its snapshot loaded as a run does, judged on `today`. */
export function directoryContext(registry = directoryRegistryText(), snapshot: string | null = directorySnapshotFixture(), today = TODAY): PolicyContext {
  const file = directoryWorkspace(registry, snapshot);
  const loaded = loadRegistry(file, "the test", path.dirname(file), { today });
  const company = loadDirectorySnapshot(loaded, undefined, path.dirname(file), today);
  return { directory: new Directory(loaded.people, loaded.groups, today, company), policy: loaded.policy, today };
}

/** The snapshot fixture with its one reading changed by `edit` (hostile edits included, so untyped). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function snapshotWith(edit: (snapshot: any) => void): string {
  const snapshot = JSON.parse(directorySnapshotFixture());
  edit(snapshot);
  return JSON.stringify(snapshot, null, 2);
}
