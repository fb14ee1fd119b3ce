/**
 * Runs the real Terraform CLI and the real hashicorp/aws provider (from an offline
 * filesystem mirror) against the local Account Management API stand-in.
 *
 * How the provider is pointed at the stand-in: writeLocalApiOverride() writes
 * `zz_local_api_override.tf.json` next to the configuration (region, keys, the skip_* flags), and
 * every terraform command run in that folder gets AWS_ENDPOINT_URL_ACCOUNT, which hashicorp/aws
 * honours as the AWS SDKs do. Not an `endpoints` block in the override: the provider spends about
 * 2 s of CPU validating a provider configuration that has one (it lists some 300 services), and it
 * validates each configuration at least once per command (one small plan: 3.7 s of the provider's
 * CPU with the block, 0.7 s without). A configuration's own `endpoints` block would win over the
 * variable; no fixture has one.
 *
 * Terraform merges any `*_override.tf(.json)` file into the block of the same kind and name (for
 * providers: same local name and alias): top-level arguments replace the original's, and a nested
 * block type present in the override replaces all of the original's blocks of that type. Checked
 * with Terraform 1.11 and hashicorp/aws 5.100.0 against a
 * cdktf-style `cdk.tf.json` whose provider is an array of one object
 * ({"provider":{"aws":[{"region":"us-east-1"}]}}): the override applies, including to
 * aliased providers when an entry with the same "alias" is listed. Two limits found:
 * - an override entry for an alias the configuration doesn't declare is an error
 *   ("Missing base provider configuration for override"), so aliases must be named;
 * - `"assume_role": []` does not remove the original's assume_role (an empty list adds
 *   no block, so nothing is replaced) and the provider then calls STS. An assume_role
 *   block with an empty role_arn does replace it and the provider skips the assume step
 *   (with a "Missing required argument" deprecation warning): see neutralizeAssumeRole.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AWS_PROVIDER_VERSION, findProviderMirror } from "./provider-mirror";
import { attachableProvider, withProviderServer } from "./provider-servers";
import { tempDir } from "./temp-dirs";

export { AWS_PROVIDER_VERSION };
export const OVERRIDE_FILE_NAME = "zz_local_api_override.tf.json";
export const FIXTURES_DIR = path.resolve(__dirname, "..", "fixtures", "hcl");

export interface TerraformToolchain {
  /** Absolute path of the terraform binary. */
  binary: string;
  version: string;
  /** Filesystem mirror root (the folder holding registry.terraform.io/). */
  pluginMirror: string;
  /** CLI configuration written by the harness and passed as TF_CLI_CONFIG_FILE. */
  cliConfigFile: string;
}

export type TerraformSetup = { available: true; toolchain: TerraformToolchain } | { available: false; reason: string };

let cachedSetup: TerraformSetup | undefined;

function findOnPath(name: string): string | undefined {
  const candidates = name.includes(path.sep)
    ? [path.resolve(name)]
    : (process.env.PATH ?? "")
        .split(path.delimiter)
        .filter(Boolean)
        .map((d) => path.join(d, name));
  for (const c of candidates) {
    try {
      if (fs.statSync(c).isFile()) {
        fs.accessSync(c, fs.constants.X_OK);
        return c;
      }
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

// HCL string literal; JSON escaping is a subset HCL accepts.
const hclString = (s: string): string => JSON.stringify(s);

/**
 * Finds terraform (TERRAFORM_BINARY_NAME or `terraform` on PATH) and the provider mirror
 * (see provider-mirror.ts), and writes the CLI configuration into this test file's temporary
 * folder. Never throws: a missing piece comes back as a one-line reason.
 */
export function terraformSetup(): TerraformSetup {
  if (cachedSetup) return cachedSetup;
  cachedSetup = computeSetup();
  return cachedSetup;
}

function computeSetup(): TerraformSetup {
  const binaryName = process.env.TERRAFORM_BINARY_NAME || "terraform";
  const binary = findOnPath(binaryName);
  if (!binary) {
    return {
      available: false,
      reason: binaryName === "terraform" ? "Terraform not found on PATH" : `Terraform not found on PATH (TERRAFORM_BINARY_NAME=${binaryName})`,
    };
  }
  const mirror = findProviderMirror(AWS_PROVIDER_VERSION);
  if (!mirror.found) return { available: false, reason: mirror.reason };
  const pluginMirror = mirror.root;

  // No plugin_cache_dir: from an unpacked mirror Terraform links the provider in place, and a
  // cache shared by parallel jest workers is not safe (one worker's init replaced the binary
  // while another's apply was starting it: "fork/exec ...terraform-provider-aws_v5.100.0_x5:
  // no such file or directory"). Only the mirror is listed, so Terraform never reaches for the
  // registry: a provider missing from the mirror fails `init` at once instead of hanging.
  const cliConfigFile = path.join(tempDir("terraform-cli-"), "terraform.rc");
  fs.writeFileSync(
    cliConfigFile,
    [
      "disable_checkpoint = true",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${hclString(pluginMirror)}`,
      '    include = ["registry.terraform.io/*/*"]',
      "  }",
      "}",
      "",
    ].join("\n"),
  );

  const toolchainWithoutVersion = { binary, pluginMirror, cliConfigFile };
  const v = spawnSync(binary, ["version", "-json"], {
    env: terraformEnv(toolchainWithoutVersion, {}),
    encoding: "utf8",
    timeout: 120_000,
  });
  if (v.status !== 0) {
    return { available: false, reason: `${binary} version failed: ${(v.stderr || v.error?.message || "").trim().split("\n")[0]}` };
  }
  let version = "unknown";
  try {
    version = (JSON.parse(v.stdout) as { terraform_version: string }).terraform_version;
  } catch {
    // Older CLIs have no -json; the version string is only informative.
  }
  return { available: true, toolchain: { ...toolchainWithoutVersion, version } };
}

/** The toolchain, or an Error carrying the setup reason. */
export function requireTerraform(): TerraformToolchain {
  const s = terraformSetup();
  if (!s.available) throw new Error(s.reason);
  return s.toolchain;
}

/**
 * describe() that needs Terraform. When the toolchain is missing, the suite is skipped and
 * the reason printed (jest counts its tests as skipped, never as passed); under CI=true the
 * suite fails instead, since a CI that silently stops running these tests would look green.
 */
export function describeWithTerraform(name: string, fn: () => void): void {
  const s = terraformSetup();
  if (s.available) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === "true") {
    throw new Error(`${name}: ${s.reason}`);
  }
  console.warn(`[${name}] skipped: ${s.reason}`);
  describe.skip(`${name} (skipped: ${s.reason})`, fn);
}

export interface RunOptions {
  cwd: string;
  /** Extra environment for terraform and the provider (wins over the harness's). */
  env?: Record<string, string | undefined>;
  /** Kill terraform (and the provider) after this long (default 180 s). */
  timeoutMs?: number;
}

export interface TerraformResult {
  args: string[];
  cwd: string;
  code: number;
  /** The signal that ended terraform, if one did. */
  signal?: NodeJS.Signals;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

// Subcommands that take -input=false / -no-color (others reject unknown flags).
const INPUT_COMMANDS = new Set(["init", "plan", "apply", "import", "refresh", "destroy"]);
const NO_COLOR_COMMANDS = new Set([
  "init",
  "plan",
  "apply",
  "import",
  "refresh",
  "destroy",
  "show",
  "validate",
  "output",
  "console",
  "providers",
  "graph",
  "test",
  "untaint",
  "taint",
  "get",
]);

// Variables that would send the provider to real AWS, change where Terraform keeps its
// state or plugins, or inject flags: none may leak in from the developer's shell.
const STRIPPED_ENV = /^(AWS_|TF_LOG|TF_DATA_DIR$|TF_WORKSPACE$|TF_CLI_ARGS|TF_PLUGIN_CACHE_DIR$|TF_VAR_|TF_REATTACH_PROVIDERS$|TF_CLI_CONFIG_FILE$)/;

function terraformEnv(toolchain: Pick<TerraformToolchain, "cliConfigFile">, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!STRIPPED_ENV.test(k)) env[k] = v;
  const noProxy = [env.NO_PROXY ?? env.no_proxy, "127.0.0.1", "localhost", "::1"].filter(Boolean).join(",");
  Object.assign(env, {
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_CLI_CONFIG_FILE: toolchain.cliConfigFile,
    AWS_EC2_METADATA_DISABLED: "true",
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    // Terraform and the provider allocate heavily to build and read the provider's schema: a
    // laxer GC than Go's default (100) costs less CPU, up to a point. Measured on 2 cores
    // (Terraform 1.11, hashicorp/aws 5.100.0), a plan that starts its provider: 5.6 s of CPU
    // at 100, 4.7 at 200, 5.6 at 800 (the page faults of a larger heap); `show -json` with a
    // running provider: 1.7 at 100, 1.45 at 200, 1.75 at 800.
    GOGC: env.GOGC ?? "200",
  });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Counting semaphore: terraform + provider are CPU-heavy, so concurrent tests queue here. */
class Slots {
  private waiters: (() => void)[] = [];
  constructor(private free: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

// One more than the cores: fault tests spend much of their time in the SDK's backoff
// sleeps, and another command can use the CPU meanwhile.
const slots = new Slots(Number(process.env.TF_TEST_PARALLELISM) || os.availableParallelism() + 1);

/** Every command run in this process, in completion order (for timing summaries). */
export const terraformRuns: TerraformResult[] = [];

/** One line per command: duration, exit code, arguments; for TF_TEST_TIMINGS=1 reports. */
export function formatTerraformRuns(runs: readonly TerraformResult[] = terraformRuns): string {
  const total = runs.reduce((n, r) => n + r.durationMs, 0);
  return [
    ...runs.map((r) => `${(r.durationMs / 1000).toFixed(1).padStart(6)} s  exit ${r.code}  terraform ${r.args.join(" ")}  (${path.basename(r.cwd)})`),
    `${(total / 1000).toFixed(1).padStart(6)} s  in ${runs.length} commands (summed; they overlap)`,
  ].join("\n");
}

/** Runs terraform once; never throws for a non-zero exit (see terraform() for that). */
export function runTerraform(args: readonly string[], given: RunOptions): Promise<TerraformResult> {
  const opts: RunOptions = { ...given, env: { ...localApiEnvironment(given.cwd), ...given.env } };
  const toolchain = requireTerraform();
  const [sub, ...rest] = args;
  const fullArgs = [sub];
  if (NO_COLOR_COMMANDS.has(sub)) fullArgs.push("-no-color");
  if (INPUT_COMMANDS.has(sub)) fullArgs.push("-input=false");
  fullArgs.push(...rest);
  const binary = attachableProvider(args, opts.cwd);
  if (!binary) return slots.run(() => spawnTerraform(toolchain, fullArgs, opts, {}));
  const extra = opts.env ?? {};
  return slots.run(() =>
    withProviderServer(binary, opts.cwd, terraformEnv(toolchain, extra), JSON.stringify(extra), async (reattach) => {
      const result = await spawnTerraform(toolchain, fullArgs, opts, { TF_REATTACH_PROVIDERS: reattach });
      return { value: result, healthy: !result.timedOut && result.signal === undefined };
    }),
  );
}

function spawnTerraform(toolchain: TerraformToolchain, fullArgs: string[], opts: RunOptions, harnessEnv: Record<string, string>): Promise<TerraformResult> {
  const timeoutMs = opts.timeoutMs ?? 480_000;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(toolchain.binary, fullArgs, {
      cwd: opts.cwd,
      env: terraformEnv(toolchain, { ...opts.env, ...harnessEnv }),
      stdio: ["ignore", "pipe", "pipe"],
      // Own process group, so a timeout also ends the provider plugin terraform started.
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    let timedOut = false;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      setTimeout(() => killGroup("SIGKILL"), 5000).unref();
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result: TerraformResult = {
        args: fullArgs,
        cwd: opts.cwd,
        code: code ?? (signal ? 128 : -1),
        signal: signal ?? undefined,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        durationMs: Date.now() - started,
        timedOut,
      };
      terraformRuns.push(result);
      resolve(result);
    });
  });
}

export class TerraformCommandError extends Error {
  constructor(
    readonly result: TerraformResult,
    expected: readonly number[],
  ) {
    super(
      [
        `terraform ${result.args.join(" ")} (in ${result.cwd}) exited ${result.code}` +
          `${result.timedOut ? " after timing out" : ""}, expected ${expected.join(" or ")}, after ${result.durationMs} ms`,
        "--- stdout ---",
        result.stdout.trimEnd(),
        "--- stderr ---",
        result.stderr.trimEnd(),
      ].join("\n"),
    );
    this.name = "TerraformCommandError";
  }
}

/**
 * Runs terraform and throws, with everything Terraform printed, unless the exit code is
 * one of `expectExitCodes` (default [0]).
 */
export async function terraform(args: readonly string[], opts: RunOptions & { expectExitCodes?: readonly number[] }): Promise<TerraformResult> {
  const expected = opts.expectExitCodes ?? [0];
  const result = await runTerraform(args, opts);
  if (!expected.includes(result.code)) throw new TerraformCommandError(result, expected);
  return result;
}

export interface PlannedChange {
  address: string;
  change: { actions: string[]; importing?: object };
}

function planActions(action: string, importing: object | undefined): string[] {
  if (action === "noop" || (action === "import" && importing !== undefined)) return ["no-op"];
  if (action === "replace") return ["delete", "create"];
  return [action];
}

/**
 * The changes a `terraform plan -json` announced on its standard output: one planned_change per resource instance
 * that changes or is imported (a no-op import too), with its actions named as in the JSON plan (`terraform show
 * -json`), which costs a command more and one more provider start (seconds of CPU). In this output an import that
 * changes nothing is the action "import" (Terraform 1.11), in the JSON plan "no-op" with importing set; "noop" is
 * "no-op"; "replace" is ["delete", "create"] (this output does not say which comes first, create_before_destroy
 * or not, so compare replaces as sets); any other action keeps its name.
 */
export function plannedChanges(planJsonOutput: string): PlannedChange[] {
  const messages = planJsonOutput
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { type: string; change?: { resource: { addr: string }; action: string; importing?: object } });
  return messages.flatMap(({ type, change }) =>
    type === "planned_change" && change
      ? [{ address: change.resource.addr, change: { actions: planActions(change.action, change.importing), importing: change.importing } }]
      : [],
  );
}

export interface LocalApiOverrideOptions {
  /** Aliased `aws` providers in the configuration that must also use the stand-in. */
  aliases?: readonly string[];
  /**
   * The provider's SDK retry budget (attempts after the first). 25 is the provider's own
   * default; the fault tests count on it to outlast a run of 429s and 500s.
   */
  maxRetries?: number;
  /** Replace any assume_role in the configuration with one the provider skips. */
  neutralizeAssumeRole?: boolean;
  fileName?: string;
}

/** Writes the override that sends provider "aws" (and the given aliases) to the stand-in; returns its path. */
export function writeLocalApiOverride(dir: string, apiUrl: string, opts: LocalApiOverrideOptions = {}): string {
  const u = new URL(apiUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(u.hostname) && !/^127\./.test(u.hostname)) {
    throw new Error(`refusing to point the AWS provider at a non-loopback endpoint: ${apiUrl}`);
  }
  const block = (alias?: string): Record<string, unknown> => ({
    ...(alias ? { alias } : {}),
    region: "us-east-1",
    // Static dummy keys: the provider signs requests with them and never looks further
    // (no shared config, no IMDS, no STS with the skip_* flags below).
    access_key: "AKIDLOCALACCOUNTAPI",
    secret_key: "local-account-api-secret-key",
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    max_retries: opts.maxRetries ?? 25,
    ...(opts.neutralizeAssumeRole ? { assume_role: [{ role_arn: "" }] } : {}),
  });
  const providers = [block(), ...(opts.aliases ?? []).map((a) => block(a))];
  const file = path.join(dir, opts.fileName ?? OVERRIDE_FILE_NAME);
  fs.writeFileSync(file, `${JSON.stringify({ provider: { aws: providers } }, null, 2)}\n`);
  localApiEndpoints.set(path.resolve(dir), apiUrl.replace(/\/$/, ""));
  return file;
}

/** The stand-in each folder's override was written for: its commands get it as AWS_ENDPOINT_URL_ACCOUNT. */
const localApiEndpoints = new Map<string, string>();

function localApiEnvironment(cwd: string): Record<string, string> {
  const url = localApiEndpoints.get(path.resolve(cwd));
  return url ? { AWS_ENDPOINT_URL_ACCOUNT: url } : {};
}

/**
 * Managed resources straight from the local backend's terraform.tfstate. Unlike
 * `terraform show -json` this starts no provider (which costs seconds with hashicorp/aws),
 * so tests use it between commands; addresses are Terraform's: "type.name", or "type.name["key"]" for an instance
 * of count or for_each (root module only).
 */
export function readLocalState(dir: string): Map<string, Record<string, unknown>> {
  const file = path.join(dir, "terraform.tfstate");
  const out = new Map<string, Record<string, unknown>>();
  if (!fs.existsSync(file)) return out;
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as {
    version: number;
    resources?: {
      mode: string;
      type: string;
      name: string;
      module?: string;
      instances: { index_key?: string | number; attributes: Record<string, unknown> }[];
    }[];
  };
  if (state.version !== 4) throw new Error(`unexpected state format version ${state.version} in ${file}`);
  for (const r of state.resources ?? []) {
    if (r.mode !== "managed" || r.module) continue;
    for (const instance of r.instances) {
      const index = instance.index_key === undefined ? "" : `[${JSON.stringify(instance.index_key)}]`;
      out.set(`${r.type}.${r.name}${index}`, instance.attributes);
    }
  }
  return out;
}

export interface WorkdirOptions {
  /** Folders under test/fixtures/hcl whose files are copied, in order, into the workdir. */
  fixtures: readonly string[];
  /** Written as terraform.tfvars.json. */
  vars?: Record<string, unknown>;
  /** When given, the override pointing the provider at this URL is written. */
  apiUrl?: string;
  override?: LocalApiOverrideOptions;
  /** Run `terraform init` (default true). */
  init?: boolean;
}

const createdWorkdirs: string[] = [];

/** A fresh temporary working directory made from fixtures, initialised once. */
export async function prepareWorkdir(opts: WorkdirOptions): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "account-api-tf-"));
  createdWorkdirs.push(dir);
  for (const name of opts.fixtures) {
    const src = path.join(FIXTURES_DIR, name);
    for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const dest = path.join(dir, entry.name);
      if (fs.existsSync(dest)) throw new Error(`fixtures ${opts.fixtures.join(", ")} both provide ${entry.name}`);
      fs.copyFileSync(path.join(src, entry.name), dest);
    }
  }
  if (opts.vars) fs.writeFileSync(path.join(dir, "terraform.tfvars.json"), `${JSON.stringify(opts.vars, null, 2)}\n`);
  if (opts.apiUrl) writeLocalApiOverride(dir, opts.apiUrl, opts.override);
  if (opts.init ?? true) await terraform(["init"], { cwd: dir });
  return dir;
}

/** Deletes the workdirs prepareWorkdir made, unless KEEP_TF_WORKDIRS=1 (for post-mortems). */
export function removeWorkdirs(): void {
  if (process.env.KEEP_TF_WORKDIRS === "1") {
    // The override names no endpoint: a command run there by hand needs the stand-in's address, or it goes to AWS.
    const kept = createdWorkdirs.map((dir) => [dir, ...Object.entries(localApiEnvironment(dir)).map(([name, value]) => `  ${name}=${value}`)].join("\n"));
    if (kept.length) console.warn(`kept Terraform workdirs:\n${kept.join("\n")}`);
    return;
  }
  for (const d of createdWorkdirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
