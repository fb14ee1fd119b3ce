/**
 * Debian's chromium driven by playwright-core, as the evidence page's browser test and benchmark use it:
 * the system browser (never a download), headless, with every background connection off (this machine's
 * network is closed and Chromium would otherwise retry Google's hosts at every start), in a fresh profile
 * folder removed on close.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface HeadlessChromium {
  /** The one context of the fresh profile: open pages with context.newPage(). */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Why no browser can be started here, or undefined when one can: the binary is missing, or it does not
 * render a blank page headless (a second, synchronously, so a test file can decide to skip at load time).
 */
export function chromiumProblem(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-probe-"));
  try {
    const run = spawnSync(CHROMIUM, [...ARGS, `--user-data-dir=${profile}`, "--dump-dom", "about:blank"], { encoding: "utf8", timeout: 60_000 });
    if (run.status === 0 && run.stdout.includes("<html")) return undefined;
    const why = run.error?.message ?? (run.stderr.split("\n").find((line) => /error|fail/i.test(line)) || `exit ${run.status ?? run.signal}`);
    return `${CHROMIUM} cannot render a page headless: ${why.trim()}`;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Starts the browser; throws with the reason (no binary, a start that failed) when it cannot. */
export async function launchChromium(): Promise<HeadlessChromium> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  try {
    // playwright-core passes the profile folder to Chromium as --user-data-dir.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: { width: 1400, height: 900 },
      timeout: 60_000,
    });
    return {
      context,
      async close() {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
