/**
 * A real Active Directory domain controller (Debian's Samba AD DC) for the directory tests: provisioned into a
 * temporary folder and run in the foreground as our child, with only its LDAP service and only on loopback.
 * Samba has no setting for the LDAP port, so it takes 389 on 127.0.0.1; a second DC at once would collide, so
 * one test file starts it. Simple binds over plain LDAP are allowed here only (ldap server require strong auth).
 *
 * Provisioning and filling the directory (hundreds of users over LDAP) cost most of the test file's time, and give the
 * same database every run: the first run keeps the stopped DC's folder as a template under
 * node_modules/.cache/contacts-tests/samba-ad/, keyed by the Samba version, the host, the domain, the settings and
 * the caller's key for its contents; later runs copy it into their own temporary folder and start a real samba there.
 */
import { createHash } from "crypto";
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, tempDir } from "../workspace";
import { stopChild, waitForPort } from "./processes";

const SAMBA_TOOL = "/usr/bin/samba-tool";
const SAMBA = "/usr/sbin/samba";
export const AD_PORT = 389;

export interface SambaDomain {
  realm: string;
  domain: string;
  adminPassword: string;
}

/** What the caller puts into a new directory, and a key that changes whenever that does. */
export interface SambaContents {
  key: string;
  fill(dc: RunningSambaAd): Promise<void>;
}

export const SAMBA_TEMPLATE_CACHE = path.join(REPO_ROOT, "node_modules", ".cache", "contacts-tests", "samba-ad");

export interface RunningSambaAd {
  url: string;
  baseDN: string;
  adminDN: string;
  folder: string;
  stop(): Promise<void>;
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/** Why a Samba AD DC cannot run here, or undefined when it can. */
export async function sambaAdProblem(): Promise<string | undefined> {
  for (const binary of [SAMBA_TOOL, SAMBA]) if (!fs.existsSync(binary)) return `${binary} is not installed (apt-get install samba samba-ad-dc winbind)`;
  if (process.getuid?.() !== 0) return "the Samba AD DC needs root to provision and to listen on port 389";
  if (await portTaken(AD_PORT)) return `127.0.0.1:${AD_PORT} is already in use (another LDAP server?)`;
  return undefined;
}

const settingsFor = (folder: string): string[] => [
  "interfaces=lo",
  "bind interfaces only=yes",
  "server services=ldap",
  "ldap server require strong auth=no",
  "ldb:nosync=true",
  `log file=${folder}/log`,
  `pid directory=${folder}`,
];

/** Where the template of this domain and these contents is kept (whether or not it exists yet). */
export function sambaTemplateFolder(domain: SambaDomain, contents: SambaContents): string {
  const version = spawnSync(SAMBA, ["--version"], { encoding: "utf8" }).stdout.trim();
  const key = JSON.stringify([version, os.hostname(), domain, settingsFor("<folder>"), contents.key]);
  return path.join(SAMBA_TEMPLATE_CACHE, createHash("sha256").update(key).digest("hex").slice(0, 32));
}

/**
 * A DC of `domain` holding `contents`: from the template when there is one, else provisioned, filled, stopped and
 * kept as the template, then started again.
 */
export async function startSambaAd(domain: SambaDomain, contents: SambaContents): Promise<RunningSambaAd> {
  const template = sambaTemplateFolder(domain, contents);
  const folder = tempDir("samba-ad-");
  if (fs.existsSync(path.join(template, TEMPLATE_COMPLETE))) {
    copyDatabase(template, folder);
    // The only file naming the folder it was provisioned in (checked with Samba 4.17).
    const configFile = path.join(folder, "etc", "smb.conf");
    const provisionedIn = fs.readFileSync(path.join(template, TEMPLATE_COMPLETE), "utf8");
    fs.writeFileSync(configFile, fs.readFileSync(configFile, "utf8").split(provisionedIn).join(folder));
    return start(domain, folder);
  }
  provision(domain, folder);
  const filling = await start(domain, folder);
  try {
    await contents.fill(filling);
  } finally {
    await filling.stop();
  }
  keepTemplate(folder, template);
  return start(domain, folder);
}

const TEMPLATE_COMPLETE = "template-provisioned-in";

/** The database and configuration, without logs, pid files and sockets of the run that made them. */
function copyDatabase(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const stat = fs.lstatSync(source);
      const name = path.basename(source);
      return (stat.isDirectory() || stat.isFile()) && name !== "log" && !name.startsWith("log.") && !name.endsWith(".pid") && name !== TEMPLATE_COMPLETE;
    },
  });
}

/** Copies the stopped DC's folder into the cache under a temporary name, then renames it into place in one step. */
function keepTemplate(folder: string, template: string): void {
  const partial = `${template}.partial-${process.pid}`;
  try {
    fs.rmSync(partial, { recursive: true, force: true });
    copyDatabase(folder, partial);
    fs.writeFileSync(path.join(partial, TEMPLATE_COMPLETE), folder);
    fs.renameSync(partial, template);
  } catch {
    // Another run kept the same template first, or the cache is not writable: this run is done either way.
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

function provision(domain: SambaDomain, folder: string): void {
  const provisioned = spawnSync(
    SAMBA_TOOL,
    [
      "domain",
      "provision",
      `--targetdir=${folder}`,
      `--realm=${domain.realm}`,
      `--domain=${domain.domain}`,
      "--server-role=dc",
      "--dns-backend=NONE",
      "--use-rfc2307",
      `--adminpass=${domain.adminPassword}`,
      ...settingsFor(folder).map((s) => `--option=${s}`),
    ],
    { encoding: "utf8", timeout: 180_000 },
  );
  if (provisioned.status !== 0) throw new Error(`samba-tool domain provision failed (${provisioned.status}): ${provisioned.stderr}`);
}

async function start(domain: SambaDomain, folder: string): Promise<RunningSambaAd> {
  const configFile = path.join(folder, "etc", "smb.conf");
  // -i: foreground, our child; -M single: one process, so stopping it stops everything it started.
  const child: ChildProcess = spawn(SAMBA, ["-i", "-M", "single", `--configfile=${configFile}`, ...settingsFor(folder).map((s) => `--option=${s}`)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForPort(AD_PORT, child, 60_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`samba did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  const baseDN = domain.realm
    .toLowerCase()
    .split(".")
    .map((part) => `DC=${part}`)
    .join(",");
  return { url: `ldap://127.0.0.1:${AD_PORT}`, baseDN, adminDN: `CN=Administrator,CN=Users,${baseDN}`, folder, stop: () => stopChild(child) };
}
