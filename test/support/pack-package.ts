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
 * `make` once per test run (the sources do not change during one), its result kept as `name` in the run's folder
 * that test/support/global-setup.ts makes and its teardown removes; outside a jest run, `make` every time. One
 * worker makes it while the other waits (asleep, using no CPU) and then reads the record: both making it would
 * cost the run the work twice. A record `usable` rejects, or a maker that died (no record after 10 minutes), is
 * made again.
 */
function oncePerRun<T>(name: string, usable: (result: T) => boolean, make: (runDir: string | undefined) => T): T {
  const runDir = process.env.CONTACTS_TEST_RUN_DIR;
  if (!runDir) return make(undefined);
  const record = path.join(runDir, `${name}.json`);
  const read = () => (fs.existsSync(record) ? (JSON.parse(fs.readFileSync(record, "utf8")) as T) : undefined);
  const lock = `${record}.lock`;
  const giveUp = Date.now() + 600_000;
  for (;;) {
    const done = read();
    if (done !== undefined && usable(done)) return done;
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() > giveUp) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    const result = make(runDir);
    // Written whole and then renamed: a reader sees the whole record or none.
    fs.writeFileSync(`${record}.${process.pid}`, JSON.stringify(result));
    fs.renameSync(`${record}.${process.pid}`, record);
    return result;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The package as `npm pack` packs it, from a copy of this working tree (its prepare builds dist/ there, or keeps
 * the copied dist/ when that was built from the same sources), once per test run. Returns the tarball and the
 * files it holds.
 */
export function packPackage(): { tarball: string; files: string[] } {
  return oncePerRun<{ tarball: string; files: string[] }>(
    "packed-package",
    (packed) => fs.existsSync(packed.tarball),
    (runDir) => {
      const source = tempDir("contacts-pack-source-");
      copyWorkingTree(source);
      const tarballs = runDir ? fs.mkdtempSync(path.join(runDir, "pack-")) : tempDir("contacts-pack-");
      const [pack] = JSON.parse(mustRun("npm", ["pack", "--json", "--pack-destination", tarballs], { cwd: source })) as {
        filename: string;
        files: { path: string }[];
      }[];
      return { tarball: path.join(tarballs, pack.filename), files: pack.files.map((file) => file.path) };
    },
  );
}

/**
 * The packed package installed (installPacked) once per test run, for the files that use the installed package as
 * it is and write nothing into it: each links its app's node_modules to this folder's. Returns the folder.
 */
export function installedPackage(tarball: string, name: string): string {
  return oncePerRun<{ tarball: string; dir: string }>(
    "installed-package",
    (installed) => installed.tarball === tarball && fs.existsSync(path.join(installed.dir, "node_modules", name)),
    (runDir) => {
      const dir = runDir ? fs.mkdtempSync(path.join(runDir, "installed-")) : tempDir("contacts-installed-");
      installPacked(tarball, dir, name);
      return { tarball, dir };
    },
  ).dir;
}

/**
 * A folder with the packed package installed from its tarball, and each dependency and peer dependency its
 * package.json declares linked from this checkout's node_modules (installed from the same lock file), rather than
 * unpacked again from the npm cache: the AWS SDK's and Azure's packages took 12 to 18 CPU seconds of npm's
 * time to unpack, and the AWS provider binding is 390 MB. A module the package needs but does not declare is still
 * missing here, as in a user's install (stricter: nothing is hoisted beside it). Scripts are not run: a linked
 * folder would run its own package's prepare (ldapts' calls husky), and the packed package has none to run.
 */
export function installPacked(tarball: string, dir: string, name: string): void {
  const declared = JSON.parse(mustRun("tar", ["-xzOf", tarball, "package/package.json"], { cwd: dir })) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    scripts?: Record<string, string>;
  };
  const hooks = ["preinstall", "install", "postinstall"].filter((hook) => declared.scripts?.[hook]);
  if (hooks.length) throw new Error(`the packed package has ${hooks.join(", ")}, which a user's install runs: installPacked must run them too`);
  const linked = Object.keys({ ...declared.dependencies, ...declared.peerDependencies });
  const dependencies = Object.fromEntries(linked.map((dependency) => [dependency, `file:${path.join(REPO_ROOT, "node_modules", dependency)}`]));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "installed-app", version: "1.0.0", private: true, dependencies: { ...dependencies, [name]: `file:${tarball}` } }),
  );
  mustRun("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir });
}
