/**
 * The one module that imports the CDK core: exactly the part of `cdktf` (and `constructs`) this project
 * uses. CDK Terrain (`cdktn`), the community fork of the archived CDK for Terraform, keeps this API, so
 * moving to it is a change of this file (or an npm alias `"cdktf": "npm:cdktn@..."`, which `.ci/run`
 * tests). The provider bindings (`@cdktf/provider-aws/lib/<resource>`) import the core themselves and
 * are imported where they are used.
 */
export {
  Annotations,
  App,
  Aspects,
  AzurermBackend,
  CloudBackend,
  ConsulBackend,
  CosBackend,
  DefaultTokenResolver,
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
  StringConcat,
  TerraformStack,
  Tokenization,
  type IAspect,
  type IStackSynthesizer,
  type ISynthesisSession,
  type TerraformResource,
} from "cdktf";
export type { Construct, IConstruct } from "constructs";
