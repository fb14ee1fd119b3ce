/**
 * A real Active Directory domain controller (Debian's Samba AD DC) for the directory tests: provisioned into a
 * temporary folder and run in the foreground as our child, with only its LDAP service and only on loopback.
 * Samba has no setting for the LDAP port, so it takes 389 on 127.0.0.1; a second DC at once would collide, so
 * one test file starts it. Simple binds over plain LDAP are allowed here only (ldap server require strong auth).
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { tempDir } from "../workspace";
import { stopChild, waitForPort } from "./processes";

const SAMBA_TOOL = "/usr/bin/samba-tool";
const SAMBA = "/usr/sbin/samba";
export const AD_PORT = 389;

export interface SambaDomain {
  realm: string;
  domain: string;
  adminPassword: string;
}

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

export async function startSambaAd(domain: SambaDomain): Promise<RunningSambaAd> {
  const folder = tempDir("samba-ad-");
  const settings = [
    "interfaces=lo",
    "bind interfaces only=yes",
    "server services=ldap",
    "ldap server require strong auth=no",
    "ldb:nosync=true",
    `log file=${folder}/log`,
    `pid directory=${folder}`,
  ];
  const provision = spawnSync(
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
      ...settings.map((s) => `--option=${s}`),
    ],
    { encoding: "utf8", timeout: 180_000 },
  );
  if (provision.status !== 0) throw new Error(`samba-tool domain provision failed (${provision.status}): ${provision.stderr}`);

  const configFile = path.join(folder, "etc", "smb.conf");
  // -i: foreground, our child; -M single: one process, so stopping it stops everything it started.
  const child: ChildProcess = spawn(SAMBA, ["-i", "-M", "single", `--configfile=${configFile}`, ...settings.map((s) => `--option=${s}`)], {
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
