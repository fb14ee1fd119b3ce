/**
 * Finds the offline filesystem mirror of hashicorp/aws, so that plain `npm test` runs the
 * Terraform suites with nothing set by hand. In order: TF_PLUGIN_MIRROR; the implied local
 * mirrors Terraform itself searches (https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories);
 * the `filesystem_mirror` paths of the user's CLI configuration; a shallow search of the disk.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The hashicorp/aws version the tests pin, and the one the mirror must hold. */
export const AWS_PROVIDER_VERSION = "5.100.0";

export type MirrorSearch = { found: true; root: string; via: string } | { found: false; reason: string };

const PROVIDER = ["registry.terraform.io", "hashicorp", "aws"];

function holdsProvider(root: string, version: string): boolean {
  return fs.existsSync(path.join(root, ...PROVIDER, version));
}

function impliedMirrors(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || os.homedir();
  const dataDirs = (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":").filter(Boolean);
  return [
    path.join(home, ".terraform.d", "plugins"),
    path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "terraform", "plugins"),
    ...dataDirs.map((d) => path.join(d, "terraform", "plugins")),
  ];
}

/** `path = "..."` inside the filesystem_mirror blocks of an HCL CLI configuration. */
export function filesystemMirrorPaths(cliConfig: string): string[] {
  const paths: string[] = [];
  for (const block of cliConfig.matchAll(/filesystem_mirror\s*\{([^}]*)\}/g)) {
    const p = /\bpath\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(block[1]);
    if (p) paths.push(JSON.parse(`"${p[1]}"`) as string);
  }
  return paths;
}

function configuredMirrors(env: NodeJS.ProcessEnv): string[] {
  const files = [env.TF_CLI_CONFIG_FILE, path.join(env.HOME || os.homedir(), ".terraformrc")].filter((f): f is string => Boolean(f));
  return files.flatMap((f) => {
    try {
      return filesystemMirrorPaths(fs.readFileSync(f, "utf8"));
    } catch {
      return [];
    }
  });
}

// Where a search would only find copies (plugin caches in temporary folders) or waste time.
const SKIPPED = new Set(["/proc", "/sys", "/dev", "/tmp", "/run", "/var/tmp", "/var/lib/docker", "/snap"]);

/** Folders holding registry.terraform.io/ at most `depth` levels below `/`, as `find / -maxdepth 4` finds them. */
function searchDisk(version: string, from: string, depth = 4): string | undefined {
  let level = [from];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (!e.isDirectory()) continue;
        const child = path.join(dir, e.name);
        if (SKIPPED.has(child) || e.name === "node_modules" || e.name.startsWith(".")) continue;
        if (e.name === "registry.terraform.io" && holdsProvider(dir, version)) return dir;
        next.push(child);
      }
    }
    level = next;
  }
  return undefined;
}

export function findProviderMirror(version: string, env: NodeJS.ProcessEnv = process.env, searchFrom = "/"): MirrorSearch {
  const override = env.TF_PLUGIN_MIRROR;
  if (override) {
    const root = path.resolve(override);
    if (!fs.existsSync(path.join(root, "registry.terraform.io"))) {
      return {
        found: false,
        reason: `TF_PLUGIN_MIRROR=${override} has no registry.terraform.io folder; point it at the folder that holds registry.terraform.io/`,
      };
    }
    if (!holdsProvider(root, version)) {
      return { found: false, reason: `TF_PLUGIN_MIRROR=${override} has no hashicorp/aws ${version} (looked for ${path.join(root, ...PROVIDER, version)})` };
    }
    return { found: true, root, via: "TF_PLUGIN_MIRROR" };
  }
  for (const root of impliedMirrors(env)) if (holdsProvider(root, version)) return { found: true, root, via: "Terraform's implied local mirror" };
  for (const root of configuredMirrors(env)) if (holdsProvider(root, version)) return { found: true, root, via: "the CLI configuration's filesystem_mirror" };
  const searched = searchDisk(version, searchFrom);
  if (searched) return { found: true, root: searched, via: "a search of the disk" };
  return {
    found: false,
    reason:
      `no filesystem mirror of hashicorp/aws ${version} found (looked at TF_PLUGIN_MIRROR, Terraform's implied local mirrors, ` +
      `the CLI configuration's filesystem_mirror and 4 levels of folders below /); make one with \`terraform providers mirror\` and set TF_PLUGIN_MIRROR to it`,
  };
}
