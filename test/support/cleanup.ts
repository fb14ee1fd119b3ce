import fs from "node:fs";
import { stopProviderServers } from "./provider-servers";
import { removeTempDirs } from "./temp-dirs";

// TEST_CPU_LOG=<file>: one line per test file with the CPU seconds it cost, its own and its children's (every
// process it started and waited for), for docs/performance.md. A jest worker runs one file at a time.
const cpuLog = process.env.TEST_CPU_LOG;
const cpuSeconds = (): number => {
  const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
};
const cpuAtStart = cpuLog ? cpuSeconds() : 0;

// Every test file leaves the temporary folder as it found it, and no provider it started running.
afterAll(async () => {
  await stopProviderServers();
  removeTempDirs();
  if (cpuLog) fs.appendFileSync(cpuLog, `${(cpuSeconds() - cpuAtStart).toFixed(1)} ${expect.getState().testPath}\n`);
});
