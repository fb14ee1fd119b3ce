import { resolveEffectiveContacts } from "../../src/registry/effective-contacts";
import * as fs from "fs";
import * as path from "path";
import { exampleText, exampleWith, registryFrom, tempDir } from "../support/workspace";
import { buildApp } from "../support/synth-app";

function synthStack(text: string, settings = {}) {
  const built = buildApp(text, { settings });
  built.app.synth();
  return built.stack();
}

describe("precedence: account, then nearest OU, then defaults", () => {
  const effective = new Map(resolveEffectiveContacts(registryFrom(exampleText())).map((e) => [e.account.id, e]));

  test("an account's own contacts win over its OU and the defaults", () => {
    expect(effective.get("222222222222")?.operations).toMatchObject({ card: { id: "payments-oncall" }, origin: { level: "account" } });
  });

  test("an OU override applies to accounts of that OU and of OUs below it", () => {
    expect(effective.get("222222222222")?.security).toMatchObject({ card: { id: "payments-security" }, origin: { level: "ou", path: "Workloads/Payments" } });
    expect(effective.get("333333333333")?.security).toMatchObject({ card: { id: "payments-security" }, origin: { level: "ou", path: "Workloads/Payments" } });
  });

  test("the nearest ancestor OU wins over a farther one", () => {
    const registry = registryFrom(
      exampleWith([
        "  Workloads/Payments: { security: payments-security }",
        "  Workloads: { security: billing }\n  Workloads/Payments: { security: payments-security }",
      ]),
    );
    const byId = new Map(resolveEffectiveContacts(registry).map((e) => [e.account.id, e]));
    expect(byId.get("333333333333")?.security?.card.id).toBe("payments-security");
    expect(byId.get("444444444444")?.security).toMatchObject({ card: { id: "billing" }, origin: { level: "ou", path: "Workloads" } });
  });

  test("accounts outside any override get the defaults", () => {
    expect(effective.get("555555555555")?.security).toMatchObject({ card: { id: "security" }, origin: { level: "defaults" } });
    expect(effective.get("555555555555")?.primary?.card.id).toBe("hq");
  });
});

/** The for_each map of a contact resource: a local the resource's for_each names. */
function instances(json: ReturnType<typeof synthStack>, name: string): Record<string, Record<string, string | null>> {
  const type = name === "primary" ? "aws_account_primary_contact" : "aws_account_alternate_contact";
  const reference = /^\$\{local\.(\w+)\}$/.exec(json.resource[type][name].for_each);
  if (!reference) throw new Error(`for_each of ${type}.${name} is not a local: ${json.resource[type][name].for_each}`);
  return json.locals[reference[1]];
}

describe("synthesized Terraform for the example registry", () => {
  const json = synthStack(exampleText());
  const alternates = json.resource.aws_account_alternate_contact;

  test("three alternate contacts per account and a primary contact per account", () => {
    for (const type of ["billing", "operations", "security"]) {
      expect(Object.keys(instances(json, type)).sort()).toEqual([
        "111111111111",
        "222222222222",
        "333333333333",
        "444444444444",
        "555555555555",
        "666666666666",
      ]);
      expect(alternates[type].alternate_contact_type).toBe(type.toUpperCase());
    }
    expect(Object.keys(instances(json, "primary"))).toHaveLength(6);
  });

  test("the management account's contacts carry no account_id, every other account's do", () => {
    expect(instances(json, "security")["111111111111"].account_id).toBeNull();
    expect(instances(json, "security")["222222222222"].account_id).toBe("222222222222");
    expect(instances(json, "primary")["111111111111"].account_id).toBeNull();
    expect(alternates.security.account_id).toBe("${each.value.account_id}");
  });

  test("instance values are the effective card's fields, exactly as AWS will store them", () => {
    expect(instances(json, "security")["222222222222"]).toEqual({
      account_id: "222222222222",
      name: "Payments Security",
      title: "Security Operations",
      email_address: "payments-sec@example.com",
      phone_number: "+1 206 555 0130",
    });
    expect(alternates.security.email_address).toBe("${each.value.email_address}");
  });

  test("the provider defaults to us-east-1 and the version constraint is settable", () => {
    expect(json.provider.aws).toEqual([{ region: "us-east-1" }]);
    expect(json.terraform.required_providers.aws.version).toBe("~> 6.0");
    const pinned = synthStack(exampleText(), { providerVersion: "5.100.0", region: "eu-west-1", assumeRoleArn: "arn:aws:iam::111111111111:role/contacts" });
    expect(pinned.terraform.required_providers.aws.version).toBe("5.100.0");
    expect(pinned.provider.aws[0]).toEqual({ region: "eu-west-1", assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/contacts" }] });
  });

  test("an S3 backend from the settings, with S3-native locking", () => {
    const withBackend = synthStack(exampleText(), { s3Backend: { bucket: "tf-state", key: "contacts/terraform.tfstate" } });
    expect(withBackend.terraform.backend).toEqual({
      s3: { bucket: "tf-state", key: "contacts/terraform.tfstate", region: "us-east-1", encrypt: true, use_lockfile: true },
    });
  });
});

describe("stable Terraform addresses", () => {
  const addresses = (json: ReturnType<typeof synthStack>) =>
    Object.entries(json.resource as Record<string, Record<string, unknown>>)
      .flatMap(([type, blocks]) => Object.keys(blocks).flatMap((name) => Object.keys(instances(json, name)).map((key) => `${type}.${name}["${key}"]`)))
      .sort();

  test("addresses are readable: resource per contact type, instance per account id", () => {
    expect(addresses(synthStack(exampleText()))).toContain('aws_account_alternate_contact.security["222222222222"]');
  });

  test("renaming an account or reordering the file changes no address and no value", () => {
    const before = synthStack(exampleText());
    const renamedAndReordered = exampleWith(
      ['  "444444444444": { name: data-platform, ou: Workloads/Data }\n', ""],
      [
        '"111111111111": { name: management, management: true }',
        '"444444444444": { name: data-lake, ou: Workloads/Data }\n  "111111111111": { name: management, management: true }',
      ],
    );
    const after = synthStack(renamedAndReordered);
    expect(addresses(after)).toEqual(addresses(before));
    expect(after.resource).toEqual(before.resource);
    expect(after.locals).toEqual(before.locals);
  });
});

describe("import blocks (adopting existing contacts)", () => {
  /** A record of existing contacts (as `contacts drift --existing` writes it) listing `types` for every account of the example. */
  function recordOf(types: string[]) {
    const file = path.join(tempDir("existing-"), "existing-contacts.json");
    const ids = resolveEffectiveContacts(registryFrom(exampleText())).map((e) => e.account.id);
    fs.writeFileSync(file, JSON.stringify({ readAt: "2026-11-23T00:00:00Z", accounts: Object.fromEntries(ids.map((id) => [id, types])) }));
    return file;
  }

  test("off by default; when on, one import per contact the record lists as existing, with the provider's import ids", () => {
    expect(synthStack(exampleText()).import).toBeUndefined();
    const existingContactsFile = recordOf(["BILLING", "OPERATIONS", "SECURITY", "PRIMARY"]);
    const imports = synthStack(exampleText(), { importExisting: true, existingContactsFile }).import as { to: string; id: string }[];
    expect(imports).toContainEqual({ to: 'aws_account_alternate_contact.security["222222222222"]', id: "222222222222/SECURITY" });
    expect(imports).toContainEqual({ to: 'aws_account_alternate_contact.billing["111111111111"]', id: "BILLING" });
    expect(imports.filter((i) => i.to.startsWith("aws_account_alternate_contact"))).toHaveLength(18);
    // Only the management account's primary contact: member imports hit provider bug #41154.
    expect(imports.filter((i) => i.to.startsWith("aws_account_primary_contact"))).toEqual([
      { to: 'aws_account_primary_contact.primary["111111111111"]', id: "default" },
    ]);
  });

  test("contacts the record does not list as existing get no import block: an import of a contact never set fails the plan", () => {
    const imports = synthStack(exampleText(), { importExisting: true, existingContactsFile: recordOf(["SECURITY"]) }).import as { to: string }[];
    expect(imports.map((i) => i.to.replace(/\["\d+"\]/, ""))).toEqual(Array(6).fill("aws_account_alternate_contact.security"));
  });

  test("on without the record is one line saying how to write it", () => {
    expect(() => synthStack(exampleText(), { importExisting: true, existingContactsFile: "no/such/existing.json" })).toThrow(
      /^importExistingContacts is on, but the record of existing contacts no\/such\/existing.json \(cdktf.json context key existingContactsFile\) does not exist\. Fix: record which contacts AWS holds with `npx contacts drift --existing no\/such\/existing.json`/,
    );
  });
});
