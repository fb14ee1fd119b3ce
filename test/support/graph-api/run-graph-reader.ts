/**
 * Runs the Graph reader in a process of its own, as the command will: the stand-in's self-signed certificate is
 * trusted through NODE_EXTRA_CA_CERTS, which Node reads only at start (Node 20 has no way to add a CA to the
 * default store later, and global fetch takes no CA option), and the credential comes from the environment
 * through readEnvironment. Input: one JSON argument; output: one JSON line, the reading or the error.
 */
import { readGraphDirectory } from "../../../src/directory/graph";
import type { GraphSourceConfig } from "../../../src/model/directory-reading";
import { readEnvironment } from "../../../src/run/environment";

interface Job {
  config: GraphSourceConfig;
  addresses: string[];
  now: string;
  limits?: { requestTimeoutMs?: number; maxRetries?: number; maxRetryAfterSeconds?: number };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job;
  const environment = readEnvironment(process.env);
  const progress: [number, number][] = [];
  try {
    const reading = await readGraphDirectory(job.config, job.addresses, {
      now: new Date(job.now),
      environment,
      limits: job.limits,
      onProgress: (done, total) => progress.push([done, total]),
    });
    process.stdout.write(`${JSON.stringify({ reading, progress })}\n`);
  } catch (error) {
    const e = error as Error & { source?: string; address?: string };
    process.stdout.write(`${JSON.stringify({ error: { name: e.name, message: e.message, source: e.source, address: e.address }, progress })}\n`);
  }
}

void main();
