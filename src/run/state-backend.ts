import { UsageError } from "../model/usage-error";

/**
 * Where Terraform keeps the stacks' state, from cdktf.json's context: `s3Backend` (as it always was) or
 * `backend`, any remote backend cdktf supports, as `{ "type": "<backend>", ...its Terraform settings }`.
 * Without either, state is local, in the project folder; a CI run refuses that (see remoteStateRequired).
 */
export const BACKEND_TYPES = ["s3", "gcs", "azurerm", "remote", "cloud", "http", "consul", "pg", "cos", "oss", "swift"] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];

/** The setting that tells one state from another in a backend, where planShards gives each shard its own value. */
export const STATE_KEY_FIELD: Partial<Record<BackendType, string>> = { s3: "key", azurerm: "key", cos: "key", oss: "key", gcs: "prefix", consul: "path" };

/** A `backend` from cdktf.json: the block's settings as written there (cdktf writes camelCase keys snake_case). */
export interface GenericBackend {
  type: BackendType;
  config: Record<string, unknown>;
}

const EXAMPLE_S3 = `"s3Backend": { "bucket": "my-tf-state", "key": "contacts/terraform.tfstate", "region": "us-east-1" }`;
const EXAMPLE_GENERIC = `"backend": { "type": "gcs", "bucket": "my-tf-state", "prefix": "contacts" }`;

/** cdktf.json's `backend`, checked: a known remote type and an object of settings. */
export function readGenericBackend(value: unknown, where: string): GenericBackend | undefined {
  if (value === undefined || value === null) return undefined;
  const fix = `Fix: e.g. ${EXAMPLE_GENERIC}, with "type" one of ${BACKEND_TYPES.join(", ")} and the rest as Terraform's documentation of that backend names it.`;
  if (typeof value !== "object" || Array.isArray(value)) throw new UsageError(`${where} must be an object, got ${JSON.stringify(value)}. ${fix}`);
  const { type, ...config } = value as Record<string, unknown>;
  if (type === "local") {
    throw new UsageError(
      `${where} has "type": "local": local state is what synth writes without a backend (terraform.<stack>.tfstate in the project folder), and it is not shared by CI runs. Fix: delete "backend" for local state, or name a remote backend. ${fix}`,
    );
  }
  if (typeof type !== "string" || !(BACKEND_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`${where} has "type": ${JSON.stringify(type)}, which is not a backend this tool writes. ${fix}`);
  }
  if (type === "cloud" && !cloudWorkspaces(config.workspaces)) {
    throw new UsageError(
      `${where} (cloud) needs "workspaces": { "name": "<workspace>" } or { "tags": ["<tag>"] }. Fix: add it, as Terraform's cloud block names it.`,
    );
  }
  return { type: type as BackendType, config };
}

/** A cloud block's workspaces: one by name, or those with tags. */
export function cloudWorkspaces(value: unknown): { name: string } | { tags: string[] } | undefined {
  const v = value as { name?: unknown; tags?: unknown } | undefined;
  if (typeof v?.name === "string" && v.name) return { name: v.name };
  if (Array.isArray(v?.tags) && v.tags.length && v.tags.every((t) => typeof t === "string")) return { tags: v.tags as string[] };
  return undefined;
}

/**
 * The refusal of local state under CI: a runner's disk is deleted after the job, and with it the state,
 * so the next apply knows nothing of the contacts it manages and an account removed from the registry
 * keeps its contacts forever.
 */
export function remoteStateRequired(): UsageError {
  return new UsageError(
    `cdktf.json names no remote state backend, and this is a CI run (CI=true): Terraform's local state would stay on a runner that is deleted, so contacts of accounts later removed from the registry would never be cleaned up; nothing was synthesized. ` +
      `Fix: add one to cdktf.json's "context", e.g. ${EXAMPLE_S3}, or any backend cdktf supports, e.g. ${EXAMPLE_GENERIC}.`,
  );
}

/** What a local run says once about its state: where it is, and that CI would refuse it. */
export function localStateNotice(stackNames: readonly string[]): string {
  const files = stackNames.length === 1 ? `terraform.${stackNames[0]}.tfstate` : `terraform.<stack>.tfstate for each of the ${stackNames.length} stacks`;
  return `State: local, in ${files} in the project folder (cdktf.json names no backend); a CI run refuses this: add "s3Backend" or "backend" to cdktf.json's context for state shared by runs.\n`;
}
