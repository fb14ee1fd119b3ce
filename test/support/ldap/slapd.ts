/**
 * A real OpenLDAP server (Debian's slapd) for the directory tests: its own slapd.conf, mdb database and LDIF in a
 * temporary folder, listening on a free loopback port only, so it neither needs nor disturbs a system slapd.
 * The data is loaded offline with slapadd before the server starts (thousands of entries in a second).
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "../workspace";
import { freeLoopbackPort, waitForPort, stopChild } from "./processes";

export const SLAPD = "/usr/sbin/slapd";
const SLAPADD = "/usr/sbin/slapadd";
const SCHEMA = "/etc/ldap/schema";

export interface SlapdOptions {
  suffix: string;
  rootDN: string;
  rootPassword: string;
  /** The whole database, as LDIF (the suffix entry first). */
  ldif: string;
  /** slapd.conf lines added to the database section: limits, referrals, access rules. */
  databaseLines?: string[];
  /** slapd.conf lines added to the global section (before the database). */
  globalLines?: string[];
}

export interface RunningSlapd {
  url: string;
  port: number;
  folder: string;
  stop(): Promise<void>;
}

/** Why slapd cannot run here, or undefined when it can. */
export function slapdProblem(): string | undefined {
  for (const binary of [SLAPD, SLAPADD]) if (!fs.existsSync(binary)) return `${binary} is not installed (apt-get install slapd)`;
  if (!fs.existsSync(path.join(SCHEMA, "inetorgperson.schema"))) return `${SCHEMA}/inetorgperson.schema is missing (apt-get install slapd)`;
  return undefined;
}

function slapdConf(folder: string, options: SlapdOptions): string {
  return [
    ...["core", "cosine", "inetorgperson"].map((schema) => `include ${SCHEMA}/${schema}.schema`),
    `pidfile ${folder}/slapd.pid`,
    `argsfile ${folder}/slapd.args`,
    "modulepath /usr/lib/ldap",
    "moduleload back_mdb",
    ...(options.globalLines ?? []),
    "database mdb",
    "maxsize 104857600",
    `suffix "${options.suffix}"`,
    `rootdn "${options.rootDN}"`,
    `rootpw ${options.rootPassword}`,
    `directory ${folder}/data`,
    ...(options.databaseLines ?? []),
    "access to attrs=userPassword by anonymous auth by * none",
    "access to * by * read",
    "",
  ].join("\n");
}

/** Writes the configuration, loads the LDIF and starts slapd on a free 127.0.0.1 port; resolves once it accepts connections. */
export async function startSlapd(options: SlapdOptions): Promise<RunningSlapd> {
  const folder = tempDir("slapd-");
  fs.mkdirSync(path.join(folder, "data"));
  const conf = path.join(folder, "slapd.conf");
  fs.writeFileSync(conf, slapdConf(folder, options));
  fs.writeFileSync(path.join(folder, "data.ldif"), options.ldif);
  const load = spawnSync(SLAPADD, ["-q", "-f", conf, "-l", path.join(folder, "data.ldif")], { encoding: "utf8", timeout: 60_000 });
  if (load.status !== 0) throw new Error(`slapadd failed (${load.status}): ${load.stderr}`);

  const port = await freeLoopbackPort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d keeps slapd in the foreground as our child, so it dies with the test and never becomes a stray daemon.
  const child: ChildProcess = spawn(SLAPD, ["-f", conf, "-h", `${url}/`, "-d", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForPort(port, child, 15_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`slapd did not start: ${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return { url, port, folder, stop: () => stopChild(child) };
}
