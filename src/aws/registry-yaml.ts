import YAML from "yaml";
import type { ImportedRegistry } from "./registry-from-organization";

export interface RegistryHeader {
  organizationId: string;
  managementAccountId: string;
  readAt: string;
  /** The organization snapshot, relative to the registry file (organization.accountsFile). */
  accountsFile: string;
  /** The JSON Schema relative to the registry file, for editors; none when it is not found. */
  schema?: string;
  /** Accounts of the organization left out because they are not ACTIVE. */
  inactive: number;
}

/**
 * The registry `contacts import` writes, as YAML: comments at the top saying what is left to fill in,
 * account ids quoted (the YAML library quotes whatever would read back as something else), and each
 * card and account on one line, as the example registry writes them.
 */
export function registryYaml(registry: ImportedRegistry, header: RegistryHeader): string {
  const accounts = Object.fromEntries(
    registry.accounts.map((a) => [
      a.id,
      {
        name: a.name,
        ...(a.ou ? { ou: a.ou } : {}),
        ...(a.management ? { management: true } : {}),
        ...(Object.keys(a.contacts).length ? { contacts: a.contacts } : {}),
      },
    ]),
  );
  const doc = new YAML.Document({
    version: 1,
    policy: { mode: "warn" },
    people: {},
    groups: {},
    contacts: Object.fromEntries(registry.contacts),
    primaryContacts: Object.fromEntries(registry.primaryContacts),
    defaults: registry.defaults,
    organizationalUnits: Object.fromEntries(registry.organizationalUnits),
    accounts,
    exceptions: [],
    organization: { accountsFile: header.accountsFile },
  });
  // Cards, overrides and accounts one a line, as the example registry writes them; primary contact cards, long, in block style.
  const section = (key: string) => doc.get(key, true) as YAML.YAMLMap;
  for (const key of ["contacts", "organizationalUnits", "accounts"]) for (const item of section(key).items) (item.value as YAML.YAMLMap).flow = true;
  for (const key of ["defaults", "organization"]) section(key).flow = true;
  const comment = (key: string, text: string) => {
    const pair = (doc.contents as YAML.YAMLMap).items.find((item) => (item.key as YAML.Scalar).value === key);
    if (pair) (pair.key as YAML.Scalar).commentBefore = text;
  };
  (doc.get("policy", true) as YAML.YAMLMap).items[0].value = withComment("warn", " enforce once people and groups are filled in");
  comment("people", " Fill in: everyone an address below reaches (name, email, phone).");
  comment("groups", " Fill in: each shared address (an alias, a hunt group) with its members and the day they were confirmed (reviewed).");
  comment("contacts", " The alternate contacts AWS holds now, one card per distinct set of values.");
  comment("accounts", " Every ACTIVE account, with the OU path it has in AWS Organizations; ids in quotes.");
  for (const account of registry.accounts) {
    if (!account.unread) continue;
    const pair = (doc.get("accounts", true) as YAML.YAMLMap).items.find((item) => (item.key as YAML.Scalar).value === account.id);
    if (pair)
      (pair.key as YAML.Scalar).commentBefore = ` Not read (${account.unread}): its contacts are AWS's unknowns; check them, then run contacts import again.`;
  }
  doc.commentBefore = headerComment(registry, header);
  return doc.toString({ lineWidth: 0 });
}

function withComment(value: string, comment: string): YAML.Scalar {
  const scalar = new YAML.Scalar(value);
  scalar.comment = comment;
  return scalar;
}

function headerComment(registry: ImportedRegistry, header: RegistryHeader): string {
  const lines = [
    ...(header.schema ? [` yaml-language-server: $schema=${header.schema}`] : []),
    ` Written by \`contacts import\` from organization ${header.organizationId} (management account ${header.managementAccountId}) at ${header.readAt}:`,
    ` the contacts AWS holds now, for ${registry.accounts.length} ACTIVE accounts${header.inactive ? ` (${header.inactive} accounts not ACTIVE left out)` : ""}.`,
    "",
    " What to fill in:",
    " 1. people and groups: who each address below reaches. `npx cdktf synth` lists every email and phone",
    "    that reaches fewer than two current people (single-recipient, unlisted-address): those need a group",
    "    with its members. Addresses are left exactly as AWS holds them.",
    " 2. Accounts AWS holds no contact of a type for get the default card on the first apply; check the defaults.",
    " 3. Then set policy.mode to enforce (it is warn until then, so synthesis deploys the contacts as they are).",
    "",
    " Deploying as it is changes nothing in AWS: with importExistingContacts on in cdktf.json, the first plan imports",
    " the contacts that exist (recorded in the existing-contacts file written beside) and creates only the missing ones.",
  ];
  return lines.join("\n");
}
