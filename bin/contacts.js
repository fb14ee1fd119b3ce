#!/usr/bin/env node
// Runs the compiled modules when dist/ is current, else the TypeScript sources, as cdktf.json's app does (see compiled-or-source.js).
const { loadProjectModule } = require("./compiled-or-source");
const { runCli } = loadProjectModule("src/cli/main");
const { EXIT_INTERNAL_ERROR } = loadProjectModule("src/run/exit-codes");
const { inertText } = loadProjectModule("src/reports/inert-text");

runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    // Not the user's mistake (those are one line and exit 2): a bug. Never exit 1, which a pipeline reads as "policy failed".
    process.stderr.write(
      inertText(
        `contacts: internal error, a bug in contacts rather than in your input; please report it with this trace:\n${error && error.stack ? error.stack : error}\n`,
      ),
    );
    process.exitCode = EXIT_INTERNAL_ERROR;
  });
