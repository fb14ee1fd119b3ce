import { S3Backend, TerraformStack, type TerraformResource } from "cdktf";
import type { Construct } from "constructs";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AccountPrimaryContact } from "@cdktf/provider-aws/lib/account-primary-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { ALTERNATE_CONTACT_TYPES } from "../model/types";
import type { DeploymentSettings } from "../run/settings";
import { alternateInstances, primaryInstances } from "../terraform/contact-rows";
import { addImportBlocks } from "./import-blocks";

export interface ContactsStackProps {
  accounts: readonly EffectiveContacts[];
  settings: DeploymentSettings;
  /** S3 state key of this stack, when settings.s3Backend is set: each shard has its own. */
  stateKey?: string;
}

/**
 * One Terraform state's worth of contacts: one resource per contact type, `for_each` over a local map of
 * the accounts (`local.security_contacts`).
 * Addresses read `aws_account_alternate_contact.security["222222222222"]`: stable under renames and
 * reordering, and four constructs per stack whatever the number of accounts, which keeps synthesis of
 * ten thousand accounts close to the cost of writing the JSON by hand.
 * No policy here: the policy arrives as an aspect.
 */
export class ContactsStack extends TerraformStack {
  readonly accounts: readonly EffectiveContacts[];
  private readonly locals: Record<string, unknown> = {};

  constructor(scope: Construct, id: string, props: ContactsStackProps) {
    super(scope, id);
    const { settings } = props;
    this.accounts = props.accounts;
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
      const contact = new AccountAlternateContact(this, type.toLowerCase(), {
        alternateContactType: type,
        accountId: eachValue("account_id"),
        name: eachValue("name"),
        title: eachValue("title"),
        emailAddress: eachValue("email_address"),
        phoneNumber: eachValue("phone_number"),
      });
      this.forEachLocal(contact, `${type.toLowerCase()}_contacts`, instances);
    }

    const primary = primaryInstances(props.accounts);
    if (Object.keys(primary).length) {
      const contact = new AccountPrimaryContact(this, "primary", {
        accountId: eachValue("account_id"),
        fullName: eachValue("full_name"),
        companyName: eachValue("company_name"),
        phoneNumber: eachValue("phone_number"),
        addressLine1: eachValue("address_line_1"),
        addressLine2: eachValue("address_line_2"),
        addressLine3: eachValue("address_line_3"),
        city: eachValue("city"),
        stateOrRegion: eachValue("state_or_region"),
        districtOrCounty: eachValue("district_or_county"),
        postalCode: eachValue("postal_code"),
        countryCode: eachValue("country_code"),
        websiteUrl: eachValue("website_url"),
      });
      this.forEachLocal(contact, "primary_contacts", primary);
    }

    if (settings.importExisting) addImportBlocks(this, props.accounts);
  }

  /** The for_each maps, by local name: plain data, readable by the policy without resolving anything. */
  get knownLocals(): Readonly<Record<string, unknown>> {
    return this.locals;
  }

  /**
   * Adds the for_each maps after cdktf has resolved the rest. They are plain data (no tokens), and
   * resolving them would walk every value of every account twice more (prepare and synth): at ten
   * thousand accounts that walk was most of the synthesis time.
   */
  override toTerraform(): Record<string, unknown> {
    const tf = super.toTerraform() as Record<string, unknown>;
    tf.locals = { ...(tf.locals as object | undefined), ...this.locals };
    return tf;
  }

  private forEachLocal(resource: TerraformResource, name: string, instances: object) {
    this.locals[name] = instances;
    resource.addOverride("for_each", `\${local.${name}}`);
  }
}

/** A reference to one field of the current for_each instance. */
function eachValue(field: string): string {
  return `\${each.value.${field}}`;
}
