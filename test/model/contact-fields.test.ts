import Ajv from "ajv";
import schema from "../../schema/registry.schema.json";
import { checkFields } from "../../src/model/check-fields";
import { ALTERNATE_CONTACT_FIELDS, PRIMARY_CONTACT_FIELDS, type ContactField } from "../../src/model/contact-fields";

/** A card definition of the registry's schema, as far as these tests read it. */
interface CardSchema {
  required: string[];
  properties: Record<string, { type?: string; minLength?: number; maxLength?: number; pattern?: string }>;
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
    email: ["team-alias@example.com", "  padded@example.com ", "a+b=c.d#e|f!g&h@mail.example.org", "aws-ops(at)example.com", "no-at-sign", "user@nodot", "jörg@example.de", "user@example.c-m"],
    phone: ["+1 206 555 0100", "(206) 555-0100", "+1 206 CALL OPS", "206.555.0100"],
  },
  primaryContacts: {
    phone: ["+1 206 555 0100", "+44 (20) 7946-0958", "1 206 555 0100", "+1 206 555 0100 x1", "+"],
    countryCode: ["US", "GB", "us", "USA", "U1"],
  },
};

/** Whether the table accepts `value` for `field` on its own: its length and pattern, through the loader's own check. */
function tableAccepts(field: ContactField, value: string): boolean {
  return checkFields([field], { [field.field]: value }).length === 0;
}

const ajv = new Ajv({ strict: false });

describe.each(CARDS)("the JSON Schema's %s card agrees with the contact-field table", (section, table) => {
  const card = cardSchema(section);

  test("every field of the table is a string property of the card, and the card has no property the table lacks", () => {
    expect(Object.keys(card.properties).sort()).toEqual(table.map((f) => f.field).sort());
    for (const { field } of table) expect([field, card.properties[field].type]).toEqual([field, "string"]);
  });

  test.each(table.map((f) => [f.field, f] as const))("%s has the table's length bounds as minLength and maxLength", (field, limit) => {
    expect(card.properties[field]).toMatchObject({ minLength: limit.min, maxLength: limit.max });
  });

  test("the card requires exactly the fields the table requires", () => {
    expect([...card.required].sort()).toEqual(table.filter((f) => f.required).map((f) => f.field).sort());
  });

  test("a field has a schema pattern exactly when the table gives it one", () => {
    const patterned = (fields: string[]) => fields.filter((field) => card.properties[field].pattern !== undefined);
    expect(patterned(table.map((f) => f.field))).toEqual(table.filter((f) => f.pattern).map((f) => f.field));
  });

  test.each(table.filter((f) => f.pattern).map((f) => [f.field, f] as const))("%s: the schema's pattern accepts and refuses the same values as the table's", (field, limit) => {
    const validate = ajv.compile(card.properties[field]);
    const samples = PATTERN_SAMPLES[section][field];
    expect(samples.some((value) => tableAccepts(limit, value))).toBe(true);
    expect(samples.some((value) => !tableAccepts(limit, value))).toBe(true);
    expect(samples.map((value) => [value, validate(value)])).toEqual(samples.map((value) => [value, tableAccepts(limit, value)]));
  });

  test("lengths are counted the same way: in characters, an emoji being one", () => {
    const [field] = table.filter((f) => !f.pattern);
    const validate = ajv.compile(card.properties[field.field]);
    for (const length of [field.max, field.max + 1]) {
      const value = "😀".repeat(length);
      expect([length, validate(value)]).toEqual([length, tableAccepts(field, value)]);
    }
  });
});
