import { secretFromEnvironment, type RunEnvironment } from "../run/environment";
import { EXIT_OK } from "../run/exit-codes";
import { readRunContext } from "../run/run-context";
import { loadInputs } from "../run/load-inputs";
import { REGISTRY_LOOKUP } from "../run/settings";
import { writeOutputs } from "../run/write-atomically";
import { addressesToRead, directorySnapshotPath, directorySnapshotText } from "../registry/directory-snapshot-file";
import type { DirectoryReading, DirectorySourceConfig } from "../model/directory-reading";
import { UsageError } from "../model/usage-error";
import { DirectoryReadError } from "../directory/directory-errors";
import { progressFor, stopCleanlyOnInterrupt } from "./aws-command-support";
import type { CliArgument, CliCommand, CliIo, OptionTable } from "./command";
import { parseFlags } from "./parse-flags";

const NAME = "directory";

const ARGUMENTS: readonly CliArgument[] = [{ name: "read", description: "read every directory the registry names and write the snapshot" }];

const OPTIONS = {
  registry: { value: "<file>", defaultFrom: REGISTRY_LOOKUP, description: "the registry whose directories, sourced groups and policy say what to read" },
  output: {
    value: "<file>",
    defaultFrom: "the registry's directorySnapshot (directory-snapshot.json beside the registry unless named)",
    description: "the snapshot to write (replaced whole: refreshing it is the point)",
  },
} as const satisfies OptionTable;

const ABOUT = `Reads, from each company directory the registry's \`directories\` section names, what every address
the registry needs resolves to now: a group's members (nested groups expanded) and each member's state
(current, disabled, expired, left), a user, or nothing. The addresses are every sourced group's email,
and with policy.resolveAddressesIn every alternate contact's email. The snapshot it writes is what synth,
validate, review, check-plan and evidence judge, without the network; commit it through a pull request
and refresh it on a schedule (policy.maxDirectoryAgeDays says how old it may be).

Any failure (authentication, a refused or failed query, a page that cannot be read, an address two groups
hold) stops the read and writes nothing: the tool never falls back to the registry's typed members.
`;

const NOTES = `Credentials never stand in the registry. LDAP: the bind password comes from the environment variable
the source's passwordEnv names. Microsoft Graph: AZURE_CLIENT_SECRET (an app registration's secret), or
AZURE_FEDERATED_TOKEN_FILE (workload identity federation, as GitHub Actions' OIDC gives it); see
docs/directories.md and docs/graph-directory.md for the rights each needs.

Exit status: 0 written; 2 wrong usage, a registry that does not load, or a directory that could not be
read completely (one line says which source and address, and how to fix it).
`;

export const directoryCommand: CliCommand = {
  name: NAME,
  arguments: ARGUMENTS,
  options: OPTIONS,
  about: ABOUT,
  notes: NOTES,
  async run(args, io) {
    const { values, positionals } = parseFlags({ name: NAME, options: OPTIONS, arguments: ARGUMENTS }, args);
    if (positionals.length !== 1 || positionals[0] !== "read") {
      throw new UsageError(
        `contacts ${NAME}: expected the action read${positionals.length ? `, got ${positionals.map((p) => JSON.stringify(p)).join(" ")}` : ""}. Fix: contacts ${NAME} read.`,
      );
    }
    const context = readRunContext({ env: io.env, cwd: io.cwd, registryFlag: values.registry });
    // The snapshot is what this writes: it is not read, so a missing or stale one never stops a refresh.
    const { registry } = loadInputs(context, { cwd: io.cwd, want: {}, consequence: "no directory was read" });
    const sources = registry.directories ?? new Map();
    const output = values.output ?? directorySnapshotPath(registry);
    if (sources.size === 0 || output === undefined) {
      throw new UsageError(
        `contacts ${NAME} read: ${registry.file} names no directories, so there is nothing to read. Fix: add a directories section and a group with source (see docs/registry.md#directories-in-the-registry).`,
      );
    }
    const wanted = addressesToRead(registry);
    const stopped = stopCleanlyOnInterrupt(`${NAME} read`, io);
    try {
      const now = new Date();
      const readings: DirectoryReading[] = [];
      for (const [id, source] of [...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        try {
          readings.push(
            await readDirectorySource({ ...source, id } as DirectorySourceConfig, wanted.get(id) ?? [], { now, io, environment: context.environment }),
          );
        } catch (error) {
          // Where the source's settings stand, so the fix has a line to go to; nothing was written.
          if (!(error instanceof DirectoryReadError)) throw error;
          const at = source.position;
          throw new UsageError(`contacts ${NAME} read: ${at.file}:${at.line}:${at.column} directories.${id}: ${error.message} Nothing was written.`);
        }
      }
      writeOutputs(`${NAME} read`, io.cwd, [{ file: output, text: directorySnapshotText(readings) }]);
      io.stdout(`Wrote ${output}: ${readings.map(summary).join("; ")}.\n`);
      return EXIT_OK;
    } finally {
      stopped();
    }
  },
};

/** One source's reading (also `contacts audit`'s); the client library is loaded only here, so `--help` and synth never load it. */
export async function readDirectorySource(
  source: DirectorySourceConfig,
  addresses: readonly string[],
  { now, io, environment }: { now: Date; io: CliIo; environment: RunEnvironment },
): Promise<DirectoryReading> {
  const progress = progressFor(io, `addresses read from ${source.id}`);
  let started = false;
  const onProgress = (done: number, total: number) => {
    if (!started) progress.start(total);
    started = true;
    progress.tick();
    if (done === total) progress.done();
  };
  /* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): the binary registers tsx for CommonJS only */
  if (source.type === "ldap") {
    const { readLdapDirectory } = require("../directory/ldap") as typeof import("../directory/ldap");
    return readLdapDirectory(source, addresses, { now, secret: (name) => secretFromEnvironment(io.env, name), onProgress });
  }
  const { readGraphDirectory } = require("../directory/graph") as typeof import("../directory/graph");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return readGraphDirectory(source, addresses, {
    now,
    environment,
    onProgress,
  });
}

/** "corp-ad (active-directory): 12 addresses, 5 groups with 38 members (3 not current), 4 users, 3 unknown". */
function summary(reading: DirectoryReading): string {
  const groups = reading.resolutions.flatMap((r) => (r.kind === "group" ? [r] : []));
  const members = groups.reduce((n, g) => n + g.members.length, 0);
  const notCurrent = groups.reduce((n, g) => n + g.members.filter((m) => m.state !== "current").length, 0);
  const users = reading.resolutions.filter((r) => r.kind === "user").length;
  const unknown = reading.resolutions.filter((r) => r.kind === "unknown").length;
  const kind = reading.dialect ?? reading.kind;
  return `${reading.source} (${kind}): ${reading.resolutions.length} addresses, ${groups.length} groups with ${members} members (${notCurrent} not current), ${users} users, ${unknown} unknown`;
}
