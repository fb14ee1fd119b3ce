import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "./workspace";

const BIN = path.join(REPO_ROOT, "bin/contacts.js");

export interface ContactsRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `contacts <args>` as a user does, a process of its own, without blocking this one: the stand-in the
 * command talks to runs in the test's process and must keep answering. `onStart` gets the child, e.g. to
 * interrupt it.
 */
export function runContacts(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onStart?: (child: ChildProcess) => void; timeoutMs?: number },
): Promise<ContactsRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 480_000);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
    options.onStart?.(child);
  });
}
