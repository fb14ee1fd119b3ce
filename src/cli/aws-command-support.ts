import * as path from "path";
import { MAX_CONCURRENCY } from "../aws/contact-reader";
import { progressReporter, type Progress } from "../aws/progress";
import { UsageError } from "../run/usage-error";
import { writeAtomically } from "../run/write-atomically";
import type { CliIo } from "./command";

/** `--concurrency`, the same for every command that reads contacts. */
export const CONCURRENCY_OPTION = {
  value: "<n>",
  default: "8",
  description: `accounts read at once, 1 to ${MAX_CONCURRENCY}; the reads are paced under Account Management's quota (10 GetAlternateContact and 10 GetContactInformation a second, burst 15, per calling account) whatever this is`,
} as const;

export function parseConcurrency(command: string, value: string): number {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_CONCURRENCY) return n;
  throw new UsageError(
    `contacts ${command}: --concurrency ${value} is not a whole number from 1 to ${MAX_CONCURRENCY} (AWS allows a burst of ${MAX_CONCURRENCY} reads a second per account; more at once would only be throttled). Fix: e.g. --concurrency 8.`,
  );
}

/** Progress on standard error: a bar on a terminal, a line every 10% in a log. */
export function progressFor(io: CliIo, label: string): Progress {
  return progressReporter((text) => io.stderr(text), process.stderr.isTTY === true, label);
}

/**
 * Until the returned function is called, Ctrl-C (or a TERM) ends the command with one line and exit 130
 * (143), between two steps: never inside the writes, which come last and are synchronous, so a command
 * stopped before them has written nothing and none is ever left half-written.
 */
export function stopCleanlyOnInterrupt(command: string, io: CliIo): () => void {
  const stop = (signal: NodeJS.Signals) => {
    io.stderr(`\ncontacts ${command}: interrupted (${signal}); nothing was written.\n`);
    process.exit(128 + (signal === "SIGINT" ? 2 : 15));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
}

/** Writes each file whole (a temporary file renamed into place); a failure is one line naming the file. */
export function writeOutputs(command: string, cwd: string, files: readonly { file: string; text: string }[]): void {
  for (const { file, text } of files) {
    try {
      writeAtomically(path.resolve(cwd, file), text);
    } catch (error) {
      throw new UsageError(`contacts ${command}: cannot write ${file} (${(error as Error).message}). Fix: choose a writable path.`);
    }
  }
}

/** `to` as a path relative to the folder of `from`, with forward slashes, as a registry names files. */
export function relativeFrom(from: string, to: string): string {
  return path
    .relative(path.dirname(path.resolve(from)), path.resolve(to))
    .split(path.sep)
    .join("/");
}
