/**
 * `npm run bench:evidence`: the evidence at 10,000 accounts (scripts/generate-registry.ts).
 * - What writing it adds to synth: the app cdktf.json names, run as `cdktf synth` runs it (a fresh process),
 *   with a preload that reports the time spent in the evidence step (report-evidence-on-exit.cjs); the
 *   share is that time over the rest of the process. Medians of five runs.
 * - The page in Debian's chromium (playwright-core), opened from its file: until its table is built, then
 *   a filter by an account id and by a person's name (each including the page's 120 ms pause after typing),
 *   and a sort. Medians of five fresh pages.
 * Prints a table; writes bench-results/evidence.json. Not a test: figures, not a verdict.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { pathToFileURL } from "url";
import { generateRegistry, GENERATED_TODAY } from "./generate-registry";
import { launchChromium } from "./headless-chromium";
import { readTaggedLine } from "./process-usage";

const ROOT = path.resolve(__dirname, "..");
const ACCOUNTS = 10_000;
const RUNS = 5;
const PRELOAD = ["--require", path.join(__dirname, "report-evidence-on-exit.cjs")];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${Math.round(value)} ms`;

/** The synth app as cdktf.json names it (`node <args>`), with the preload before its own arguments. */
function synthCommand(): string[] {
  const app = (JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app.split(/\s+/);
  if (app[0] !== "node") throw new Error(`cdktf.json's app does not start with node: ${app.join(" ")}`);
  return [...PRELOAD, ...app.slice(1)];
}

function timedSynth(registry: string, outdir: string) {
  const started = performance.now();
  const run = spawnSync(process.execPath, synthCommand(), {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTACTS_REGISTRY: registry, CDKTF_OUTDIR: outdir, CONTACTS_TODAY: GENERATED_TODAY, CHECKPOINT_DISABLE: "1" },
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`synth exited ${run.status}:\n${run.stderr}`);
  const timings = readTaggedLine<{ evidenceMs: number; processMs: number }>(run.stderr, "EVIDENCE_TIMINGS");
  if (!timings?.evidenceMs) throw new Error("synth measured no evidence step: is writeRunEvidence still called from src/cdktf/synth-app.ts?");
  return { wallMs, evidenceMs: timings.evidenceMs };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-bench-evidence-"));
  try {
    const registry = path.join(work, "registry.yaml");
    fs.writeFileSync(registry, generateRegistry({ accounts: ACCOUNTS }));
    const outdir = path.join(work, "cdktf.out");
    const synth = Array.from({ length: RUNS }, () => timedSynth(registry, outdir));
    const synthMs = median(synth.map((r) => r.wallMs));
    const evidenceMs = median(synth.map((r) => r.evidenceMs));
    const share = median(synth.map((r) => r.evidenceMs / (r.wallMs - r.evidenceMs)));
    const sizes = Object.fromEntries(
      ["contact-evidence.html", "contact-evidence.csv", "contact-evidence.md"].map((f) => [f, fs.statSync(path.join(outdir, f)).size]),
    );

    const page = await measurePage(path.join(outdir, "contact-evidence.html"));
    const figures = { accounts: ACCOUNTS, runs: RUNS, synthMs, evidenceMs, evidenceShare: share, sizes, page };
    const targets = [
      { target: "writing the evidence adds less than 10% to synth at 10,000 accounts", value: `${(share * 100).toFixed(1)}%`, met: share < 0.1 },
      {
        target: "the page opens and filters in under 2 s at 10,000 accounts",
        value: ms(page.openMs + page.filterAccountMs),
        met: page.openMs + page.filterAccountMs < 2000,
      },
    ];
    const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, date: new Date().toISOString().slice(0, 10) };
    process.stdout.write(
      [
        `Machine: ${machine.cpus} cores (${machine.cpu}), Node ${machine.node}, ${machine.date}; ${ACCOUNTS.toLocaleString("en-US")} accounts, medians of ${RUNS}`,
        "",
        `synth (whole process): ${ms(synthMs)}; evidence step: ${ms(evidenceMs)} (${(share * 100).toFixed(1)}% added)`,
        `files: ${Object.entries(sizes)
          .map(([f, b]) => `${f} ${(b / 1e6).toFixed(1)} MB`)
          .join(", ")}`,
        `page: opens ${ms(page.openMs)}, filter by account id ${ms(page.filterAccountMs)}, by a person's name ${ms(page.filterPersonMs)}, sort ${ms(page.sortMs)}`,
        "",
        ...targets.map((t) => `${t.met ? "met    " : "NOT MET"}  ${t.target}: ${t.value}`),
        "",
      ].join("\n"),
    );
    fs.mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "bench-results/evidence.json"), `${JSON.stringify({ machine, figures, targets }, null, 2)}\n`);
    process.stdout.write("Figures written to bench-results/evidence.json\n");
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Opens the page in fresh tabs of one browser and times what a reader does first. */
async function measurePage(file: string) {
  const chromium = await launchChromium();
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await chromium.context.newPage();
      const timed = async (act: () => Promise<unknown>) => {
        const started = performance.now();
        await act();
        return performance.now() - started;
      };
      const openMs = await timed(async () => {
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector("html[data-ready]");
      });
      const filter = (text: string) =>
        timed(async () => {
          await page.fill("#filter", text);
          await page.waitForSelector(`#status[data-filter="${text.toLowerCase()}"]`, { state: "attached" });
        });
      const filterAccountMs = await filter("100000004711");
      const rows = Number(await page.locator("#status").getAttribute("data-rows"));
      if (rows !== 4) throw new Error(`filtering by an account id left ${rows} rows, not its 4 contacts`);
      const filterPersonMs = await filter("Person 3");
      await filter("");
      const sortMs = await timed(async () => {
        await page.locator('#contacts-table th[data-key="account"] button').click();
        await page.waitForSelector('#contacts-table th[data-key="account"][aria-sort="ascending"]');
      });
      runs.push({ openMs, filterAccountMs, filterPersonMs, sortMs });
      await page.close();
    }
    return {
      openMs: median(runs.map((r) => r.openMs)),
      filterAccountMs: median(runs.map((r) => r.filterAccountMs)),
      filterPersonMs: median(runs.map((r) => r.filterPersonMs)),
      sortMs: median(runs.map((r) => r.sortMs)),
    };
  } finally {
    await chromium.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
