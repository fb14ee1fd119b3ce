import * as fs from "fs";
import * as path from "path";
import { checkOutputPath } from "../../src/run/output-path";
import { tempDir } from "../support/workspace";

describe("checkOutputPath: a report goes to a new path or a regular file, never over an input", () => {
  const check = (cwd: string, file: string, inputs = [{ file: "plan.json", role: "the plan" }]) =>
    checkOutputPath({ command: "check-plan", option: "--output", file, cwd, inputs });

  test("a new path, in a folder that does not exist yet, is written as named", () => {
    const cwd = tempDir("output-path-");
    expect(check(cwd, "reports/new.sarif")).toBe(path.join(cwd, "reports/new.sarif"));
  });

  test("a regular file is replaced; through a symbolic link, the file it points at", () => {
    const cwd = tempDir("output-path-");
    fs.writeFileSync(path.join(cwd, "old.json"), "old");
    fs.symlinkSync("old.json", path.join(cwd, "link.json"));
    expect(check(cwd, "old.json")).toBe(path.join(cwd, "old.json"));
    expect(check(cwd, "link.json")).toBe(fs.realpathSync(path.join(cwd, "old.json")));
  });

  test("an input is refused under another spelling, through a link in a linked folder, or as a hard link", () => {
    const cwd = tempDir("output-path-");
    fs.writeFileSync(path.join(cwd, "plan.json"), "{}");
    fs.mkdirSync(path.join(cwd, "sub"));
    fs.symlinkSync(cwd, path.join(cwd, "sub/up"));
    fs.linkSync(path.join(cwd, "plan.json"), path.join(cwd, "hard.json"));
    for (const output of ["sub/../plan.json", "sub/up/plan.json", "hard.json"])
      expect(() => check(cwd, output)).toThrow(`contacts check-plan: --output ${output} is the plan this command reads`);
    expect(fs.readFileSync(path.join(cwd, "plan.json"), "utf8")).toBe("{}");
  });

  test("a path that cannot be looked at (a file where a folder should be) is left to the write to report", () => {
    const cwd = tempDir("output-path-");
    fs.writeFileSync(path.join(cwd, "file"), "");
    expect(check(cwd, "file/report.json")).toBe(path.join(cwd, "file/report.json"));
  });
});
