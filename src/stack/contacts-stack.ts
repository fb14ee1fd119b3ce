import { S3Backend, TerraformIterator, TerraformStack, type MapTerraformIterator } from "cdktf";
import type { Construct } from "constructs";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { AccountPrimaryContact } from "@cdktf/provider-aws/lib/account-primary-contact";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EffectiveContacts } from "../registry/effective-contacts";
import { ALTERNATE_CONTACT_TYPES } from "../registry/types";
import type { Settings } from "../settings";
import { alternateInstances, primaryInstances } from "./contact-instances";
import { addImportBlocks } from "./import-blocks";

export interface ContactsStackProps {
  accounts: readonly EffectiveContacts[];
  settings: Settings;
  /** S3 state key of this stack, when settings.s3Backend is set: each shard has its own. */
  stateKey?: string;
}

/**
 * One Terraform state's worth of contacts: one resource per contact type, `for_each` over the accounts.
 * Addresses read `aws_account_alternate_contact.security["222222222222"]`: stable under renames and
 * reordering, and four constructs per stack whatever the number of accounts, which keeps synthesis of
 * ten thousand accounts close to the cost of writing the JSON by hand.
 * No policy here: the policy arrives as an aspect.
 */
export class ContactsStack extends TerraformStack {
  readonly accounts: readonly EffectiveContacts[];

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
      const each = TerraformIterator.fromMap(instances) as MapTerraformIterator;
      new AccountAlternateContact(this, type.toLowerCase(), {
        forEach: each,
        alternateContactType: type,
        accountId: each.getString("account_id"),
        name: each.getString("name"),
        title: each.getString("title"),
        emailAddress: each.getString("email_address"),
        phoneNumber: each.getString("phone_number"),
      });
    }

    const primary = primaryInstances(props.accounts);
    if (Object.keys(primary).length) {
      const each = TerraformIterator.fromMap(primary) as MapTerraformIterator;
      new AccountPrimaryContact(this, "primary", {
        forEach: each,
        accountId: each.getString("account_id"),
        fullName: each.getString("full_name"),
        companyName: each.getString("company_name"),
        phoneNumber: each.getString("phone_number"),
        addressLine1: each.getString("address_line_1"),
        addressLine2: each.getString("address_line_2"),
        addressLine3: each.getString("address_line_3"),
        city: each.getString("city"),
        stateOrRegion: each.getString("state_or_region"),
        districtOrCounty: each.getString("district_or_county"),
        postalCode: each.getString("postal_code"),
        countryCode: each.getString("country_code"),
        websiteUrl: each.getString("website_url"),
      });
    }

    if (settings.importExisting) addImportBlocks(this, props.accounts);
  }
}
