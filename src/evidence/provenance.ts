import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Provenance } from "./evidence";

/**
 * Which registry the evidence is about, in terms an auditor can check later: the sha256 of the file's bytes
 * (what was judged) and the git commit it belongs to, with whether the file differs from that commit (then
 * the hash, not the commit, identifies it). Outside a git repository, or without git, the commit is "unknown".
 */
export function provenanceOf(run: { registryFile: string; cwd: string; source: string; toolVersion: string; now?: Date }): Provenance {
  const { registryFile, source, toolVersion } = run;
  const absolute = path.resolve(run.cwd, registryFile);
  const registrySha256 = fileSha256(absolute);
  // One git call answers both: the commit (branch.oid) and the file's state against it.
  const status = git(path.dirname(absolute), ["status", "--porcelain=v2", "--branch", "--ignored", "--", path.basename(absolute)]);
  const commit = /^# branch\.oid ([0-9a-f]{40,64})$/m.exec(status ?? "")?.[1];
  let gitState: Provenance["gitState"] = "unknown";
  if (commit) {
    const entry = status!.split("\n").find((line) => !line.startsWith("#") && line !== "");
    gitState = entry === undefined ? "committed" : /^[?!]/.test(entry) ? "untracked" : "modified";
  }
  const gitCommit = commit ?? "unknown";
  return { registryFile, registrySha256, gitCommit, gitState, generatedAt: (run.now ?? new Date()).toISOString(), source, toolVersion };
}

/** The sha256 of a file's bytes, hex; undefined when it cannot be read. `contacts drift` records the registry's, evidence matches it. */
export function fileSha256(file: string): string | undefined {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/** git's answer, trimmed; undefined when git is missing, the folder is in no repository, or the command fails. */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}
