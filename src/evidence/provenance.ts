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
  let registrySha256: string | undefined;
  try {
    registrySha256 = createHash("sha256").update(fs.readFileSync(absolute)).digest("hex");
  } catch {
    registrySha256 = undefined;
  }
  const folder = path.dirname(absolute);
  const gitCommit = git(folder, ["rev-parse", "--verify", "HEAD"]) ?? "unknown";
  let gitState: Provenance["gitState"] = "unknown";
  if (gitCommit !== "unknown") {
    const status = git(folder, ["status", "--porcelain", "--", path.basename(absolute)]);
    if (status !== undefined) gitState = status === "" ? "committed" : status.startsWith("??") ? "untracked" : "modified";
  }
  return { registryFile, registrySha256, gitCommit, gitState, generatedAt: (run.now ?? new Date()).toISOString(), source, toolVersion };
}

/** git's answer, trimmed; undefined when git is missing, the folder is in no repository, or the command fails. */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}
