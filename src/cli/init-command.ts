import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import packageJson from "../../package.json";
import { EXIT_OK } from "../run/exit-codes";
import { DEFAULT_REGISTRY } from "../run/settings";
import { UsageError } from "../model/usage-error";
import {
  ADOPTER_GITIGNORE,
  adopterCdktfJson,
  adopterName,
  adopterPackageJson,
  adopterReadme,
  exampleRegistryText,
  nextSteps,
  shippedFile,
  WORKFLOW_FILE,
} from "./adopter-files";
import type { CliCommand, CliIo, OptionTable } from "./command";
import { importCommand } from "./import-command";
import { parseFlags } from "./parse-flags";
import { writeOutputs } from "../run/write-atomically";

const NAME = "init";
/** Entries an empty folder may already hold: a repository made with `git init` first. */
const ALLOWED_ENTRIES = new Set([".git"]);

const OPTIONS = {
  "from-organization": {
    description: "write the registry from the live organization (contacts import, with its AWS access) instead of the example",
  },
  package: {
    value: "<spec>",
    default: packageJson.version,
    description: `what package.json depends on for ${packageJson.name}: a version, or a tarball as npm install takes it`,
  },
  force: { description: "write into a folder that is not empty, replacing the files init writes (others are left as they are)" },
} as const satisfies OptionTable;

const ABOUT = `Writes a repository for your organization's contacts into the current folder, which must be empty:
package.json (${packageJson.name} and the cdktf stack it was tested with, pinned), cdktf.json (the
package's app), ${DEFAULT_REGISTRY} (the example, or your organization's with --from-organization),
${WORKFLOW_FILE}, .gitignore and a README with the next steps. The tool stays in the package:
upgrading is a version bump in package.json. Nothing is written unless everything is, all or none.
`;

const NOTES = `--from-organization runs contacts import (see \`contacts import --help\` for its AWS access and
environment) and also writes its organization snapshot and the record of the contacts AWS holds, with
importExistingContacts on in cdktf.json.

Exit status: 0 written; 2 wrong usage, a folder that is not empty (without --force), a file that cannot be
written (none is), or an import that failed (nothing is written) or left accounts out (named; written).
`;

export const initCommand: CliCommand = {
  name: NAME,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values } = parseFlags({ name: NAME, options: OPTIONS }, args);
    const present = fs.readdirSync(io.cwd).filter((entry) => !ALLOWED_ENTRIES.has(entry));
    if (present.length && !values.force) {
      const named = present.length > 5 ? `${present.slice(0, 5).join(", ")} and ${present.length - 5} more` : present.join(", ");
      throw new UsageError(
        `contacts ${NAME}: ${io.cwd} is not empty (${named}); nothing was written. Fix: run it in a new folder, or pass --force to replace the files init writes.`,
      );
    }
    const imported = values["from-organization"]
      ? await importedFiles(io)
      : { files: [{ file: DEFAULT_REGISTRY, text: exampleRegistryText() }], code: EXIT_OK };
    const name = adopterName(io.cwd);
    const tool = toolDependency(values.package, io.cwd);
    const files = [
      { file: "package.json", text: adopterPackageJson(name, tool.spec) },
      ...tool.files,
      { file: "cdktf.json", text: adopterCdktfJson(name, Boolean(values["from-organization"])) },
      ...imported.files,
      { file: WORKFLOW_FILE, text: shippedFile(WORKFLOW_FILE) },
      { file: ".gitignore", text: ADOPTER_GITIGNORE },
      { file: "README.md", text: adopterReadme(Boolean(values["from-organization"])) },
    ];
    writeOutputs(NAME, io.cwd, files);
    io.stdout(`Wrote ${files.map((f) => f.file).join(", ")}.\nNext:\n${nextSteps(Boolean(values["from-organization"]))}`);
    return imported.code;
  },
};

/**
 * contacts import itself, into a folder of its own: its files join init's, so that the two write all or none
 * together, and an import that fails leaves the adopter's folder as it was.
 */
async function importedFiles(io: CliIo): Promise<{ files: { file: string; text: string }[]; code: number }> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-init-"));
  try {
    const code = await importCommand.run([], { ...io, cwd: staging });
    const files = filesUnder(staging).map((file) => ({ file, text: fs.readFileSync(path.join(staging, file), "utf8") }));
    return { files, code };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Every regular file under `root`, relative to it with forward slashes. */
function filesUnder(root: string, relative = ""): string[] {
  return fs
    .readdirSync(path.join(root, relative), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const inner = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return filesUnder(root, inner);
      return entry.isFile() ? [inner] : [];
    });
}

/**
 * What package.json depends on for the tool. A local tarball is copied into vendor/ and named relative to the
 * repository (`file:vendor/...`): an absolute path of this machine would fail the workflow's npm ci. The
 * default, this version by name, only once the package is published: until then that name on the public
 * registry is anybody's.
 */
function toolDependency(spec: string, cwd: string): { spec: string; files: { file: string; text: Uint8Array }[] } {
  const local = path.resolve(cwd, spec.replace(/^file:/, ""));
  if (spec.endsWith(".tgz") && fs.statSync(local, { throwIfNoEntry: false })?.isFile()) {
    const vendored = `vendor/${path.basename(local)}`;
    return { spec: `file:${vendored}`, files: [{ file: vendored, text: fs.readFileSync(local) }] };
  }
  if (spec === packageJson.version && packageJson.private) {
    throw new UsageError(
      `contacts ${NAME}: ${packageJson.name} ${spec} is not published on the npm registry, so a dependency by version would install whatever that name holds there; nothing was written. Fix: run npm pack in the tool's repository and pass --package with the tarball, e.g. --package ./${packageJson.name}-${spec}.tgz (init copies it into vendor/).`,
    );
  }
  return { spec, files: [] };
}
