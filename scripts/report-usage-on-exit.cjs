/**
 * A preload for the benchmarks (`node --require ./scripts/report-usage-on-exit.cjs ...`): measures a
 * process from outside the product, which carries no timing code. At exit it writes one line to stderr:
 *   PROCESS_USAGE {"wallMs":<ms since the process started>,"maxRssKb":<peak resident memory>}
 * Read it with readProcessUsage (scripts/process-usage.ts).
 */
"use strict";
const fs = require("fs");
const { performance } = require("perf_hooks");

process.on("exit", () => {
  const usage = { wallMs: performance.now(), maxRssKb: process.resourceUsage().maxRSS };
  // Synchronous: nothing asynchronous runs once "exit" is emitted.
  fs.writeSync(2, `PROCESS_USAGE ${JSON.stringify(usage)}\n`);
});
