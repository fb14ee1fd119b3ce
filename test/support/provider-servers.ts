/**
 * Keeps hashicorp/aws provider processes running between the terraform commands of a test file, and points each
 * command at one of them with TF_REATTACH_PROVIDERS, Terraform's documented way to use a provider it did not start.
 *
 * Why: a provider start costs seconds of CPU. Terraform starts the provider anew for every command (and a plan or
 * an apply more than once), and the provider builds its schema of some 1,500 resources each time. Measured on two
 * cores with Terraform 1.11 and hashicorp/aws 5.100.0, one small plan: 5.3 s of CPU when Terraform starts the
 * provider, 2.6 s (Terraform 2.0, the provider 0.6) when it attaches to one already running. The provider, the
 * Terraform CLI and the requests the stand-in sees are the same either way.
 *
 * When a command attaches (all of these, else Terraform starts the provider as usual):
 * - it is one that runs the provider (plan, apply, show, ...; never init, which installs it);
 * - the configuration has one aws provider configuration: a running provider serves one configuration at a time,
 *   and Terraform would configure it once per alias (show and validate, which only read the schema, attach anyway);
 * - `terraform init` installed the provider in the working directory (its binary is the one that is started).
 * A provider serves one command at a time, and only commands with the same working directory (a provider resolves
 * relative paths from its own) and the same extra environment (it reads AWS_* variables from its own).
 *
 * TF_TEST_REATTACH=0 turns this off, to compare or to rule it out.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "./temp-dirs";

const ATTACHING_COMMANDS = new Set(["plan", "apply", "show", "validate", "import", "refresh", "destroy", "console", "output"]);
// These read the provider's schema and never configure it, so one running provider serves any number of aliases.
const SCHEMA_ONLY_COMMANDS = new Set(["show", "validate", "providers"]);
const PROVIDER_DIR = path.join(".terraform", "providers", "registry.terraform.io", "hashicorp", "aws");
const REATTACH_LINE = /TF_REATTACH_PROVIDERS='(\{.*\})'/;
const START_TIMEOUT_MS = 120_000;
const MAX_IDLE_SERVERS = 3;

interface ProviderServer {
  key: string;
  child: ChildProcess;
  reattach: string;
  /** The provider's own process id (the child is the shell that started it). */
  pid?: number;
  busy: boolean;
  exited: boolean;
}

const servers: ProviderServer[] = [];

/** The installed provider binary when this command can attach to a running provider, else undefined. */
export function attachableProvider(args: readonly string[], cwd: string): string | undefined {
  if (process.env.TF_TEST_REATTACH === "0") return undefined;
  const [sub, next] = args;
  if (!ATTACHING_COMMANDS.has(sub) && !(sub === "providers" && next === "schema")) return undefined;
  if (!SCHEMA_ONLY_COMMANDS.has(sub) && configurationHasAliases(cwd)) return undefined;
  return installedBinary(cwd);
}

/**
 * Whether the configuration may hold more than one aws provider configuration: an alias anywhere, or a provider
 * block in a local module (a folder below the root), which configures a provider of its own.
 */
function configurationHasAliases(cwd: string, depth = 0): boolean {
  for (const entry of fs.readdirSync(path.join(cwd), { withFileTypes: true })) {
    const file = path.join(cwd, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".") && depth < 3) {
      if (configurationHasAliases(file, depth + 1)) return true;
    } else if (entry.isFile() && (entry.name.endsWith(".tf") || entry.name.endsWith(".tf.json"))) {
      const text = fs.readFileSync(file, "utf8");
      if (/"alias"\s*:|^\s*alias\s*=/m.test(text)) return true;
      if (depth > 0 && /^\s*provider\s+"aws"|"provider"\s*:/m.test(text)) return true;
    }
  }
  return false;
}

function installedBinary(cwd: string): string | undefined {
  const versions = readDir(path.join(cwd, PROVIDER_DIR));
  if (versions.length !== 1) return undefined;
  const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
  const dir = path.join(cwd, PROVIDER_DIR, versions[0], platform);
  const binaries = readDir(dir).filter((n) => n.startsWith("terraform-provider-aws"));
  return binaries.length === 1 ? fs.realpathSync(path.join(dir, binaries[0])) : undefined;
}

function readDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Runs `fn` with the TF_REATTACH_PROVIDERS value of a provider that serves it alone. A provider that a command
 * left in doubt (`healthy` false: timed out or killed) is stopped rather than served again.
 */
export async function withProviderServer<T>(
  binary: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  extraEnvKey: string,
  fn: (reattach: string) => Promise<{ value: T; healthy: boolean }>,
): Promise<T> {
  const key = JSON.stringify([binary, cwd, extraEnvKey]);
  const server = servers.find((s) => s.key === key && !s.busy && !s.exited) ?? (await startServer(key, binary, cwd, env));
  server.busy = true;
  let healthy = false;
  try {
    const outcome = await fn(server.reattach);
    healthy = outcome.healthy;
    return outcome.value;
  } finally {
    server.busy = false;
    if (!healthy) stopServer(server);
    else stopIdleBeyond(MAX_IDLE_SERVERS, server);
  }
}

/**
 * Each provider holds about 700 MB once it has served its schema, and a file that works in many folders would keep
 * one per folder until its end: beyond a few idle ones, the longest idle is stopped (it costs one start if wanted).
 */
function stopIdleBeyond(limit: number, justUsed: ProviderServer): void {
  const at = servers.indexOf(justUsed);
  if (at >= 0) servers.push(...servers.splice(at, 1));
  const idle = servers.filter((s) => !s.busy && !s.exited);
  for (const server of idle.slice(0, Math.max(0, idle.length - limit))) stopServer(server);
}

/**
 * The provider runs under a shell that stops it (SIGINT, as its debug mode expects) when its standard input closes:
 * at stopProviderServers(), or when this jest worker dies without cleaning up, so no provider outlives the run.
 */
function startServer(key: string, binary: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ProviderServer> {
  const script = '"$0" -debug & p=$!; read -r _; kill -INT "$p"; wait "$p"';
  // Its listening socket goes to a folder of this test file's, removed after the file.
  const child = spawn("sh", ["-c", script, binary], { cwd, env: { ...env, TMPDIR: tempDir("tf-provider-") }, stdio: ["pipe", "pipe", "pipe"] });
  const server: ProviderServer = { key, child, reattach: "", busy: true, exited: false };
  servers.push(server);
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(`printed no TF_REATTACH_PROVIDERS within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const fail = (why: string): void => {
      clearTimeout(timer);
      stopServer(server);
      reject(new Error(`${binary} -debug ${why}:\n${output}`));
    };
    const onData = (d: Buffer): void => {
      output += d.toString("utf8");
      const found = REATTACH_LINE.exec(output);
      if (!found || server.reattach) return;
      clearTimeout(timer);
      server.reattach = found[1];
      server.pid = providerPid(found[1]);
      child.stdout?.removeListener("data", onData);
      // Keep reading so that a chatty provider never blocks on a full pipe.
      child.stdout?.resume();
      resolve(server);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d: Buffer) => {
      if (!server.reattach) output += d.toString("utf8");
    });
    child.on("error", (e) => fail(`could not start: ${e.message}`));
    child.on("close", (code) => {
      server.exited = true;
      const at = servers.indexOf(server);
      if (at >= 0) servers.splice(at, 1);
      if (!server.reattach) fail(`exited ${code} before it was ready`);
    });
  });
}

function providerPid(reattach: string): number | undefined {
  const entries = Object.values(JSON.parse(reattach) as Record<string, { Pid?: unknown }>);
  return entries.length === 1 && typeof entries[0].Pid === "number" ? entries[0].Pid : undefined;
}

function providerCpuSeconds(server: ProviderServer): string {
  try {
    const fields = fs.readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) / 100).toFixed(1);
  } catch {
    return "?";
  }
}

function stopServer(server: ProviderServer): void {
  server.exited = true;
  server.child.stdin?.end();
}

function killServer(server: ProviderServer): void {
  for (const pid of [server.pid, server.child.pid]) {
    try {
      if (pid) process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Stops every provider this test file started and waits for them to exit. */
export async function stopProviderServers(): Promise<void> {
  const running = servers.splice(0);
  if (process.env.TF_TEST_TIMINGS === "1") for (const server of running) console.info(`provider ${server.pid}: ${providerCpuSeconds(server)} s of CPU`);
  await Promise.all(
    running.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
          server.child.once("close", () => resolve());
          const kill = setTimeout(() => killServer(server), 10_000);
          kill.unref();
          stopServer(server);
        }),
    ),
  );
}
