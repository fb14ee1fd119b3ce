import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";

import type { DirectoryReading, GraphSourceConfig } from "../../../src/model/directory-reading";

export interface GraphReaderRun {
  reading?: DirectoryReading;
  error?: { name: string; message: string; source?: string; address?: string };
  progress: [number, number][];
}

export interface GraphReaderJob {
  config: GraphSourceConfig;
  addresses: string[];
  now: string;
  limits?: Record<string, number>;
}

/**
 * readGraphDirectory in one child process that trusts `caFile` (started once per test file: starting Node with
 * tsx and @azure/identity costs seconds). Each run gets only the environment given: no AZURE_* variable of the
 * test's own environment leaks in. The stand-in keeps answering in the test's process meanwhile.
 */
export class GraphReaderProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = "";

  constructor(caFile: string) {
    const script = path.join(__dirname, "run-graph-reader.ts");
    const env = { PATH: process.env.PATH ?? "", TSX_DISABLE_CACHE: "1", NODE_EXTRA_CA_CERTS: caFile };
    // tsx by its resolved path: the child runs in the certificate's temporary folder, not in the checkout.
    this.child = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), script], { cwd: path.dirname(caFile), env });
    this.child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString("utf8")));
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => this.waiting.shift()?.(line));
    this.child.on("close", (status) => {
      for (const resolve of this.waiting.splice(0)) resolve(JSON.stringify({ crashed: `exit ${status}: ${this.stderr}` }));
    });
  }

  run(job: GraphReaderJob, env: Record<string, string>): Promise<GraphReaderRun> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        const result = JSON.parse(line) as GraphReaderRun & { crashed?: string };
        if (result.crashed) reject(new Error(`the reader process ended: ${result.crashed}`));
        else resolve(result);
      });
      this.child.stdin.write(`${JSON.stringify({ ...job, env })}\n`);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("close", () => resolve());
      // Idle keep-alive connections to the stand-in would hold the child's event loop open for seconds.
      this.child.kill();
    });
  }
}
