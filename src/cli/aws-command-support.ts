import * as path from "path";
import { awsCallLimits, type AwsCallLimits } from "../aws/call-limits";
import { MAX_CONCURRENCY } from "../aws/pacing";
import { progressReporter, type Progress } from "../aws/progress";
import { readEnvironment } from "../run/environment";
import { UsageError } from "../model/usage-error";
import type { ContactReadResult } from "../aws/contact-reader";
import { PRIMARY_CONTACT_TYPE, type ContactType } from "../model/contact-types";
import type { EffectiveContacts } from "../registry/effective-contacts";
import type { CliIo } from "./command";

/*
 * What the commands that call AWS share. Nothing here loads the AWS SDK with the module: `contacts <command>
 * --help` loads the command's module, and the SDK's modules are required only when a command reads AWS.
 */

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

/** How long one attempt of an AWS call may take in this run (CONTACTS_AWS_TIMEOUT_MS, else the default). */
export function callLimitsFor(io: CliIo): AwsCallLimits {
  return awsCallLimits(readEnvironment(io.env));
}

/** Progress on standard error: a bar on a terminal, a line every 10% in a log. */
export function progressFor(io: CliIo, label: string): Progress {
  return progressReporter({ write: (text) => io.stderr(text), tty: process.stderr.isTTY === true, label });
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

/** `to` as a path relative to the folder of `from`, with forward slashes, as a registry names files. */
export function relativeFrom(from: string, to: string): string {
  return path
    .relative(path.dirname(path.resolve(from)), path.resolve(to))
    .split(path.sep)
    .join("/");
}

/**
 * The contacts AWS holds now for these accounts (the primary contact too when `primary`), read at the
 * paced rate with progress on standard error; a read that fails after the SDK's retries is a failure
 * naming its account, never a missing contact.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): the binary registers tsx for CommonJS only */
export async function readContactsFromAws(
  command: string,
  io: CliIo,
  accounts: readonly { id: string; management: boolean }[],
  options: { concurrency: number; primary: boolean },
): Promise<ContactReadResult> {
  const { openAccountClient } = require("../aws/account-client") as typeof import("../aws/account-client");
  const { readLiveContacts } = require("../aws/contact-reader") as typeof import("../aws/contact-reader");
  return readLiveContacts(await openAccountClient(callLimitsFor(io)), accounts, {
    ...options,
    command: `contacts ${command}`,
    progress: progressFor(io, "accounts' contacts read"),
  });
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The registry accounts' contacts of these types as AWS holds them now, and when the read began. */
export async function readRegistryAccountsFromAws(
  command: string,
  io: CliIo,
  effective: readonly EffectiveContacts[],
  types: readonly ContactType[],
  concurrency: number,
): Promise<ContactReadResult & { readAt: string }> {
  const readAt = new Date().toISOString();
  const accounts = effective.map((a) => ({ id: a.account.id, management: a.account.management }));
  return { readAt, ...(await readContactsFromAws(command, io, accounts, { concurrency, primary: types.includes(PRIMARY_CONTACT_TYPE) })) };
}
