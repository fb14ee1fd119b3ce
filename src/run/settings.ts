import * as fs from "fs";
import * as path from "path";
import type { RunEnvironment } from "./environment";
import { readGenericBackend, type GenericBackend } from "./state-backend";
import { UsageError } from "../model/usage-error";

/** Where the registry is, and where that path came from (for the error when the file is missing). */
export interface RegistryLocation {
  path: string;
  origin: string;
}

/** How the stacks deploy, from the `context` of cdktf.json (deployment belongs there, not in code). */
export interface DeploymentSettings {
  region: string;
  assumeRoleArn?: string;
  /** Version constraint for hashicorp/aws; the prebuilt bindings were generated for 6.x. */
  providerVersion: string;
  s3Backend?: { bucket: string; key: string; region?: string; useLockfile?: boolean; encrypt?: boolean; roleArn?: string };
  /** Any other remote backend cdktf supports (cdktf.json's `backend`); without it or s3Backend, state is local. */
  backend?: GenericBackend;
  /** Emit Terraform import blocks so a first apply adopts contacts that already exist in AWS: those the existing-contacts record lists. */
  importExisting: boolean;
  /** The record of which contacts AWS holds (`contacts import`, `contacts drift --existing`), relative to the project folder. */
  existingContactsFile: string;
  stackName: string;
  /** Several stacks, each with its own state: by top-level OU, or by a hash of the account id into a fixed number of shards. */
  sharding?: ({ by: "ou" } | { by: "hash"; shards: number }) & { maxAccountsPerStack?: number };
}

/** cdktf.json's `context`: deployment settings and the registry's path. */
export type CdktfContext = Record<string, unknown>;

export const DEFAULT_REGISTRY = "contacts/registry.yaml";
export const DEFAULT_PROVIDER_VERSION = "~> 6.0";
export const DEFAULT_EXISTING_CONTACTS_FILE = "contacts/existing-contacts.json";
/** Where the registry is looked for, in readRegistryLocation's order, as the commands' help says it. */
export const REGISTRY_LOOKUP = `CONTACTS_REGISTRY, else the cdktf.json context key contactsRegistry, else ${DEFAULT_REGISTRY}`;

const where = (key: string) => `cdktf.json context key "${key}"`;

/** CONTACTS_REGISTRY, else cdktf.json's contactsRegistry, else the default. */
export function readRegistryLocation(context: CdktfContext, environment: RunEnvironment): RegistryLocation {
  const fromContext = contextString(context, "contactsRegistry");
  if (environment.registry) return { path: environment.registry, origin: "the environment variable CONTACTS_REGISTRY" };
  if (fromContext) return { path: fromContext, origin: where("contactsRegistry") };
  return { path: DEFAULT_REGISTRY, origin: `the default (${DEFAULT_REGISTRY})` };
}

/** The deployment settings of one cdktf.json context; the environment overrides the provider version and import blocks. */
export function readDeploymentSettings(context: CdktfContext, environment: RunEnvironment): DeploymentSettings {
  const backend = context.s3Backend as DeploymentSettings["s3Backend"] | undefined;
  if (backend !== undefined && (typeof backend !== "object" || !backend.bucket || !backend.key)) {
    throw new UsageError(
      `${where("s3Backend")} needs at least "bucket" and "key". Fix: e.g. { "bucket": "my-tf-state", "key": "contacts/terraform.tfstate", "region": "us-east-1", "useLockfile": true }.`,
    );
  }
  const generic = readGenericBackend(context.backend, where("backend"));
  if (backend && generic) {
    throw new UsageError(`cdktf.json's context has both "s3Backend" and "backend": a stack has one state. Fix: keep one of them.`);
  }
  return {
    region: contextString(context, "awsRegion") ?? "us-east-1",
    assumeRoleArn: contextString(context, "awsAssumeRoleArn"),
    providerVersion: environment.awsProviderVersion || contextString(context, "awsProviderVersion") || DEFAULT_PROVIDER_VERSION,
    s3Backend: backend,
    backend: generic,
    importExisting: context.importExistingContacts === true || environment.importExisting,
    existingContactsFile: contextString(context, "existingContactsFile") ?? DEFAULT_EXISTING_CONTACTS_FILE,
    stackName: contextString(context, "stackName") ?? "contacts",
    sharding: readSharding(context.sharding, where("sharding")),
  };
}

/** Whether the stacks' state lives somewhere runs share, not in the folder synth runs in. */
export function hasRemoteState(settings: DeploymentSettings): boolean {
  return settings.s3Backend !== undefined || settings.backend !== undefined;
}

/** cdktf.json's `context` in `cwd`; none when there is no cdktf.json. */
export function readCdktfJsonContext(cwd: string): CdktfContext {
  const file = path.join(cwd, "cdktf.json");
  if (!fs.existsSync(file)) return {};
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")).context ?? {}) as CdktfContext;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message}). Fix: correct the file.`);
  }
}

function contextString(context: CdktfContext, key: string): string | undefined {
  const value = context[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new UsageError(`${where(key)} must be a string, got ${JSON.stringify(value)}. Fix: write it in quotes in cdktf.json.`);
  return value;
}

function readSharding(value: unknown, where: string): DeploymentSettings["sharding"] {
  if (value === undefined || value === null) return undefined;
  const v = value as { by?: unknown; shards?: unknown; maxAccountsPerStack?: unknown };
  const positive = (n: unknown) => Number.isInteger(n) && (n as number) > 0;
  const usage = `${where} must be { "by": "ou" } or { "by": "hash", "shards": <number> }, optionally with "maxAccountsPerStack": <number>; got ${JSON.stringify(value)}.`;
  if (v.maxAccountsPerStack !== undefined && !positive(v.maxAccountsPerStack)) throw new UsageError(usage);
  const limit = v.maxAccountsPerStack === undefined ? {} : { maxAccountsPerStack: v.maxAccountsPerStack as number };
  if (v.by === "ou") return { by: "ou", ...limit };
  if (v.by === "hash" && positive(v.shards)) return { by: "hash", shards: v.shards as number, ...limit };
  throw new UsageError(usage);
}
