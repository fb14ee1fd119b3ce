// Preload for `npm run bench:evidence`: at exit, one line on stderr with the time this process spent on the
// evidence (performance.measure "contacts:evidence", EVIDENCE_MEASURE in src/evidence/write-evidence.ts)
// and its own age, so the benchmark measures the real synth process without changing it.
const { performance } = require("perf_hooks");

process.on("exit", () => {
  const evidenceMs = performance.getEntriesByName("contacts:evidence").reduce((sum, entry) => sum + entry.duration, 0);
  process.stderr.write(`EVIDENCE_TIMINGS ${JSON.stringify({ evidenceMs, processMs: performance.now() })}\n`);
});
