/**
 * Runs the Graph reader in a process of its own, as the command will: the stand-in's self-signed certificate is
 * trusted through NODE_EXTRA_CA_CERTS, which Node reads only at start (Node 20 has no way to add a CA to the
 * default store later, and global fetch takes no CA option). One process serves a test file: each stdin line is a
 * job (JSON), answered by one stdout line, the reading or the error. The credential comes from the job's
 * environment through readEnvironment, as the command's comes from the process's.
 */
import * as readline from "node:readline";

import { readGraphDirectory } from "../../../src/directory/graph";
import type { GraphSourceConfig } from "../../../src/model/directory-reading";
import { readEnvironment } from "../../../src/run/environment";

interface Job {
  config: GraphSourceConfig;
  addresses: string[];
  now: string;
  env: Record<string, string>;
  limits?: { requestTimeoutMs?: number; maxRetries?: number; maxRetryAfterSeconds?: number };
}

async function run(job: Job): Promise<string> {
  const progress: [number, number][] = [];
  try {
    const reading = await readGraphDirectory(job.config, job.addresses, {
      now: new Date(job.now),
      environment: readEnvironment(job.env),
      limits: job.limits,
      onProgress: (done, total) => progress.push([done, total]),
    });
    return JSON.stringify({ reading, progress });
  } catch (error) {
    const e = error as Error & { source?: string; address?: string };
    return JSON.stringify({ error: { name: e.name, message: e.message, source: e.source, address: e.address }, progress });
  }
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on("line", (line) => {
  queue = queue.then(async () => {
    process.stdout.write(`${await run(JSON.parse(line) as Job)}\n`);
  });
});
