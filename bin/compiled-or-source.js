"use strict";
/**
 * Loads this project's modules compiled (dist/, which `npm run build` writes and `npm ci` runs) when that
 * build was made from the sources as they are now, and the TypeScript sources through tsx otherwise: an edit
 * never runs stale code, and a built checkout starts without compiling TypeScript (at 10,000 accounts that
 * is about a hundred megabytes less at peak). An installed package has no sources and runs dist/.
 *
 * `node bin/compiled-or-source.js --build` is `npm run build`: dist/ from scratch, then the stamp. `--prepare`
 * (npm's prepare, which `npm ci` and `npm pack` run) keeps a dist/ already built from these sources, builds
 * it otherwise, and never fails the install: without a build, the sources run through tsx.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
/** The digest of the sources dist/ was built from; written last, so a build cut short leaves none. */
const STAMP = path.join(DIST, ".sources-sha256");
/** What the build reads: a change to any of these makes dist/ stale. */
const INPUTS = [
  "main.ts",
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "src",
  "policies",
  "schema",
  "scripts/timed-synth.ts",
  "scripts/floor-synth.ts",
];
/** Files the code reads at run time beside itself (the evidence page's script and style): copied as they are. */
const ASSET_FOLDERS = ["src", "policies"];

function filesUnder(relative) {
  const absolute = path.join(ROOT, relative);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [relative];
  return fs
    .readdirSync(absolute)
    .sort()
    .flatMap((name) => filesUnder(path.join(relative, name)));
}

function sourcesDigest() {
  const hash = crypto.createHash("sha256");
  for (const file of INPUTS.flatMap(filesUnder))
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(ROOT, file)))
      .update("\0");
  return hash.digest("hex");
}

function compiledIsCurrent() {
  if (!fs.existsSync(path.join(ROOT, "src"))) return true;
  try {
    return fs.readFileSync(STAMP, "utf8").trim() === sourcesDigest();
  } catch {
    return false;
  }
}

let compiled;
/** `require` of a project module by its path from the root without extension, e.g. "src/cli/main". */
function loadProjectModule(relative) {
  if (compiled === undefined) {
    compiled = compiledIsCurrent();
    if (!compiled) require("tsx/cjs");
  }
  return require(path.join(compiled ? DIST : ROOT, relative));
}

/**
 * dist/ from scratch, built beside it and then swapped in: a process running from dist/ meanwhile (a test,
 * a synth) never finds it half-written or missing.
 */
function build() {
  // Taken first: an edit made while tsc runs leaves dist/ stale, not stamped as current.
  const digest = sourcesDigest();
  const building = `${DIST}.building-${process.pid}`;
  const retired = `${DIST}.retired-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  try {
    const tsc = require("child_process").spawnSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json"), "--outDir", building],
      { stdio: "inherit" },
    );
    if (tsc.status !== 0) return tsc.status ?? 1;
    for (const file of ASSET_FOLDERS.flatMap(filesUnder).filter((name) => !name.endsWith(".ts"))) {
      fs.mkdirSync(path.dirname(path.join(building, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(building, file));
    }
    fs.writeFileSync(path.join(building, path.basename(STAMP)), `${digest}\n`);
    if (fs.existsSync(DIST)) fs.renameSync(DIST, retired);
    fs.renameSync(building, DIST);
    return 0;
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
    fs.rmSync(retired, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const mode = process.argv[2];
  if (mode === "--build") process.exitCode = build();
  else if (mode === "--prepare") {
    let status;
    try {
      status = fs.existsSync(STAMP) && compiledIsCurrent() ? 0 : build();
    } catch (error) {
      process.stderr.write(`${error.message}\n`);
    }
    if (status !== 0) process.stderr.write("dist/ was not built (see above): cdktf synth and contacts run the TypeScript sources through tsx.\n");
  } else {
    process.stderr.write("usage: node bin/compiled-or-source.js --build | --prepare\n");
    process.exitCode = 2;
  }
}

module.exports = { loadProjectModule, compiledIsCurrent };
