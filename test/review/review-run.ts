import { runCli } from "../../src/cli/main";
import { GitRepo } from "../support/git-repo";
import { exampleText, TODAY } from "../support/workspace";

export const REGISTRY = "contacts/registry.yaml";

export interface ReviewRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** `contacts review` in-process, in the repository, with a fixed today: the command as a pipeline runs it. */
export async function review(repo: GitRepo, ...args: string[]): Promise<ReviewRun> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(["review", ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: repo.dir,
    env: { CONTACTS_TODAY: TODAY },
  });
  return { status, stdout, stderr };
}

/** A repository whose last commit changes the example registry into `after`. */
export function changedRepo(after: string, before = exampleText()): GitRepo {
  return new GitRepo().write(REGISTRY, before).commit("base").write(REGISTRY, after).commit("change");
}
