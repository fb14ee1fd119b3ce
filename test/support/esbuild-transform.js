"use strict";
/**
 * jest's transform for this project's TypeScript: esbuild's transpile, the one tsx runs the sources with when dist/
 * is stale. Transpiling only, file by file, is what tsconfig's isolatedModules promises is safe; the types are
 * checked by `npm run typecheck` (CI runs it), not by every test run. ts-jest did the same through the TypeScript
 * compiler, at about a quarter of a CPU second per file and worker on a fresh clone, whose jest cache is empty:
 * some 25 CPU seconds of a run.
 */
const crypto = require("crypto");
const fs = require("fs");
const { transformSync } = require("esbuild");
const { version } = require("esbuild/package.json");

const THIS_FILE = fs.readFileSync(require.resolve("./esbuild-transform"));

module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = transformSync(sourceText, {
      loader: "ts",
      format: "cjs",
      // tsconfig's target: ES2022 class fields and the rest left as written.
      target: "es2022",
      // import() becomes a require, as TypeScript's CommonJS output has it: jest's module registry serves both.
      supported: { "dynamic-import": false },
      sourcemap: true,
      sourcefile: sourcePath,
      // tsconfig's interop for CommonJS: a default import of a CommonJS module is its module.exports.
      tsconfigRaw: { compilerOptions: { esModuleInterop: true } },
    });
    return { code, map };
  },
  getCacheKey(sourceText, sourcePath) {
    return crypto.createHash("sha256").update(THIS_FILE).update(version).update(sourcePath).update("\0").update(sourceText).digest("hex");
  },
};
