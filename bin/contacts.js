#!/usr/bin/env node
// Runs the TypeScript sources directly, as cdktf.json's app does: nothing to build between editing and running.
require("tsx/cjs");
const { runCli } = require("../src/cli/main.ts");

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
