import { S3Backend, TerraformStack, type Construct, type TerraformResource } from "./cdktf";
import { AccountAlternateContact, type AccountAlternateContactConfig } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AccountPrimaryContact, type AccountPrimaryContactConfig } from "@cdktf/provider-aws/lib/account-primary-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { ExistingContacts } from "../aws/existing-contacts-file";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { ALTERNATE_CONTACT_TYPES, slotOf } from "../model/contact-types";
import type { DeploymentSettings } from "../run/settings";
import { ALTERNATE_ROW_ATTRIBUTES, alternateInstances, PRIMARY_ROW_ATTRIBUTES, primaryInstances } from "../terraform/contact-rows";
import { importBlocks } from "../terraform/import-blocks";
import { PlainLocalsSynthesizer, type PlainLocalsHolder } from "./plain-locals-synthesizer";

export interface ContactsStackProps {
  accounts: readonly EffectiveContacts[];
  settings: DeploymentSettings;
  /** S3 state key of this stack, when settings.s3Backend is set: each shard has its own. */
  stateKey?: string;
  /** Which contacts AWS holds, when settings.importExisting is on: only those get import blocks. */
  existingContacts?: ExistingContacts;
}

/**
 * One Terraform state's worth of contacts: one resource per contact type, `for_each` over a local map of
 * the accounts (`local.security_contacts`).
 * Addresses read `aws_account_alternate_contact.security["222222222222"]`: stable under renames and
 * reordering, and four constructs per stack whatever the number of accounts, which keeps synthesis of
 * ten thousand accounts close to the cost of writing the JSON by hand.
 * No policy here: the policy arrives as an aspect.
 */
export class ContactsStack extends TerraformStack implements PlainLocalsHolder {
  readonly accounts: readonly EffectiveContacts[];
  /** The for_each maps, by local name: plain data, readable by the policy without resolving anything. */
  readonly plainLocals: Record<string, unknown> = {};
  localsStandIns?: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ContactsStackProps) {
    super(scope, id);
    const { settings } = props;
    this.accounts = props.accounts;
    // The for_each maps are most of the configuration: written by this project, not the core's sorted writer.
    this.synthesizer = new PlainLocalsSynthesizer(this, this.synthesizer);
    new AwsProvider(this, "aws", {
      region: settings.region,
      assumeRole: settings.assumeRoleArn ? [{ roleArn: settings.assumeRoleArn }] : undefined,
    });
    this.addOverride("terraform.required_providers.aws.version", settings.providerVersion);
    if (settings.s3Backend) {
      const backend = settings.s3Backend;
      new S3Backend(this, {
        bucket: backend.bucket,
        key: props.stateKey ?? backend.key,
        region: backend.region ?? settings.region,
        encrypt: backend.encrypt ?? true,
        assumeRole: backend.roleArn ? { roleArn: backend.roleArn } : undefined,
      });
      // S3-native locking (Terraform >= 1.10) postdates cdktf 0.21's S3BackendConfig.
      this.addOverride("terraform.backend.s3.use_lockfile", backend.useLockfile ?? true);
    }

    for (const type of ALTERNATE_CONTACT_TYPES) {
      const instances = alternateInstances(props.accounts, type);
      if (Object.keys(instances).length === 0) continue;
      const config = { ...eachValues(ALTERNATE_ROW_ATTRIBUTES), alternateContactType: type } as AccountAlternateContactConfig;
      this.forEachLocal(new AccountAlternateContact(this, slotOf(type), config), `${slotOf(type)}_contacts`, instances);
    }

    const primary = primaryInstances(props.accounts);
    if (Object.keys(primary).length) {
      const config = eachValues(PRIMARY_ROW_ATTRIBUTES) as unknown as AccountPrimaryContactConfig;
      this.forEachLocal(new AccountPrimaryContact(this, slotOf("PRIMARY"), config), "primary_contacts", primary);
    }

    const existing = props.existingContacts;
    const imports = settings.importExisting && existing ? importBlocks(props.accounts, (id, type) => existing.get(id)?.has(type) === true) : [];
    if (imports.length) this.addOverride("import", imports);
  }

  /**
   * Adds the for_each maps after cdktf has resolved the rest. They are plain data (no tokens), and
   * resolving them would walk every value of every account twice more (prepare and synth): at ten
   * thousand accounts that walk was most of the synthesis time. While the core writes the stack, each
   * map is a stand-in string that PlainLocalsSynthesizer then replaces.
   */
  override toTerraform(): Record<string, unknown> {
    const tf = super.toTerraform() as Record<string, unknown>;
    tf.locals = { ...(tf.locals as object | undefined), ...(this.localsStandIns ?? this.plainLocals) };
    return tf;
  }

  private forEachLocal(resource: TerraformResource, name: string, instances: object) {
    this.plainLocals[name] = instances;
    resource.addOverride("for_each", `\${local.${name}}`);
  }
}

/**
 * The resource's configuration: every attribute of a row read from the current for_each instance, under
 * the provider binding's property name (`address_line_1` -> `addressLine1`), so the field table decides
 * which attributes a contact sends.
 */
function eachValues(attributes: readonly string[]): Record<string, string> {
  const config: Record<string, string> = {};
  for (const attribute of attributes) config[attribute.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = `\${each.value.${attribute}}`;
  return config;
}
