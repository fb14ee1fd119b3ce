import * as path from "path";
import type { HeldAccount } from "../engine/judge-held";
import { CompanyDirectory } from "../model/company-directory";
import type { DirectoryReading, DirectorySourceConfig } from "../model/directory-reading";
import type { Registry, SourcePosition } from "../model/types";
import { UsageError } from "../model/usage-error";
import { addressesToRead, loadDirectorySnapshot } from "../registry/directory-snapshot-file";
import type { RunContext } from "../run/run-context";
import type { CliIo } from "./command";
import { readDirectorySource } from "./directory-command";

/*
 * `contacts audit`'s company directory: read now for exactly the addresses AWS holds, or a snapshot that must
 * cover them. Either way an address nobody asked about is never judged as unknown: the audit stops.
 */

const NAME = "audit";

/** A registry whose policy.resolveAddressesIn is settled (named, or the one directory). */
export type AuditRegistry = Registry & { policy: { resolveAddressesIn: string } };

/** The emails AWS holds, each once (case aside), in a stable order. */
export function heldAddresses(accounts: readonly HeldAccount[]): string[] {
  const unique = new Map<string, string>();
  for (const account of accounts) for (const values of Object.values(account.held)) if (values?.email) unique.set(values.email.toLowerCase(), values.email);
  return [...unique.values()].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

/**
 * The directory read now for exactly what is judged: the addresses AWS holds in policy.resolveAddressesIn's
 * source, and the registry's sourced groups in theirs. A source that cannot be read throws (DirectoryReadError): fail closed.
 */
export async function readDirectoryNow(registry: AuditRegistry, addresses: string[], io: CliIo, context: RunContext) {
  const wanted = addressesToRead(registry);
  const resolveIn = registry.policy.resolveAddressesIn;
  wanted.set(resolveIn, [...new Set([...(wanted.get(resolveIn) ?? []), ...addresses])]);
  const now = new Date();
  const readings: DirectoryReading[] = [];
  for (const [id, addressList] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const source = registry.directories!.get(id)!;
    readings.push(await readDirectorySource({ ...source, id } as DirectorySourceConfig, addressList, { now, io, environment: context.environment }));
  }
  return new CompanyDirectory(new Map(readings.map((r) => [r.source, r])), { source: resolveIn, position: resolvePosition(registry) });
}

/** A snapshot given with --directory-snapshot, checked as synth checks one, and refused unless it was asked about every address AWS holds. */
export function snapshotCovering(registry: AuditRegistry, file: string, addresses: string[], cwd: string, today: string): CompanyDirectory {
  const relative = path.relative(path.dirname(path.resolve(cwd, registry.file)), path.resolve(cwd, file));
  const company = loadDirectorySnapshot({ ...registry, directorySnapshotFile: relative }, undefined, cwd, today);
  const resolveIn = registry.policy.resolveAddressesIn;
  // The loader passes over a missing snapshot nothing in the registry needs; the audit needs it.
  if (company === undefined)
    throw new UsageError(
      `contacts ${NAME}: --directory-snapshot ${file} does not exist; nothing was judged. Fix: give the snapshot contacts directory read wrote, or leave --directory-snapshot out to read the directory now.`,
    );
  // The directory is the fact for every address (a typed person does not overrule it), so the snapshot must
  // know each one; only a sourced group's address is read from that group's own source.
  const sourced = new Map([...registry.groups.values()].flatMap((g) => (g.source && g.email ? [[g.email.toLowerCase(), g.source] as const] : [])));
  const missing = addresses.filter((address) => company.resolution(sourced.get(address.toLowerCase()) ?? resolveIn, address) === undefined);
  if (missing.length) {
    throw new UsageError(
      `contacts ${NAME}: ${file} was not asked about ${missing.length} address(es) AWS holds (${missing
        .slice(0, 3)
        .map((address) => JSON.stringify(address))
        .join(
          ", ",
        )}${missing.length > 3 ? ", ..." : ""}) in directory "${resolveIn}", so who they reach is unknown; nothing was judged. Fix: run contacts ${NAME} without --directory-snapshot to read the directory now.`,
    );
  }
  return company;
}

/** Where a finding about an address the directory resolved points: the directory's entry in the registry. */
function resolvePosition(registry: AuditRegistry): SourcePosition {
  return registry.directories?.get(registry.policy.resolveAddressesIn)?.position ?? { file: registry.file, line: 1, column: 1 };
}
