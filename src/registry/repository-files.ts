import * as fs from "fs";
import * as path from "path";

/**
 * The folder that bounds the files a registry may name: the git top level of the registry's folder (the
 * nearest ancestor holding `.git`, a folder or a worktree's file), or the registry's own folder when it is
 * in no repository. Found without running git, so a registry outside any repository still loads.
 */
export function repositoryRoot(registryFolder: string): string {
  for (let dir = path.resolve(registryFolder); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(registryFolder);
  }
}

/**
 * Why a path the registry names would leave its repository, if it would: an absolute path, `..` past the
 * root, or a symbolic link inside that leads out. A pull request could otherwise have the tool read any
 * file of the machine that reviews it. `named` is relative to the registry's folder.
 */
export function leavesRepository(registryFolder: string, named: string): string | undefined {
  if (path.isAbsolute(named)) return "it is an absolute path";
  const root = repositoryRoot(registryFolder);
  const target = path.resolve(registryFolder, named);
  if (outside(root, target)) return `it leads outside the repository (${root})`;
  let real: string;
  try {
    real = fs.realpathSync(target);
  } catch {
    return undefined; // Not there (yet): reading it reports that.
  }
  if (outside(fs.realpathSync(root), real)) return `it is a symbolic link that leads outside the repository (${root})`;
  return undefined;
}

function outside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === ".." || relative.startsWith(".." + path.sep) || path.isAbsolute(relative);
}
