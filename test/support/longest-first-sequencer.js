"use strict";
/**
 * Orders the test files longest first, so that the workers finish together instead of one running the Terraform
 * suites alone at the end. jest does this from its cache of the last run's times, but a fresh clone (CI) has no
 * cache, and jest then orders by file size: the Terraform suites are short files, so they started last.
 * Where the cache has no time for a file, the time below stands in for it (seconds of a worker, measured on an idle
 * two-core machine; only the order matters, so they need not be exact). Failed files still run first.
 */
const path = require("path");
const Sequencer = require("@jest/test-sequencer").default;

const ROOT = path.resolve(__dirname, "../..");

/** A worker's seconds per file (three workers, idle machine, a fresh clone), for the files that take eight or more. */
const KNOWN_SECONDS = {
  "test/terraform-e2e.test.ts": 45,
  "test/cli/check-plan.test.ts": 34,
  "test/cli/drift.test.ts": 27,
  "test/cli/check-plan-accounts.test.ts": 26,
  "test/github-workflow.test.ts": 24,
  // On a fresh clone it provisions the Samba domain it keeps as a template (later runs take about 15 s).
  "test/directory/ldap-active-directory.test.ts": 22,
  "test/import-e2e.test.ts": 22,
  "test/cli/import.test.ts": 20,
  "test/aws/aws-readers.test.ts": 18,
  "test/cdktf/cdktf-cli.test.ts": 18,
  "test/packed-plugin.test.ts": 17,
  "test/evidence/evidence-command.test.ts": 16,
  "test/review/review.test.ts": 13,
  "test/evidence/evidence-page.browser.test.ts": 13,
  "test/account-api.test.ts": 12,
  "test/cli/audit.test.ts": 11,
  "test/cli/custom-rules.test.ts": 11,
  "test/cdktf/failing-synth-at-scale.test.ts": 10,
  "test/tests-own-fixtures.test.ts": 9,
  "test/adopter-e2e.test.ts": 8,
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
