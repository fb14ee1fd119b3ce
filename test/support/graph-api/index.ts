import { spawn } from "node:child_process";
import * as path from "node:path";

import type { DirectoryReading, GraphSourceConfig } from "../../../src/model/directory-reading";

export { makeCertificate, type Certificate } from "./certificate";
export { StandInDirectory, type StandInGroup, type StandInUser } from "./directory";
export { GraphApi, startGraphApi, type GraphApiCall, type GraphApiOptions, type GraphFaults } from "./server";

export interface GraphReaderRun {
  reading?: DirectoryReading;
  error?: { name: string; message: string; source?: string; address?: string };
  progress: [number, number][];
  stderr: string;
}

/**
 * readGraphDirectory in a child process that trusts `caFile`, with only the environment given (no AZURE_*
 * variable of the test's own environment leaks in). The stand-in keeps answering in this process meanwhile.
 */
export function runGraphReader(
  job: { config: GraphSourceConfig; addresses: string[]; now: string; limits?: Record<string, number> },
  options: { caFile: string; env: Record<string, string> },
): Promise<GraphReaderRun> {
  const script = path.join(__dirname, "run-graph-reader.ts");
  const env = { PATH: process.env.PATH ?? "", TSX_DISABLE_CACHE: "1", NODE_EXTRA_CA_CERTS: options.caFile, ...options.env };
  return new Promise((resolve, reject) => {
    // tsx by its resolved path: the child runs in the certificate's temporary folder, not in the checkout.
    const child = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), script, JSON.stringify(job)], {
      cwd: path.dirname(options.caFile),
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve({ ...(JSON.parse(line) as Omit<GraphReaderRun, "stderr">), stderr });
      } catch {
        reject(new Error(`the reader printed no result (exit ${status}):\n${stdout}\n${stderr}`));
      }
    });
  });
}
export { CLIENT_ID, CLIENT_SECRET, FEDERATED_TOKEN, NOW, startExampleTenant, TENANT_ID, type ExampleTenant } from "./example-tenant";
