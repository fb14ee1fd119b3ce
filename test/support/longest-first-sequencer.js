"use strict";
/**
 * Orders the test files longest first, so that two workers finish together instead of one running the Terraform
 * suites alone at the end. jest does this from its cache of the last run's times, but a fresh clone (CI) has no
 * cache, and jest then orders by file size: the Terraform suites are short files, so they started last.
 * Where the cache has no time for a file, the time below stands in for it (seconds of a worker, measured on an idle
 * two-core machine; only the order matters, so they need not be exact). Failed files still run first.
 */
const path = require("path");
const Sequencer = require("@jest/test-sequencer").default;

const ROOT = path.resolve(__dirname, "../..");

/** A worker's seconds per file, for the files that take more than ten. */
const KNOWN_SECONDS = {
  "test/terraform-e2e.test.ts": 82,
  "test/cli/check-plan.test.ts": 79,
  "test/import-e2e.test.ts": 56,
  "test/account-api.test.ts": 43,
  "test/cli/import.test.ts": 40,
  "test/cli/check-plan-accounts.test.ts": 36,
  "test/cli/drift.test.ts": 30,
  "test/cdktf/cdktf-cli.test.ts": 27,
  "test/cdktf/failing-synth-at-scale.test.ts": 27,
  "test/packed-plugin.test.ts": 23,
  "test/aws/aws-readers.test.ts": 18,
  "test/evidence/evidence-command.test.ts": 15,
  "test/adopter-e2e.test.ts": 15,
  "test/evidence/evidence-page.browser.test.ts": 15,
  "test/review/review.test.ts": 13,
  "test/tests-own-fixtures.test.ts": 13,
  "test/cli/custom-rules.test.ts": 13,
  "test/github-workflow.test.ts": 12,
};

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    // The base sort records each file's cached time on test.duration (undefined when it has none).
    const sorted = super.sort(tests);
    const seconds = (test) => (test.duration != null ? test.duration / 1000 : (KNOWN_SECONDS[path.relative(ROOT, test.path)] ?? 0));
    const failed = (test) => (this.hasFailed(test) ? 1 : 0);
    // Array.prototype.sort is stable: files with equal times keep the base order (by size).
    return [...sorted].sort((a, b) => failed(b) - failed(a) || seconds(b) - seconds(a));
  }
}

module.exports = LongestFirstSequencer;
