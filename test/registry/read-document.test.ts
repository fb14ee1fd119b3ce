import { parseDocument } from "yaml";
import { parseRegistry } from "../../src/registry/load-registry";
import { RegistryError } from "../../src/registry/errors";
import { synthInputErrorText } from "../../src/run/synth-headline";
import { exampleText, exampleWith } from "../support/workspace";

/** What `cdktf synth` prints for a registry text that does not load, named as `file`. */
function rejection(text: string, file = "contacts/registry.yaml"): string {
  try {
    parseRegistry(file, text);
  } catch (error) {
    if (error instanceof RegistryError) return synthInputErrorText(error);
    throw error;
  }
  throw new Error("expected the registry to be rejected");
}

/** The example as a `.json` registry, two-space indented as editors write it. */
function exampleJson(): string {
  return JSON.stringify(parseDocument(exampleText()).toJS(), null, 2);
}

/** Where `fragment` first stands in `text`: "line:column", 1-based, as errors name it. */
function positionOf(text: string, fragment: string, from = 0): string {
  const offset = text.indexOf(fragment, from);
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe("YAML syntax errors: the first one and those independent of it, never its cascade", () => {
  test("a tab among 40 accounts is one error with its fix, not one per account after it", () => {
    const accounts = Array.from({ length: 40 }, (_, n) => `  "${String(100000000000 + n)}": { name: account-${n} }`);
    accounts[1] = accounts[1].replace(/^ {2}/, "\t");
    const text = `version: 1\naccounts:\n${accounts.join("\n")}\n`;
    expect(parseDocument(text, { strict: true, uniqueKeys: false }).errors.length).toBeGreaterThan(30);
    expect(rejection(text)).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:4:1 accounts.100000000001: YAML syntax: tabs are not allowed as indentation. Fix: indent with spaces: YAML does not allow tabs for indentation."
    `);
  });

  test("two unrelated mistakes are both reported, each at its own line with its own fix", () => {
    const text = exampleWith(['phone: "+1 206 555 0101" }', 'phone: "+1 206 555 0101 }'], ['  "333333333333"', '\t"333333333333"']);
    expect(rejection(text)).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 2 errors; nothing was synthesized:
        contacts/registry.yaml:12:92 people.jdoe: YAML syntax: missing closing "quote. Fix: close the quoted text with the quote it opens with.
        contacts/registry.yaml:76:1 accounts.333333333333: YAML syntax: tabs are not allowed as indentation. Fix: indent with spaces: YAML does not allow tabs for indentation."
    `);
  });

  test("a tab nested under a key is placed under that key", () => {
    expect(rejection(exampleWith(["    members: [omar, lchen]", "\tmembers: [omar, lchen]"]))).toContain(
      "contacts/registry.yaml:21:1 groups.secops-leads.members: YAML syntax: tabs are not allowed as indentation.",
    );
  });

  test.each([
    [
      "a value holding ': '",
      ["fullName: Example Corp Cloud Office", "fullName: Example: Corp Cloud Office"],
      'contacts/registry.yaml:59:15 primaryContacts.hq.fullName: YAML syntax: nested mappings are not allowed in compact mappings. Fix: the value holds ": " (a colon and a space), which YAML reads as another key: put the value in quotes.',
    ],
    [
      "a key without ': '",
      ['"333333333333": { name', '"333333333333" { name'],
      'contacts/registry.yaml:76:3 accounts: YAML syntax: implicit map keys need to be followed by map values. Fix: put ": " (a colon and a space) between the key and its value.',
    ],
    [
      "a flow map left open",
      ['phone: "+1 206 555 0101" }', 'phone: "+1 206 555 0101"'],
      "contacts/registry.yaml:13:3 people.rroe: YAML syntax: flow map in block collection must be sufficiently indented and end with a }. Fix: close the { opened on the line above with }, or indent this line to continue it.",
    ],
  ] as const)("%s: says what happened and how to fix it", (_, replacement, expected) => {
    const message = rejection(exampleWith([...replacement]));
    expect(message).toContain("has 1 error;");
    expect(message).toContain(expected);
  });
});

describe("duplicate keys name the key and where it first stands", () => {
  test("in YAML", () => {
    expect(rejection(exampleWith(['  "666666666666": { name: audit, ou: Security }', '  "555555555555": { name: audit, ou: Security }'])))
      .toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:79:3 accounts.555555555555: duplicate key "555555555555": it is already at line 78, column 3, and only one of the two would be kept. Fix: remove one of the two "555555555555" entries, or merge them into one."
    `);
  });

  test("in JSON, where JSON.parse would keep the last silently", () => {
    const text = exampleJson().replace('"666666666666": {', '"555555555555": {');
    const first = text.indexOf('"555555555555"');
    const [line, column] = positionOf(text, '"555555555555"').split(":");
    expect(rejection(text, "contacts/registry.json")).toBe(
      "The contacts registry contacts/registry.json has 1 error; nothing was synthesized:\n" +
        `  contacts/registry.json:${positionOf(text, '"555555555555"', first + 1)} accounts.555555555555: duplicate key "555555555555": it is already at line ${line}, column ${column}, and only one of the two would be kept. Fix: remove one of the two "555555555555" entries, or merge them into one.`,
    );
  });
});

describe("an empty registry says so, and what the smallest valid registry is", () => {
  test.each([
    ["an empty YAML file", "", "contacts/registry.yaml"],
    ["a YAML file of comments", "# yaml-language-server: $schema=../schema/registry.schema.json\n\n", "contacts/registry.yaml"],
  ])("%s", (_, text, file) => {
    expect(rejection(text, file)).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:1:1 the registry is empty: the file holds no YAML, only blank lines or comments. Fix: start from the smallest valid registry, "version: 1" and "accounts: {}" on two lines, then add your accounts under accounts (docs/registry.md: "The registry")."
    `);
  });

  test("an empty JSON file", () => {
    expect(rejection(" \n", "contacts/registry.json")).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.json has 1 error; nothing was synthesized:
        contacts/registry.json:1:1 the registry is empty: the file holds no JSON value. Fix: start from the smallest valid registry, {"version": 1, "accounts": {}}, then add your accounts under accounts (docs/registry.md: "The registry")."
    `);
  });

  test("the smallest registry the messages suggest loads, in both formats", () => {
    expect(parseRegistry("contacts/registry.yaml", "version: 1\naccounts: {}\n").accounts).toEqual([]);
    expect(parseRegistry("contacts/registry.json", '{"version": 1, "accounts": {}}').accounts).toEqual([]);
  });
});

describe("a .json registry is strict JSON, with every position kept", () => {
  test.each([
    ["a trailing comma, at the comma", '{\n  "version": 1,\n  "accounts": {},\n}\n', '3:17 not JSON: a comma before "}". Fix: remove the trailing comma'],
    ["a comment", '{\n  // the registry\n  "version": 1\n}\n', "2:3 not JSON: a comment (JSON has no comments). Fix: remove the comment"],
    ["single quotes", "{'version': 1}", "1:2 not JSON: text in single quotes. Fix: write strings and keys in double quotes."],
    ["a second value", '{"version": 1, "accounts": {}}\n{"version": 1}\n', "2:1 not JSON: a second value after the registry's object. Fix: keep one object"],
    ["a missing comma", '{"version": 1 "accounts": {}}', '1:15 not JSON: unexpected "\\"": expected "," or "}". Fix: correct the JSON at this place'],
  ])("%s is one error at its line and column", (_, text, expected) => {
    const message = rejection(text, "contacts/registry.json");
    expect(message).toContain("has 1 error;");
    expect(message).toContain(`contacts/registry.json:${expected}`);
  });

  test("the loader's errors point at the JSON's lines and columns: a value, a key", () => {
    const misspelt = exampleJson().replace('"name": "data-platform"', '"nmae": "data-platform"');
    expect(rejection(misspelt, "contacts/registry.json")).toContain(
      `contacts/registry.json:${positionOf(misspelt, '"nmae"')} accounts.444444444444.nmae: unknown field "nmae"`,
    );
    const unknownCard = exampleJson().replace('"operations": "payments-oncall"', '"operations": "payments-sec"');
    expect(rejection(unknownCard, "contacts/registry.json")).toContain(
      `contacts/registry.json:${positionOf(unknownCard, '"payments-sec"')} accounts.222222222222.contacts.operations: unknown contact card "payments-sec"`,
    );
  });

  test("a number where text belongs says to quote it, without blaming YAML", () => {
    expect(rejection(exampleJson().replace('"name": "audit"', '"name": 42'), "contacts/registry.json")).toContain(
      'accounts.666666666666.name: must be a string, not a number. Fix: quote it, e.g. "42".',
    );
  });

  test("an unquoted +phone number, read by YAML as a number, gets a fix that keeps its + (and a hex number its spelling)", () => {
    expect(rejection(exampleWith(['phone: "+1 206 555 0101"', "phone: +12065550101"]))).toContain(
      'people.jdoe.phone: must be a string, not a number. Fix: quote it, e.g. "+12065550101": YAML reads it as a number.',
    );
    expect(rejection(exampleWith(["name: audit", "name: 0x2A"]))).toContain('Fix: quote it, e.g. "0x2A": YAML reads it as a number.');
  });
});

describe("a key named __proto__ is a plain key, in either format, and is checked like any other", () => {
  test.each([
    ["contacts/registry.yaml", 'version: 1\naccounts: {}\npeople:\n  __proto__: { name: "${x}" }\n', "4:3"],
    ["contacts/registry.json", '{"version": 1, "accounts": {}, "people": {"__proto__": {"name": "${x}"}}}', "1:43"],
  ])("%s", (file, text, position) => {
    expect(rejection(text, file)).toContain(`${file}:${position} people.__proto__: "__proto__" is not a valid name here.`);
  });
});

describe("YAML aliases: refused where they stand, not misread", () => {
  test("a card reused through an alias is one error at the alias, saying to write it out or name the card", () => {
    const aliased = exampleWith(
      ["  payments-oncall:   { name: Payments On-call,", "  payments-oncall:   &oncall { name: Payments On-call,"],
      ["\nprimaryContacts:", "\n  oncall-copy: *oncall\nprimaryContacts:"],
    );
    expect(rejection(aliased)).toBe(
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:\n" +
        `  contacts/registry.yaml:${positionOf(aliased, "*oncall")} contacts.oncall-copy: YAML alias *oncall is not supported in the registry. Fix: write the value out here, or give it a card under contacts and name the card by its id.`,
    );
  });
});
