import { spawnSync, type SpawnSyncOptions } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT, tempDir } from "./workspace";

export function run(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...options.env } });
  return { status: result.status, stdout: String(result.stdout), output: `${result.stdout}\n${result.stderr}` };
}

export function mustRun(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const result = run(command, args, options);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} in ${options.cwd} exited ${result.status}:\n${result.output}`);
  return result.stdout;
}

/** The working tree as git would commit it (tracked and new files, not ignored ones), without the tests. */
function copyWorkingTree(into: string) {
  const files = mustRun("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: REPO_ROOT }).split("\0");
  for (const file of files.filter((name) => name && !name.startsWith("test/") && fs.existsSync(path.join(REPO_ROOT, name)))) {
    fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(into, file));
  }
  // The build's tools (tsc, the type declarations), as installed here.
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(into, "node_modules"));
  // dist/ as built here: npm pack's prepare keeps it when it was built from these sources and rebuilds it when not.
  if (fs.existsSync(path.join(REPO_ROOT, "dist"))) fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(into, "dist"), { recursive: true });
}

/**
 * The package as `npm pack` packs it, from a copy of this working tree (its prepare builds dist/ there, or keeps
 * the copied dist/ when that was built from the same sources). Returns the tarball and the files it holds.
 */
export function packPackage(): { tarball: string; files: string[] } {
  // Packed once per test run (the sources do not change during one), in the run's folder that test/support/global-setup.ts
  // makes and its teardown removes; outside a jest run, in this file's own temporary folder.
  const runDir = process.env.CONTACTS_TEST_RUN_DIR;
  const packed = runDir && path.join(runDir, "packed-package.json");
  if (packed && fs.existsSync(packed)) return JSON.parse(fs.readFileSync(packed, "utf8")) as { tarball: string; files: string[] };
  const source = tempDir("contacts-pack-source-");
  copyWorkingTree(source);
  const tarballs = runDir ? fs.mkdtempSync(path.join(runDir, "pack-")) : tempDir("contacts-pack-");
  const [pack] = JSON.parse(mustRun("npm", ["pack", "--json", "--pack-destination", tarballs], { cwd: source })) as {
    filename: string;
    files: { path: string }[];
  }[];
  const result = { tarball: path.join(tarballs, pack.filename), files: pack.files.map((file) => file.path) };
  if (packed) {
    // Written whole and then renamed: a file packing at the same moment in the other worker reads either record, never half of one.
    fs.writeFileSync(`${packed}.${process.pid}`, JSON.stringify(result));
    fs.renameSync(`${packed}.${process.pid}`, packed);
  }
  return result;
}

/**
 * A folder with the packed package installed from its tarball (with its own dependencies, from the npm cache
 * where it can), beside the cdktf, constructs and AWS provider binding this checkout pins, linked as installed
 * here: the binding unpacks to 390 MB, most of an install's time.
 */
export function installPacked(tarball: string, dir: string, name: string): void {
  const installed = (dependency: string) => `file:${path.join(REPO_ROOT, "node_modules", dependency)}`;
  const dependencies = {
    cdktf: installed("cdktf"),
    constructs: installed("constructs"),
    "@cdktf/provider-aws": installed("@cdktf/provider-aws"),
    [name]: `file:${tarball}`,
  };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "installed-app", version: "1.0.0", private: true, dependencies }));
  mustRun("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: dir });
}
