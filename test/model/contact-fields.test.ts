import Ajv from "ajv";
import addFormats from "ajv-formats";
import schema from "../../schema/registry.schema.json";
import { checkFields, edgeWhitespaceIn } from "../../src/model/check-fields";
import {
  ALTERNATE_CONTACT_FIELDS,
  cardValues,
  PRIMARY_CONTACT_FIELDS,
  type AlternateContactFields,
  type ContactField,
  type PrimaryContactFields,
} from "../../src/model/contact-fields";
import type { Account, PrimaryContactCard, SourcePosition } from "../../src/model/types";
import type { EffectiveContacts } from "../../src/registry/effective-contacts";
import { ALTERNATE_ROW_ATTRIBUTES, PRIMARY_ROW_ATTRIBUTES, alternateInstances, primaryInstances } from "../../src/terraform/contact-rows";

/** A card definition of the registry's schema, as far as these tests read it. */
interface CardSchema {
  required: string[];
  if?: { properties: Record<string, { enum: string[] }>; required: string[] };
  then?: { properties: object; required: string[] };
  properties: Record<string, { type?: string; minLength?: number; maxLength?: number; pattern?: string; allOf?: object[]; description?: string }>;
}

const CARDS: [section: "contacts" | "primaryContacts", table: readonly ContactField[]][] = [
  ["contacts", ALTERNATE_CONTACT_FIELDS],
  ["primaryContacts", PRIMARY_CONTACT_FIELDS],
];

function cardSchema(section: "contacts" | "primaryContacts"): CardSchema {
  return schema.properties[section].additionalProperties;
}

/** Values each patterned field's table and schema must judge alike: some AWS accepts, some it refuses. */
const PATTERN_SAMPLES: Record<string, Record<string, string[]>> = {
  contacts: {
    email: [
      "team-alias@example.com",
      "  padded@example.com ",
      "a+b=c.d#e|f!g&h@mail.example.org",
      "aws-ops(at)example.com",
      "no-at-sign",
      "user@nodot",
      "jörg@example.de",
      "user@example.c-m",
    ],
    phone: ["+1 206 555 0100", "(206) 555-0100", "+1 206 CALL OPS", "206.555.0100"],
  },
  primaryContacts: {
    phone: ["+1 206 555 0100", "+44 (20) 7946-0958", "1 206 555 0100", "+1 206 555 0100 x1", "+"],
    countryCode: ["US", "GB", "us", "USA", "U1"],
  },
};

/** White space the loader refuses at either end of any field, and inside a value, where it is fine. */
/** Invisible, bidirectional, look-alike and non-Latin characters, inside values that are otherwise valid for every field. */
const CHARACTER_SAMPLES = ["a@b.example", "a\u200b@b.example", "\u0430@b.example", "a\u202e@b.example", "a\u0007@b.example", "\u674e@b.example"];

const SPACE_SAMPLES = ["US", " US", "US ", "U\tS", "US\n", "\u00a0US", "U S"];

/**
 * Whether the loader accepts `value` for `field` on its own: the table's length and pattern through the
 * loader's own check, and no white space at either end (semantic-checks).
 */
function loaderAccepts(field: ContactField, value: string): boolean {
  return checkFields([field], { [field.field]: value }).length === 0 && edgeWhitespaceIn(value) === undefined;
}

const ajv = new Ajv({ strict: false });
addFormats(ajv, ["date"]);
ajv.addSchema(schema);

/** The schema's own validator for one card field, its references resolved within the registry's schema. */
function fieldValidator(section: string, field: string) {
  return ajv.compile({ $ref: `${schema.$id}#/properties/${section}/additionalProperties/properties/${field}` });
}

describe.each(CARDS)("the JSON Schema's %s card agrees with the contact-field table", (section, table) => {
  const card = cardSchema(section);

  test("every field of the table is a string property of the card, and the card has no property the table lacks", () => {
    expect(Object.keys(card.properties).sort()).toEqual(table.map((f) => f.field).sort());
    for (const { field } of table) expect([field, card.properties[field].type]).toEqual([field, "string"]);
  });

  test.each(table.map((f) => [f.field, f] as const))(
    "%s has the table's length bounds as minLength and maxLength, and says them in its description",
    (field, limit) => {
      expect(card.properties[field]).toMatchObject({ minLength: limit.min, maxLength: limit.max });
      const range = limit.min === limit.max ? `exactly ${limit.min} characters` : `${limit.min}-${limit.max} characters`;
      expect(card.properties[field].description).toContain(range);
      expect(card.properties[field].description).toContain(`(AWS: ${limit.apiName})`);
    },
  );

  test("the card requires exactly the fields the table requires", () => {
    expect([...card.required].sort()).toEqual(
      table
        .filter((f) => f.required)
        .map((f) => f.field)
        .sort(),
    );
  });

  test("a field required for some values of another (requiredWhen) is the card's if/then, for exactly the table's values", () => {
    const conditional = table.filter((f) => f.requiredWhen);
    expect(conditional.map((f) => [f.field, f.requiredWhen?.field])).toEqual(card.then ? [[card.then.required[0], card.if?.required[0]]] : []);
    for (const { field, requiredWhen } of conditional) {
      expect(card.if).toEqual({ properties: { [requiredWhen!.field]: { enum: [...requiredWhen!.oneOf] } }, required: [requiredWhen!.field] });
      expect(card.then).toEqual({ properties: { [field]: true }, required: [field] });
    }
  });

  test("a field has a schema pattern exactly when the table gives it one", () => {
    const patterned = (fields: string[]) => fields.filter((field) => card.properties[field].pattern !== undefined);
    expect(patterned(table.map((f) => f.field))).toEqual(table.filter((f) => f.pattern).map((f) => f.field));
  });

  test.each(table.filter((f) => f.pattern).map((f) => [f.field, f] as const))(
    "%s: the schema accepts and refuses the same values as the loader",
    (field, limit) => {
      const validate = fieldValidator(section, field);
      const samples = PATTERN_SAMPLES[section][field];
      expect(samples.some((value) => loaderAccepts(limit, value))).toBe(true);
      expect(samples.some((value) => !loaderAccepts(limit, value))).toBe(true);
      expect(samples.map((value) => [value, validate(value)])).toEqual(samples.map((value) => [value, loaderAccepts(limit, value)]));
    },
  );

  test.each(table.map((f) => [f.field, f] as const))(
    "%s: white space at either end is refused by the schema as by the loader, inside a value it is not",
    (field, limit) => {
      const validate = fieldValidator(section, field);
      expect(SPACE_SAMPLES.map((value) => [value, validate(value)])).toEqual(SPACE_SAMPLES.map((value) => [value, loaderAccepts(limit, value)]));
      expect(validate(" x")).toBe(false);
    },
  );

  test.each(table.map((f) => [f.field, f] as const))("%s: the schema refuses the same invisible and non-ASCII characters as the loader", (field, limit) => {
    const validate = fieldValidator(section, field);
    expect(CHARACTER_SAMPLES.map((value) => [value, validate(value)])).toEqual(CHARACTER_SAMPLES.map((value) => [value, loaderAccepts(limit, value)]));
  });

  test("lengths are counted the same way: in characters, an emoji being one", () => {
    const [field] = table.filter((f) => !f.pattern);
    const validate = fieldValidator(section, field.field);
    for (const length of [field.max, field.max + 1]) {
      const value = "😀".repeat(length);
      expect([length, validate(value)]).toEqual([length, loaderAccepts(field, value)]);
    }
  });
});

describe("what is derived from the contact-field table", () => {
  const at: SourcePosition = { file: "registry.yaml", line: 1, column: 1 };
  const hq: PrimaryContactCard = {
    id: "hq",
    companyName: "Example Corp",
    fullName: "Example Corp Cloud Office",
    phone: "+1 206 555 0100",
    addressLine1: "1 Main St",
    city: "Seattle",
    stateOrRegion: "WA",
    postalCode: "98101",
    countryCode: "US",
    position: at,
    fieldPositions: {},
  };
  const account = (id: string, management = false): Account => ({ id, name: id, management, contacts: {}, position: at });
  const chose = (id: string, management = false): EffectiveContacts => ({
    account: account(id, management),
    primary: { card: hq, origin: { level: "defaults" } },
    security: {
      card: { id: "sec", name: "Sec", title: "Security", email: "sec@example.com", phone: "+1 206 555 0100", position: at, fieldPositions: {} },
      origin: { level: "defaults" },
    },
  });

  test("a card's values are its set fields in the table's order, not the file's, without the card's id or positions", () => {
    expect(Object.entries(cardValues(hq, "primary"))).toEqual([
      ["fullName", "Example Corp Cloud Office"],
      ["companyName", "Example Corp"],
      ["phone", "+1 206 555 0100"],
      ["addressLine1", "1 Main St"],
      ["city", "Seattle"],
      ["stateOrRegion", "WA"],
      ["postalCode", "98101"],
      ["countryCode", "US"],
    ]);
  });

  test("every row carries every Terraform attribute of the table, in its order, null when the card leaves it unset", () => {
    const row = primaryInstances([chose("222222222222")])["222222222222"];
    expect(Object.keys(row)).toEqual(["account_id", ...PRIMARY_CONTACT_FIELDS.map((f) => f.attribute)]);
    expect(Object.keys(row)).toEqual(PRIMARY_ROW_ATTRIBUTES);
    expect(row).toMatchObject({
      account_id: "222222222222",
      full_name: "Example Corp Cloud Office",
      address_line_2: null,
      website_url: null,
      state_or_region: "WA",
    });
    expect(Object.keys(alternateInstances([chose("222222222222")], "SECURITY")["222222222222"])).toEqual(ALTERNATE_ROW_ATTRIBUTES);
  });

  test("the management account's rows have a null account_id: AWS refuses the management account naming itself", () => {
    const rows = alternateInstances([chose("111111111111", true), chose("222222222222")], "SECURITY");
    expect(Object.entries(rows).map(([key, row]) => [key, row.account_id])).toEqual([
      ["111111111111", null],
      ["222222222222", "222222222222"],
    ]);
  });

  test("the card types require the table's required fields and allow only its fields (checked by tsc)", () => {
    const alternate: AlternateContactFields = { name: "Sec", title: "Security", email: "sec@example.com", phone: "+1 206 555 0100" };
    // @ts-expect-error the table requires phone
    const withoutPhone: AlternateContactFields = { name: "Sec", title: "Security", email: "sec@example.com" };
    const primary: PrimaryContactFields = {
      fullName: "Jane Doe",
      phone: "+1 206 555 0100",
      addressLine1: "1 Main St",
      city: "Seattle",
      postalCode: "98101",
      countryCode: "US",
    };
    // @ts-expect-error the primary contact has no email in the table
    const withEmail: PrimaryContactFields = { ...primary, email: "jane@example.com" };
    expect([alternate, withoutPhone, primary, withEmail]).toHaveLength(4);
  });
});
