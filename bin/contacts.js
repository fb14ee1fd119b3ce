#!/usr/bin/env node
// Runs the TypeScript sources directly, as cdktf.json's app does: nothing to build between editing and running.
require("tsx/cjs");
const { runCli } = require("../src/cli/main.ts");

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // For scripts/bench-commands.ts: the same one-line protocol as the synth app's.
  if (process.env.CONTACTS_TIMINGS === "1") process.stderr.write(`CONTACTS_TIMINGS ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
