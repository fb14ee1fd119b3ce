import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../model/usage-error";

/** A file tree as of one git commit: what `review` reads the base side from. */
export interface Revision {
  /** The ref as the user wrote it, e.g. origin/main or HEAD~1. */
  ref: string;
  commit: string;
  /** Absolute path of the repository's top level. */
  root: string;
}

function git(args: string[], cwd: string) {
  // Large registries: a 10,000-account file is a few MB, well above spawnSync's default buffer.
  return spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
}

/** Resolves `ref` to a commit of the repository holding `cwd`, or explains why it cannot. */
export function openRevision(ref: string, cwd: string): Revision {
  const top = git(["rev-parse", "--show-toplevel"], cwd);
  if (top.error)
    throw new UsageError(`contacts review: git could not be run (${top.error.message}). Fix: install git and run the command inside the repository.`);
  if (top.status !== 0)
    throw new UsageError(`contacts review: ${cwd} is not inside a git repository. Fix: run the command from the repository that holds the registry.`);
  if (ref.startsWith("-"))
    throw new UsageError(`contacts review: --base ${ref} is not a revision. Fix: name a branch, tag or commit, e.g. --base origin/main.`);
  const commit = git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd);
  if (commit.status !== 0) {
    throw new UsageError(
      `contacts review: the base revision "${ref}" does not exist in this repository. Fix: fetch it first (in CI: actions/checkout with fetch-depth: 0, or git fetch origin <branch>), or name an existing branch, tag or commit.`,
    );
  }
  return { ref, commit: commit.stdout.trim(), root: fs.realpathSync(top.stdout.trim()) };
}

/** The repository-relative path of a working-tree file, as git names it at any revision. */
export function pathInRepository(revision: Revision, file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const real = fs.existsSync(absolute) ? fs.realpathSync(absolute) : path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
  return path.relative(revision.root, real).split(path.sep).join("/");
}

/** The text of a file at the revision, or undefined when the revision has no such file. */
export function readAtRevision(revision: Revision, repositoryPath: string): string | undefined {
  const shown = git(["show", `${revision.commit}:${repositoryPath}`], revision.root);
  return shown.status === 0 ? shown.stdout : undefined;
}
