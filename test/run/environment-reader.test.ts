/**
 * Only src/run/environment.ts reads the process's environment (issue 19): every other module gets the variables
 * through the run context or an `env` parameter the entry points default with processEnvironment().
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const READER = "src/run/environment.ts";

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const child = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(child);
    return entry.isFile() && entry.name.endsWith(".ts") ? [child] : [];
  });
}

/** `process.env` in code: comments (which name it to say who reads it) are left out. */
function readsOfProcessEnv(file: string): string[] {
  const text = fs
    .readFileSync(path.join(ROOT, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "))
    .replace(/\/\/.*$/gm, "");
  return text
    .split("\n")
    .flatMap((line, index) => (/\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*["']env["']\s*\]/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
}

describe("the environment is read in one place", () => {
  test("no module under src/ reads process.env but src/run/environment.ts", () => {
    const files = [...sourceFiles("src"), ...sourceFiles("policies")];
    expect(files).toContain(READER);
    expect(files.filter((file) => file !== READER).flatMap(readsOfProcessEnv)).toEqual([]);
  });

  test("the scan finds a read where there is one (the reader itself)", () => {
    expect(readsOfProcessEnv(READER)).toEqual([expect.stringContaining("return process.env;")]);
  });
});
