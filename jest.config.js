/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Finds the Terraform provider mirror once for every worker, and makes the folder the files of a run share.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  setupFiles: ["<rootDir>/test/support/test-env.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/support/cleanup.ts"],
  transform: {
    // Transpile only (tsconfig's isolatedModules), with esbuild: type-checking is `npm run typecheck`'s job.
    "^.+\\.ts$": "<rootDir>/test/support/esbuild-transform.js",
  },

  // A limit that only catches a hang: on a busy machine a slow test is not a failing one (tests assert what
  // happened, never how fast). The children the tests start have their own, shorter limits, so a hang reports
  // the child's output rather than a bare timeout.
  testTimeout: 600_000,
  // Three workers on this project's two cores: jest's default (cores - 1) would run one file at a time, and many
  // files wait (on the AWS SDK's backoff against a throttling stand-in, a directory server starting, paced reads)
  // as much as they compute; a third worker keeps the cores busy meanwhile (idle, 2 cores: 205 s with two, 192 s
  // with three, for about 8% more CPU from the contention).
  maxWorkers: 3,
  // Longest files first, also on a fresh clone without jest's cache of times: the two workers finish together.
  testSequencer: "<rootDir>/test/support/longest-first-sequencer.js",
  // Not in the temporary folder: a test run leaves that as it found it.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
};
