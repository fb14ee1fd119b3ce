import * as path from "path";

/** Node arguments that load scripts/report-usage-on-exit.cjs, to put before the script a benchmark runs. */
export const REPORT_USAGE_ON_EXIT = ["--require", path.join(__dirname, "report-usage-on-exit.cjs")];

export interface ProcessUsage {
  /** From the process's start to its exit, as the process saw it (Node's start-up included). */
  wallMs: number;
  /** Peak resident memory (process.resourceUsage().maxRSS) at exit. */
  maxRssKb: number;
}

/** The one JSON line a process writes to stderr after `PREFIX `, or undefined when it wrote none. */
export function readTaggedLine<T>(stderr: string, prefix: string): T | undefined {
  const line = stderr.split("\n").find((l) => l.startsWith(`${prefix} `));
  return line === undefined ? undefined : (JSON.parse(line.slice(prefix.length + 1)) as T);
}

/** The PROCESS_USAGE line that report-usage-on-exit.cjs wrote at the process's exit. */
export function readProcessUsage(stderr: string): ProcessUsage | undefined {
  return readTaggedLine<ProcessUsage>(stderr, "PROCESS_USAGE");
}
