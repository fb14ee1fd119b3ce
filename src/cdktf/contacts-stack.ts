import { TerraformStack, type Construct, type TerraformResource } from "./cdktf";
import { AccountAlternateContact, type AccountAlternateContactConfig } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AccountPrimaryContact, type AccountPrimaryContactConfig } from "@cdktf/provider-aws/lib/account-primary-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { ExistingContacts } from "../registry/existing-contacts-file";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { ALTERNATE_CONTACT_TYPES, slotOf } from "../model/contact-types";
import type { DeploymentSettings } from "../run/settings";
import { ALTERNATE_ROW_ATTRIBUTES, alternateInstances, PRIMARY_ROW_ATTRIBUTES, primaryInstances } from "../terraform/contact-rows";
import { importBlocks } from "../terraform/import-blocks";
import { PlainLocalsSynthesizer, type PlainLocalsHolder } from "./plain-locals-synthesizer";
import { addStateBackend } from "./state-backend";

export interface ContactsStackProps {
  accounts: readonly EffectiveContacts[];
  settings: DeploymentSettings;
  /** This stack's state key in the remote backend (s3's key, gcs's prefix...): each shard has its own. */
  stateKey?: string;
  /**
   * Without a remote backend: the local state file, relative to the folder Terraform runs in for this stack
   * (see localStatePath). Default `terraform.<id>.tfstate` in that folder.
   */
  localStatePath?: string;
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
    addStateBackend(this, settings, props.stateKey, props.localStatePath ?? `terraform.${id}.tfstate`);

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
