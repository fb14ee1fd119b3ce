#!/usr/bin/env node
// Runs the TypeScript sources directly, as cdktf.json's app does: nothing to build between editing and running.
require("tsx/cjs");
const { runCli } = require("../src/cli/main.ts");
const { EXIT_INTERNAL_ERROR } = require("../src/run/exit-codes.ts");

runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    // Not the user's mistake (those are one line and exit 2): a bug. Never exit 1, which a pipeline reads as "policy failed".
    process.stderr.write(
      `contacts: internal error, a bug in contacts rather than in your input; please report it with this trace:\n${error && error.stack ? error.stack : error}\n`,
    );
    process.exitCode = EXIT_INTERNAL_ERROR;
  });
