"use strict";
// Compares two synthesized stacks (cdk.tf.json), one per CDK core, and prints every difference by its path.
// Exits 1 when they differ in more than the core's own version in the metadata and the local state path
// (which names the folder synth ran in). Usage: node .ci/compare-synth.js <cdktf's cdk.tf.json> <cdktn's cdk.tf.json>
const fs = require("fs");

const EXPECTED = [/^\/\/\.metadata\.version$/, /^terraform\.backend\.local\.path$/];

function differences(a, b, at = "") {
  if (a === b) return [];
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) {
    return [{ path: at, a: JSON.stringify(a), b: JSON.stringify(b) }];
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((key) => differences(a[key], b[key], at ? `${at}.${key}` : key));
}

const [first, second] = process.argv.slice(2).map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
const found = differences(first, second);
for (const { path, a, b } of found) process.stdout.write(`  ${path}: ${a} (cdktf) vs ${b} (cdktn)\n`);
const unexpected = found.filter(({ path }) => !EXPECTED.some((pattern) => pattern.test(path)));
process.stdout.write(
  unexpected.length
    ? `${unexpected.length} unexpected difference(s) between the cores' configurations\n`
    : `The configurations are the same but for the above (${found.length} expected difference(s)).\n`,
);
process.exitCode = unexpected.length ? 1 : 0;
