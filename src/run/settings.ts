import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./usage-error";

/** Deployment settings, from the `context` of cdktf.json (deployment belongs there, not in code). */
export interface Settings {
  registryPath: string;
  /** Where registryPath came from, for the error when the file is missing. */
  registryOrigin: string;
  region: string;
  assumeRoleArn?: string;
  /** Version constraint for hashicorp/aws; the prebuilt bindings were generated for 6.x. */
  providerVersion: string;
  s3Backend?: { bucket: string; key: string; region?: string; useLockfile?: boolean; encrypt?: boolean; roleArn?: string };
  /** Emit Terraform import blocks so a first apply adopts contacts that already exist in AWS. */
  importExisting: boolean;
  stackName: string;
  /** Several stacks, each with its own state: by top-level OU, or by a hash of the account id into a fixed number of shards. */
  sharding?: ({ by: "ou" } | { by: "hash"; shards: number }) & { maxAccountsPerStack?: number };
}

export const DEFAULT_REGISTRY = "contacts/registry.yaml";
export const DEFAULT_PROVIDER_VERSION = "~> 6.0";

/**
 * @param context the cdktf context (the CLI passes cdktf.json's `context`); when the app runs without the
 * CLI, cdktf.json is read directly so `node`, `tsx` and `cdktf synth` see the same settings.
 */
export function readSettings(context: Record<string, unknown> | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const ctx = context ?? readCdktfJsonContext(cwd);
  const where = (key: string) => `cdktf.json context key "${key}"`;
  const str = (key: string): string | undefined => {
    const value = ctx[key];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") throw new UsageError(`${where(key)} must be a string, got ${JSON.stringify(value)}. Fix: write it in quotes in cdktf.json.`);
    return value;
  };
  const registryFromEnv = env.CONTACTS_REGISTRY?.trim();
  const registryFromContext = str("contactsRegistry");
  const backend = ctx.s3Backend as Settings["s3Backend"] | undefined;
  if (backend !== undefined && (typeof backend !== "object" || !backend.bucket || !backend.key)) {
    throw new UsageError(`${where("s3Backend")} needs at least "bucket" and "key". Fix: e.g. { "bucket": "my-tf-state", "key": "contacts/terraform.tfstate", "region": "us-east-1", "useLockfile": true }.`);
  }
  return {
    registryPath: registryFromEnv || registryFromContext || DEFAULT_REGISTRY,
    registryOrigin: registryFromEnv ? "the environment variable CONTACTS_REGISTRY" : registryFromContext ? where("contactsRegistry") : `the default (${DEFAULT_REGISTRY})`,
    region: str("awsRegion") ?? "us-east-1",
    assumeRoleArn: str("awsAssumeRoleArn"),
    providerVersion: env.CONTACTS_AWS_PROVIDER_VERSION?.trim() || str("awsProviderVersion") || DEFAULT_PROVIDER_VERSION,
    s3Backend: backend,
    importExisting: ctx.importExistingContacts === true || env.CONTACTS_IMPORT_EXISTING === "true",
    stackName: str("stackName") ?? "contacts",
    sharding: readSharding(ctx.sharding, where("sharding")),
  };
}

function readSharding(value: unknown, where: string): Settings["sharding"] {
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

function readCdktfJsonContext(cwd: string): Record<string, unknown> {
  const file = path.join(cwd, "cdktf.json");
  if (!fs.existsSync(file)) return {};
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")).context ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message}). Fix: correct the file.`);
  }
}
