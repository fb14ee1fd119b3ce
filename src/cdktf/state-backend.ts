import * as path from "path";
import {
  AzurermBackend,
  CloudBackend,
  ConsulBackend,
  CosBackend,
  GcsBackend,
  HttpBackend,
  LocalBackend,
  NamedCloudWorkspace,
  OssBackend,
  PgBackend,
  RemoteBackend,
  S3Backend,
  SwiftBackend,
  TaggedCloudWorkspaces,
  type TerraformStack,
} from "./cdktf";
import type { DeploymentSettings } from "../run/settings";
import { cloudWorkspaces, STATE_KEY_FIELD, type BackendType, type GenericBackend } from "../run/state-backend";

/* eslint-disable @typescript-eslint/no-explicit-any -- each backend's settings are the user's, checked by Terraform at init */
const BACKENDS: Record<Exclude<BackendType, "cloud">, new (stack: TerraformStack, config: any) => unknown> = {
  s3: S3Backend,
  gcs: GcsBackend,
  azurerm: AzurermBackend,
  remote: RemoteBackend,
  http: HttpBackend,
  consul: ConsulBackend,
  pg: PgBackend,
  cos: CosBackend,
  oss: OssBackend,
  swift: SwiftBackend,
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The stack's backend: the one cdktf.json names, with this stack's state key, else local state at
 * `localStatePath`. Always a backend of our own: cdktf's default LocalBackend writes the absolute path of
 * the synthesizing machine's folder into the stack.
 */
export function addStateBackend(stack: TerraformStack, settings: DeploymentSettings, stateKey: string | undefined, localStatePath: string) {
  if (settings.s3Backend) {
    const backend = settings.s3Backend;
    new S3Backend(stack, {
      bucket: backend.bucket,
      key: stateKey ?? backend.key,
      region: backend.region ?? settings.region,
      encrypt: backend.encrypt ?? true,
      assumeRole: backend.roleArn ? { roleArn: backend.roleArn } : undefined,
    });
    // S3-native locking (Terraform >= 1.10) postdates cdktf 0.21's S3BackendConfig.
    stack.addOverride("terraform.backend.s3.use_lockfile", backend.useLockfile ?? true);
  } else if (settings.backend) {
    addGenericBackend(stack, settings.backend, stateKey);
  } else {
    new LocalBackend(stack, { path: localStatePath });
  }
}

function addGenericBackend(stack: TerraformStack, backend: GenericBackend, stateKey: string | undefined) {
  const field = STATE_KEY_FIELD[backend.type];
  const config = stateKey !== undefined && field ? { ...backend.config, [field]: stateKey } : backend.config;
  if (backend.type === "cloud") {
    const workspaces = cloudWorkspaces(config.workspaces)!;
    new CloudBackend(stack, {
      ...(config as { organization: string }),
      workspaces: "name" in workspaces ? new NamedCloudWorkspace(workspaces.name) : new TaggedCloudWorkspaces(workspaces.tags),
    });
    return;
  }
  new BACKENDS[backend.type](stack, config);
}

/**
 * `terraform.<stack>.tfstate` in the project folder, relative to where Terraform runs for the stack
 * (`<outdir>/stacks/<stack>`, as cdktf deploy and the workflow run it): `../../../terraform.contacts.tfstate`
 * for the default outdir. Forward slashes, which Terraform reads on every system.
 */
export function localStatePath(outdir: string, cwd: string, stackName: string): string {
  const stackDir = path.resolve(cwd, outdir, "stacks", stackName);
  return path
    .relative(stackDir, path.resolve(cwd, `terraform.${stackName}.tfstate`))
    .split(path.sep)
    .join("/");
}
