import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT, tempDir } from "./workspace";

/** A throwaway git repository, committed with a fixed identity so tests do not depend on the machine's git config. */
export class GitRepo {
  readonly dir = fs.realpathSync(tempDir("contacts-review-"));

  constructor() {
    this.git("init", "-q", "-b", "main");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Test",
        GIT_AUTHOR_EMAIL: "test@example.com",
        GIT_COMMITTER_NAME: "Test",
        GIT_COMMITTER_EMAIL: "test@example.com",
      },
    });
  }

  write(file: string, text: string): this {
    const target = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    return this;
  }

  commit(message: string): this {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this;
  }

  /**
   * Makes the repository look like an adopter's checkout of this project (package.json, the code, the
   * installed dependencies), so `npx contacts` resolves the project's own bin entry as it does for them.
   */
  adoptProject(): this {
    fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(this.dir, "package.json"));
    for (const entry of ["bin", "src", "policies", "schema", "node_modules", "tsconfig.json"])
      fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(this.dir, entry));
    return this;
  }
}
