/**
 * `npm run bench`: synthesis as a user runs it (a fresh process running what main.ts runs, policy included:
 * scripts/timed-synth.ts, which times the policy from outside the product) on
 * generated registries of 100, 1,000 and 10,000 accounts, against the floor (scripts/floor-synth.ts:
 * the same registry read and the same JSON written, without cdktf). Both run compiled, from dist/, as
 * `cdktf synth` runs a built checkout (it builds first when dist/ is stale). Medians of several runs; ratios
 * against the floor because a shared machine is noisy. Prints a table, writes bench-results/bench.json.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { generateRegistry, GENERATED_TODAY } from "./generate-registry";
import { readProcessUsage, readTaggedLine, REPORT_USAGE_ON_EXIT } from "./process-usage";
import type { SynthTimings } from "./timed-synth";

const ROOT = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS beside the bin entries
const { compiledIsCurrent } = require("../bin/compiled-or-source") as { compiledIsCurrent: () => boolean };
const SIZES: [accounts: number, runs: number][] = [
  [100, 7],
  [1000, 5],
  [10000, 5],
];

interface Run {
  /** The spawned process from outside, start to exit: what a user waits for. */
  wallMs: number;
  /** Peak memory, from the report-usage-on-exit.cjs preload (the same measure for synth and floor). */
  maxRssKb: number;
  /** Synth only (scripts/timed-synth.ts): runSynth from its start, after imports, and the policy's part. */
  synth?: SynthTimings;
}

function timed(args: string[], env: NodeJS.ProcessEnv): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...REPORT_USAGE_ON_EXIT, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  const usage = readProcessUsage(result.stderr);
  if (!usage) throw new Error(`${args.join(" ")} printed no PROCESS_USAGE line`);
  return { wallMs, maxRssKb: usage.maxRssKb, synth: readTaggedLine<SynthTimings>(result.stderr, "SYNTH_TIMINGS") };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

if (!compiledIsCurrent()) {
  const build = spawnSync(process.execPath, [path.join(ROOT, "bin/compiled-or-source.js"), "--build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`npm run build exited ${build.status}`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-bench-"));
const rows = [];
for (const [accounts, runs] of SIZES) {
  const registry = path.join(work, `registry-${accounts}.yaml`);
  fs.writeFileSync(registry, generateRegistry({ accounts }));
  const synth: Run[] = [];
  const floor: Run[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the two so drift in the machine's load hits both alike.
    const run = timed(["dist/scripts/timed-synth.js"], {
      CONTACTS_REGISTRY: registry,
      CDKTF_OUTDIR: path.join(work, `out-${accounts}`),
      CONTACTS_TODAY: GENERATED_TODAY,
    });
    if (!run.synth) throw new Error("scripts/timed-synth.ts printed no SYNTH_TIMINGS line");
    synth.push(run);
    floor.push(timed(["dist/scripts/floor-synth.js", registry, path.join(work, `floor-${accounts}.tf.json`)], {}));
  }
  const row = {
    accounts,
    runs,
    synthMs: median(synth.map((r) => r.wallMs)),
    synthPeakMb: median(synth.map((r) => r.maxRssKb)) / 1024,
    policyMs: median(synth.map((r) => r.synth?.policyMs ?? 0)),
    runSynthMs: median(synth.map((r) => r.synth?.totalMs ?? 0)),
    floorMs: median(floor.map((r) => r.wallMs)),
    floorPeakMb: median(floor.map((r) => r.maxRssKb)) / 1024,
  };
  rows.push({ ...row, ratio: row.synthMs / row.floorMs, policyShare: row.policyMs / row.synthMs });
}
fs.rmSync(work, { recursive: true, force: true });

const byAccounts = new Map(rows.map((r) => [r.accounts, r]));
const big = byAccounts.get(10000)!;
const targets = [
  { target: "10,000 accounts within 4x the floor", value: `${big.ratio.toFixed(2)}x`, met: big.ratio <= 4 },
  { target: "10,000 accounts under 250 MB peak", value: `${big.synthPeakMb.toFixed(0)} MB`, met: big.synthPeakMb < 250 },
  {
    target: "10,000 cost at most 12x 1,000",
    value: `${(big.synthMs / byAccounts.get(1000)!.synthMs).toFixed(2)}x`,
    met: big.synthMs / byAccounts.get(1000)!.synthMs <= 12,
  },
  { target: "policy at most 15% of synthesis at 10,000", value: `${(big.policyShare * 100).toFixed(1)}%`, met: big.policyShare <= 0.15 },
  { target: "100 accounts: app process under 1.5 s", value: `${(byAccounts.get(100)!.synthMs / 1000).toFixed(2)} s`, met: byAccounts.get(100)!.synthMs < 1500 },
];
const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
};

const table = [
  "| accounts | runs | synth (median) | peak memory | policy share | floor (median) | floor memory | synth / floor |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.accounts.toLocaleString("en-US")} | ${r.runs} | ${(r.synthMs / 1000).toFixed(2)} s | ${r.synthPeakMb.toFixed(0)} MB | ${(r.policyShare * 100).toFixed(1)}% | ${(r.floorMs / 1000).toFixed(2)} s | ${r.floorPeakMb.toFixed(0)} MB | ${r.ratio.toFixed(2)}x |`,
  ),
];
process.stdout.write(
  `Machine: ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.date}\n\n${table.join("\n")}\n\n`,
);
for (const t of targets) process.stdout.write(`${t.met ? "met    " : "NOT MET"}  ${t.target}: ${t.value}\n`);
fs.mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
fs.writeFileSync(path.join(ROOT, "bench-results/bench.json"), JSON.stringify({ machine, rows, targets }, null, 2));
process.stdout.write("\nFigures written to bench-results/bench.json\n");
