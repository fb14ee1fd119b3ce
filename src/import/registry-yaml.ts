import YAML from "yaml";
import { RegistryError, restateIssues } from "../registry/errors";
import { parseRegistry } from "../registry/load-registry";
import { UsageError } from "../model/usage-error";
import { registryImportIdLine } from "../registry/import-set";
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
  /** Paths of the OUs whose name holds "/". */
  ousNamedWithSlash?: string[];
  /** The id the three files of one import share (import-set.ts). */
  importId?: string;
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
  // Phone numbers in quotes, as the example registry writes them: a hand edit of +12065550100 stays text, with its +.
  YAML.visit(doc, {
    Pair(_, pair) {
      if (YAML.isScalar(pair.key) && pair.key.value === "phone" && YAML.isScalar(pair.value)) pair.value.type = "QUOTE_DOUBLE";
    },
  });
  const comment = (key: string, text: string) => {
    const pair = (doc.contents as YAML.YAMLMap).items.find((item) => (item.key as YAML.Scalar).value === key);
    if (pair) (pair.key as YAML.Scalar).commentBefore = text;
  };
  (doc.get("policy", true) as YAML.YAMLMap).items[0].value = withComment("warn", " enforce once people and groups are filled in");
  comment("people", " Fill in: everyone an address below reaches (name, email, phone).");
  comment("groups", " Fill in: each shared address (an alias, a hunt group) with its members and the day they were confirmed (reviewed).");
  comment("contacts", " The alternate contacts AWS holds now, one card per distinct set of values.");
  comment("accounts", " Every ACTIVE account, with the OU path it has in AWS Organizations; ids in quotes.");
  const accountsMap = section("accounts");
  const keys = new Map(accountsMap.items.map((item) => [(item.key as YAML.Scalar).value, item.key as YAML.Scalar]));
  for (const account of registry.accounts) {
    const key = account.awsName === undefined ? undefined : keys.get(account.id);
    if (key)
      key.commentBefore = ` Its name in AWS, ${JSON.stringify(account.awsName)}, holds what the registry accepts nowhere ("\${" or "%{"); written as below.`;
  }
  if (registry.leftOut.length) accountsMap.comment = leftOutComment(registry.leftOut);
  doc.commentBefore = headerComment(registry, header);
  return doc.toString({ lineWidth: 0 });
}

function withComment(value: string, comment: string): YAML.Scalar {
  const scalar = new YAML.Scalar(value);
  scalar.comment = comment;
  return scalar;
}

/**
 * The accounts left out, as comments at the end of `accounts`: each with why, so that a person sees what
 * is not managed yet and what to fix before running `contacts import --force` again.
 */
function leftOutComment(leftOut: ImportedRegistry["leftOut"]): string {
  return [
    " Left out, so that nothing writes over their contacts (not managed: synthesis reports each as uncovered-account).",
    " Fix what is said, then run `contacts import --force` again (added here by hand before that, an account gets the cards above over what AWS holds).",
    ...leftOut.map((a) => ` "${a.id}" ${JSON.stringify(a.name)}${a.ou ? ` (OU ${a.ou})` : ""}: ${a.reason}.`),
  ].join("\n");
}

function headerComment(registry: ImportedRegistry, header: RegistryHeader): string {
  const active = registry.accounts.length + registry.leftOut.length;
  const lines = [
    ...(header.schema ? [` yaml-language-server: $schema=${header.schema}`] : []),
    ...(header.importId ? [registryImportIdLine(header.importId)] : []),
    ` Written by \`contacts import\` from organization ${header.organizationId} (management account ${header.managementAccountId}) at ${header.readAt}:`,
    ` the contacts AWS holds now, for ${registry.accounts.length} of ${active} ACTIVE accounts${header.inactive ? ` (${header.inactive} accounts not ACTIVE left out)` : ""}.`,
    ...(registry.leftOut.length
      ? [` ${registry.leftOut.length} ACTIVE account(s) left out until their contacts can be read and written back as they are: listed at the end of accounts.`]
      : []),
    "",
    " What to fill in:",
    " 1. people and groups: who each address below reaches. `npx cdktf synth` lists every email and phone",
    "    that reaches fewer than two current people (single-recipient, unlisted-address): those need a group",
    "    with its members. Addresses are left exactly as AWS holds them.",
    " 2. Accounts AWS holds no contact of a type for get the default card on the first apply; check the defaults.",
    " 3. Then set policy.mode to enforce (it is warn until then, so synthesis deploys the contacts as they are).",
    "",
    " Deploying as it is changes nothing in AWS: with importExistingContacts on in cdktf.json, the first plan imports",
    " the contacts that exist (recorded in the existing-contacts file written beside) and creates only the missing ones;",
    " accounts left out are not touched.",
    ...(header.ousNamedWithSlash?.length
      ? ["", ` OUs named with "/" (read as a step down in OU paths): ${header.ousNamedWithSlash.join(", ")}. Rename them in AWS Organizations.`]
      : []),
  ];
  return lines.join("\n");
}

/**
 * The registry text, once the loader has read it as synthesis will: accounts whose values it would refuse
 * are left out before (accountsLeftOut), so a problem here is one those checks missed. Then nothing is
 * written, and every problem is one line of a single error, at the line of the text that was not written.
 */
export function loadableRegistryYaml(command: string, file: string, text: string): string {
  try {
    parseRegistry(file, text);
    return text;
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new UsageError(
      `${restateIssues(error, `${command}: the registry built from AWS for ${file}`, "so it would not load, and nothing was written")}\n` +
        `Fix: correct those values in AWS and run ${command} again, and report this: ${command} should have left such accounts out.`,
    );
  }
}
