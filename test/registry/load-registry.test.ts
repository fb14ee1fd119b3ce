import * as fs from "fs";
import * as path from "path";
import { loadRegistry, parseRegistry, type LoadOptions } from "../../src/registry/load-registry";
import { RegistryError } from "../../src/registry/errors";
import { synthInputErrorText } from "../../src/run/synth-headline";
import { exampleText, exampleWith, tempDir } from "../support/workspace";

/** The loader's whole message for a registry text, as `cdktf synth` prints it: what a user sees. */
function errorFor(text: string, options: LoadOptions = {}): string {
  try {
    parseRegistry("contacts/registry.yaml", text, options);
  } catch (error) {
    if (error instanceof RegistryError) return synthInputErrorText(error);
    throw error;
  }
  throw new Error("expected the registry to be rejected");
}

describe("registry loader: accepts the example", () => {
  test("the example registry loads with its accounts, cards, groups and people", () => {
    const registry = parseRegistry("contacts/registry.yaml", exampleText());
    expect(registry.accounts.map((a) => a.id)).toEqual(["111111111111", "222222222222", "333333333333", "444444444444", "555555555555", "666666666666"]);
    expect(registry.accounts.filter((a) => a.management).map((a) => a.id)).toEqual(["111111111111"]);
    expect(registry.policy).toMatchObject({
      minRecipients: 2,
      maxReviewAgeDays: 365,
      maxExceptionDays: 365,
      mode: "enforce",
      requiredTypes: ["BILLING", "OPERATIONS", "SECURITY"],
    });
    expect(registry.groups.get("cloud-security")?.members).toEqual(["jdoe", "rroe", "secops-leads"]);
  });

  test("a JSON registry with the same content loads to the same registry", () => {
    const dir = tempDir();
    const yaml = parseRegistry("r.yaml", exampleText());
    const { parse } = jest.requireActual("yaml") as typeof import("yaml");
    const file = path.join(dir, "registry.json");
    fs.writeFileSync(file, JSON.stringify(parse(exampleText()), null, 2));
    const json = loadRegistry(file);
    expect(json.accounts.map((a) => [a.id, a.name, a.ou, a.contacts])).toEqual(yaml.accounts.map((a) => [a.id, a.name, a.ou, a.contacts]));
    expect([...json.contacts.keys()]).toEqual([...yaml.contacts.keys()]);
    expect(json.accounts[1].position.file).toBe(file);
    expect(json.accounts[1].position.line).toBeGreaterThan(1);
  });
});

describe("registry loader: each bad input is one clear error with file:line:column", () => {
  test("an unknown contact card names the account path and lists the cards that exist", () => {
    expect(errorFor(exampleWith(["contacts: { operations: payments-oncall }", "contacts: { operations: payments-sec }"]))).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:75:90 accounts.222222222222.contacts.operations: unknown contact card "payments-sec". Fix: add "payments-sec" under contacts, or use one of: security, billing, operations, payments-security, payments-oncall."
    `);
  });

  test("an unknown group member, an unknown OU and an unknown primary card are all reported at once", () => {
    const message = errorFor(
      exampleWith(
        ["members: [rroe, omar]", "members: [rroe, omarr]"],
        ["Workloads/Payments: { security: payments-security }", "Workloads/Paymnts: { security: payments-security }"],
        ["primary: hq }", "primary: head-office }"],
      ),
    );
    expect(message).toContain("has 3 errors");
    expect(message).toContain('contacts/registry.yaml:37:21 groups.platform-oncall.members.1: unknown member "omarr": neither a person nor a group.');
    expect(message).toContain(
      'contacts/registry.yaml:71:3 organizationalUnits.Workloads/Paymnts: unknown OU "Workloads/Paymnts": no account is in it or below it.',
    );
    expect(message).toContain('defaults.primary: unknown primary contact card "head-office"');
  });

  test("an unknown person, group or card one typo from a defined one gets a did-you-mean; a name near none gets none", () => {
    const message = errorFor(
      exampleWith(
        ["members: [rroe, omar]", "members: [rreo, omar, finanse, nobody]"],
        ["contacts: { operations: payments-oncall }", "contacts: { operations: payment-oncall }"],
      ),
    );
    expect(message).toContain('members.0: unknown member "rreo": neither a person nor a group. Fix: did you mean "rroe"? Otherwise add "rreo" under people');
    expect(message).toContain('members.2: unknown member "finanse": neither a person nor a group. Fix: did you mean "finance"? Otherwise add');
    expect(message).toContain('members.3: unknown member "nobody": neither a person nor a group. Fix: add "nobody" under people or groups');
    expect(message).toContain(
      'accounts.222222222222.contacts.operations: unknown contact card "payment-oncall". Fix: did you mean "payments-oncall"? Otherwise add "payment-oncall" under contacts',
    );
  });

  test("an unquoted account id is a number to YAML: the error says to quote it", () => {
    const message = errorFor(exampleWith(['  "666666666666": { name: audit', "  066666666666: { name: audit"]));
    expect(message).toContain("has 1 error;");
    expect(message).toContain("contacts/registry.yaml:79:3 accounts.066666666666: key 066666666666 is a number, not a string. Fix: quote it:");
  });

  test("an account id that is not 12 digits is rejected at its key", () => {
    expect(errorFor(exampleWith(['"666666666666": { name: audit', '"66666666666": { name: audit']))).toContain(
      'contacts/registry.yaml:79:3 accounts.66666666666: account id "66666666666" is not 12 digits. Fix: write the account id as 12 digits in quotes',
    );
  });

  test("a second management account is rejected", () => {
    expect(errorFor(exampleWith(["{ name: audit, ou: Security }", "{ name: audit, ou: Security, management: true }"]))).toContain(
      "accounts.666666666666.management: a second management account (111111111111 is already marked management: true)",
    );
  });

  test("groups nesting in a cycle are rejected with the cycle spelled out", () => {
    expect(errorFor(exampleWith(["members: [omar, lchen]", "members: [omar, lchen, cloud-security]"]))).toContain(
      "groups nest in a cycle: secops-leads -> cloud-security -> secops-leads",
    );
  });

  test.each([
    [
      "name longer than 64",
      "name: Cloud Security Team,",
      `name: ${"x".repeat(65)},`,
      "contacts.security.name: name is 65 characters long; AWS accepts 1 to 64 for Name",
    ],
    [
      "title longer than 50",
      "title: Billing,",
      `title: ${"t".repeat(51)},`,
      "contacts.billing.title: title is 51 characters long; AWS accepts 1 to 50 for Title",
    ],
    [
      "an email AWS refuses",
      "email: aws-ops@example.com,   ",
      "email: aws-ops(at)example.com,",
      'contacts.operations.email: email "aws-ops(at)example.com" is not accepted by AWS for EmailAddress',
    ],
    [
      "a phone with letters",
      'phone: "+1 206 555 0120" }',
      'phone: "+1 206 CALL OPS" }',
      'contacts.operations.phone: phone "+1 206 CALL OPS" is not accepted by AWS for PhoneNumber',
    ],
  ])("an alternate contact card with %s is rejected", (_, from, to, expected) => {
    expect(errorFor(exampleWith([from, to]))).toContain(expected);
  });

  test.each([
    [
      "a phone without +",
      'phone: "+1 206 555 0100"\n    addressLine1',
      'phone: "1 206 555 0100"\n    addressLine1',
      'primaryContacts.hq.phone: phone "1 206 555 0100" is not accepted by AWS for PhoneNumber. Fix: use a + followed by',
    ],
    ["no stateOrRegion in the US", "    stateOrRegion: WA\n", "", "stateOrRegion is missing; AWS requires it for addresses in US"],
    ["a lower-case country code", "countryCode: US", "countryCode: us", 'countryCode "us" is not accepted by AWS for CountryCode'],
    ["an address line longer than 60", "addressLine1: 1 Main St", `addressLine1: ${"a".repeat(61)}`, "addressLine1 is 61 characters long; AWS accepts 1 to 60"],
  ])("a primary contact card with %s is rejected", (_, from, to, expected) => {
    expect(errorFor(exampleWith([from, to]))).toContain(expected);
  });

  test.each([
    ["${", '${file("/etc/passwd")}'],
    ["%{", "%{ for x in [1] }x%{ endfor }"],
  ])("a value containing %s is rejected: Terraform would evaluate it", (sequence, payload) => {
    const message = errorFor(exampleWith(["name: Platform On-call,", `name: "${payload.replace(/"/g, '\\"')}",`]));
    expect(message).toContain(`contacts/registry.yaml:53:30 contacts.operations.name: contains "${sequence}", which Terraform would evaluate as an expression`);
    expect(message).toContain("has 1 error;");
  });

  test("an injected sequence anywhere, even in a display name, is rejected", () => {
    expect(errorFor(exampleWith(["{ name: log-archive,", '{ name: "log-${path.cwd}",']))).toContain('accounts.555555555555.name: contains "${"');
  });

  test("unknown fields, a short exception reason and an exception for a rule that cannot be excepted are schema errors", () => {
    const message = errorFor(
      exampleWith(
        ["{ name: data-platform,", "{ nmae: x, name: data-platform,"],
        ["exceptions: []", 'exceptions:\n  - { rule: unverifiable, account: "444444444444", type: SECURITY, reason: short, expires: 2027-01-01 }'],
      ),
    );
    expect(message).toContain('accounts.444444444444.nmae: unknown field "nmae". Fix: remove it, or use one of: name, ou, management, contacts.');
    expect(message).toContain(
      "exceptions.0.rule: must be one of single-recipient, unlisted-address, stale-review, missing-contact, email-domain, distinct-types, directory-membership-differs. Fix: name a rule that can be excepted (invalid-field and unverifiable cannot), or a team's own rule by its id, <namespace>/<name>.",
    );
    expect(message).toContain("exceptions.0.reason: must be at least 10 characters long");
  });

  test("a YAML syntax error names its line", () => {
    expect(
      errorFor(exampleWith(["  jdoe:    { name: Jane Doe,", "  jdoe:    { name: Jane Doe"]).replace('phone: "+1 206 555 0101" }', 'phone: "+1 206 555 0101"')),
    ).toMatch(/^The contacts registry contacts\/registry\.yaml has \d+ errors?; nothing was synthesized:\n {2}contacts\/registry\.yaml:\d+:\d+ /);
  });

  test("a missing registry file says where the path came from", () => {
    expect(() => loadRegistry("/nonexistent/registry.yaml", "the environment variable CONTACTS_REGISTRY")).toThrow(
      "/nonexistent/registry.yaml:1:1 the registry file does not exist (path taken from the environment variable CONTACTS_REGISTRY)",
    );
  });
});

describe("registry loader: a date written YYYY-MM-DD that is no day on the calendar says so", () => {
  test.each([
    [
      "reviewed",
      exampleWith(['reviewed: "2026-09-01"   #', 'reviewed: "2026-13-20"   #']),
      "groups.secops-leads.reviewed",
      "2026-13-20",
      "there is no month 13",
    ],
    ["left", exampleWith(['left: "2026-06-30"', 'left: "2026-02-29"']), "people.mmajor.left", "2026-02-29", "2026-02 has 28 days"],
  ])("%s", (_, text, path, day, why) => {
    expect(errorFor(text)).toContain(`${path}: "${day}" is not a calendar date: ${why}. Fix: write a day that exists, YYYY-MM-DD.`);
  });

  test("expires, and a leap day that exists passes", () => {
    expect(errorFor(withException({ expires: "2026-04-31" }))).toContain('expires: "2026-04-31" is not a calendar date: 2026-04 has 30 days.');
    expect(parseRegistry("contacts/registry.yaml", exampleWith(['left: "2026-06-30"', 'left: "2028-02-29"'])).people.get("mmajor")?.left).toBe("2028-02-29");
    expect(errorFor(exampleWith(['left: "2026-06-30"', 'left: "30.06.2026"']))).toContain("people.mmajor.left: must be a date written YYYY-MM-DD.");
  });
});

/** The example with one exception, for account 222222222222's SECURITY contact. */
function withException(fields: { type?: string; expires?: string }, policy = ""): string {
  const { type = "SECURITY", expires = "2026-12-31" } = fields;
  const exception: [string, string] = [
    "exceptions: []",
    `exceptions:\n  - { rule: single-recipient, account: "222222222222", type: ${type}, reason: "Jane covers payments until the alias exists", expires: "${expires}" }`,
  ];
  return policy ? exampleWith(exception, ["  emailDomains: [example.com]", `  emailDomains: [example.com]${policy}`]) : exampleWith(exception);
}

describe("registry quality: what the loader refuses that would otherwise reach AWS or linger", () => {
  test("an exception's type may be written in lower case, as every other key of the file is, and means the same", () => {
    const lower = parseRegistry("contacts/registry.yaml", withException({ type: "security" }));
    const upper = parseRegistry("contacts/registry.yaml", withException({ type: "SECURITY" }));
    expect(lower.exceptions.map((e) => e.type)).toEqual(["SECURITY"]);
    expect(lower.exceptions).toEqual(upper.exceptions);
  });

  test("an exception's type in neither case names the contact types", () => {
    expect(errorFor(withException({ type: "Security" }))).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:82:62 exceptions.0.type: must be a contact type, not "Security". Fix: use security, billing, operations or primary (upper case works too)."
    `);
  });

  test("white space at either end of a value sent to AWS is an error, with the value as it should be", () => {
    expect(errorFor(exampleWith(["email: aws-ops@example.com,", 'email: "aws-ops@example.com ",'], ["city: Seattle", 'city: " Seattle"'])))
      .toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 2 errors; nothing was synthesized:
        contacts/registry.yaml:53:87 contacts.operations.email: email "aws-ops@example.com " ends with white space, which would be sent to AWS as part of the value. Fix: remove the white space: "aws-ops@example.com".
        contacts/registry.yaml:63:11 primaryContacts.hq.city: city " Seattle" starts with white space, which would be sent to AWS as part of the value. Fix: remove the white space: "Seattle"."
    `);
  });

  test("given today, an exception expiring more than policy.maxExceptionDays (365) after it is an error naming the limit", () => {
    expect(errorFor(withException({ expires: "2099-12-31" }), { today: "2026-11-23" })).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:82:136 exceptions.0.expires: the exception expires on 2099-12-31, more than policy.maxExceptionDays (365) days after today (2026-11-23). Fix: set expires to 2027-11-23 or earlier, and renew the exception then if it is still needed."
    `);
  });

  test.each([
    ["", "2027-11-23", true],
    ["", "2027-11-24", false],
    ["\n  maxExceptionDays: 30", "2026-12-23", true],
    ["\n  maxExceptionDays: 30", "2026-12-24", false],
  ])("policy%s: an exception expiring %s loads: %s", (policy, expires, loads) => {
    const load = () => parseRegistry("contacts/registry.yaml", withException({ expires }, policy), { today: "2026-11-23" });
    if (loads) expect(load().exceptions.map((e) => e.expires)).toEqual([expires]);
    else expect(load).toThrow(/exceptions\.0\.expires: the exception expires on/);
  });

  test("two exceptions for one rule, account and type are an error at the second: which one applies would be a silent choice", () => {
    const twice = exampleWith([
      "exceptions: []",
      [
        "exceptions:",
        '  - { rule: single-recipient, account: "222222222222", type: SECURITY, reason: "Jane covers payments until the alias exists", expires: "2027-06-01" }',
        '  - { rule: single-recipient, account: "222222222222", type: security, reason: "Jane covers payments until the alias exists", expires: "2026-12-01" }',
      ].join("\n"),
    ]);
    expect(errorFor(twice)).toMatch(
      /^ {2}contacts\/registry\.yaml:83:\d+ exceptions\.1: a second exception for single-recipient on 222222222222 SECURITY \(exceptions\.0 is the first\), so which one applies is unclear\. Fix: keep one of them/m,
    );
  });

  test("given today, a group reviewed after today is an error: its review would never go stale", () => {
    expect(errorFor(exampleWith(['reviewed: "2026-08-20"', 'reviewed: "2099-08-20"']), { today: "2026-11-23" })).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:38:15 groups.platform-oncall.reviewed: the group was reviewed on 2099-08-20, after today (2026-11-23), so its review would not go stale when it should. Fix: set reviewed to the day the members were confirmed, 2026-11-23 or earlier."
    `);
  });

  test("without today (a base revision under review) the loader reads no clock and does not judge expiry", () => {
    expect(parseRegistry("contacts/registry.yaml", withException({ expires: "2099-12-31" })).exceptions).toHaveLength(1);
  });

  test("a missing version says to add version: 1", () => {
    expect(errorFor(exampleWith(["version: 1\n", ""]))).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:5:1 version: required field "version" is missing. Fix: add version: 1 on its own line at the top of the file."
    `);
  });

  test("a registry that is a list, not a map of sections, says what its top level holds", () => {
    expect(errorFor("- version: 1\n")).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:1:1 the registry must be a map of sections (version, accounts, ...), not a list. Fix: start with "version: 1" and "accounts:" at the start of their lines."
    `);
  });
});

describe("registry loader: hostile files are one clear error, never a crash", () => {
  test("1,000 nested [ is one error at its line, not a stack overflow", () => {
    expect(errorFor(`version: 1\naccounts: ${"[".repeat(1000)}${"]".repeat(1000)}\n`)).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:2:74 lists and maps nest deeper than 64 levels here; the registry needs five. Fix: remove the extra brackets or indentation: a registry is sections of maps, a few levels deep."
    `);
  });

  test("1,000 nested block lists are refused the same way", () => {
    const nested = Array.from({ length: 1000 }, (_, n) => `${" ".repeat(n + 1)}- `).join("\n");
    expect(errorFor(`version: 1\naccounts:\n${nested}x\n`)).toContain("lists and maps nest deeper than 64 levels here");
  });

  test("deep nesting in a .json registry is an error at its place", () => {
    expect(() => parseRegistry("r.json", `{"version": 1, "accounts": ${"[".repeat(1000)}${"]".repeat(1000)}}`)).toThrow(
      /r\.json:1:\d+ not JSON: nested deeper than 64 levels/,
    );
  });

  test("a registry path that is a symlink loop says so, not that it does not exist", () => {
    const dir = tempDir();
    fs.symlinkSync(path.join(dir, "loop.yaml"), path.join(dir, "loop.yaml"));
    expect(() => loadRegistry(path.join(dir, "loop.yaml"))).toThrow(
      "the registry path is a symbolic link that leads back to itself (a symlink loop), not a file",
    );
  });

  test("a dangling symlink and a directory are named for what they are", () => {
    const dir = tempDir();
    fs.symlinkSync(path.join(dir, "gone.yaml"), path.join(dir, "registry.yaml"));
    expect(() => loadRegistry(path.join(dir, "registry.yaml"))).toThrow(
      `the registry path is a symbolic link to ${path.join(dir, "gone.yaml")}, which does not exist`,
    );
    expect(() => loadRegistry(dir)).toThrow("the registry path is a directory, not a file. Fix: name the registry file inside it");
  });

  test("a registry larger than the documented 5 MB is refused before it is parsed", () => {
    const dir = tempDir();
    const file = path.join(dir, "registry.yaml");
    fs.writeFileSync(file, `version: 1\n# ${"x".repeat(6 * 1024 * 1024)}\naccounts: {}\n`);
    expect(() => loadRegistry(file)).toThrow(/the registry file is 6.0 MB, more than the 5.0 MB the loader reads/);
    expect(() => parseRegistry("r.yaml", fs.readFileSync(file, "utf8"))).toThrow(/more than the 5.0 MB the loader reads/);
  });
});

describe("registry loader: every email is one AWS accepts, every name shows what it holds", () => {
  test("a Cyrillic look-alike in a person's email is named with its position and the Latin letter to type", () => {
    expect(errorFor(exampleWith(["email: jane.doe@example.com", "email: j\u0430ne.doe@example.com"]))).toMatchInlineSnapshot(`
      "The contacts registry contacts/registry.yaml has 1 error; nothing was synthesized:
        contacts/registry.yaml:12:41 people.jdoe.email: email has U+0430 CYRILLIC SMALL LETTER A at 2: AWS accepts only ASCII in an email address, and mail to it would not reach the address it looks like. Fix: type a Latin "a" at 2: retype the address in plain ASCII."
    `);
  });

  test.each([
    [
      "a zero-width space in a group's email",
      "email: aws-ops@example.com\n",
      '"aws-\u200bops@example.com"',
      "groups.platform-oncall.email: email has U+200B ZERO WIDTH SPACE at 5",
    ],
    [
      "a decomposed é (NFD) in a card's email",
      "email: aws-ops@example.com,",
      '"aws-ope\u0301s@example.com",',
      "contacts.operations.email: email has U+0301 (a combining mark) at 8",
    ],
    [
      "a fullwidth @ in a card's email",
      "email: aws-ops@example.com,",
      '"aws-ops\uff20example.com",',
      "contacts.operations.email: email has U+FF20 FULLWIDTH COMMERCIAL AT at 8",
    ],
  ])("%s is refused by name", (_, from, to, expected) => {
    const message = errorFor(exampleWith([from, `email: ${to}${from.endsWith("\n") ? "\n" : ""}`]));
    expect(message).toContain(expected);
    expect(message).toContain("has 1 error;");
  });

  test("a person's email AWS's pattern refuses is an error, as a card's is", () => {
    expect(errorFor(exampleWith(["email: li.chen@example.com", "email: li.chen(at)example.com"]))).toContain(
      'people.lchen.email: email "li.chen(at)example.com" is not accepted by AWS for EmailAddress',
    );
  });

  test.each([
    [
      "a right-to-left override in a card's name",
      "name: Platform On-call,",
      'name: "Platform \u202eOn-call",',
      "contacts.operations.name: name has U+202E RIGHT-TO-LEFT OVERRIDE at 10",
    ],
    ["a zero-width joiner in a card's title", "title: Billing,", 'title: "Bill\u200ding",', "contacts.billing.title: title has U+200D ZERO WIDTH JOINER at 5"],
    [
      "a control character in a person's name",
      "name: Omar Haddad,",
      'name: "Omar\\u0007Haddad",',
      "people.omar.name: name has U+0007 (a control character) at 5",
    ],
    [
      "a first-strong isolate in an account's name",
      "{ name: audit,",
      '{ name: "au\u2068dit",',
      "accounts.666666666666.name: name has U+2068 FIRST STRONG ISOLATE at 3",
    ],
  ])("%s is refused by name", (_, from, to, expected) => {
    expect(errorFor(exampleWith([from, to]))).toContain(expected);
  });

  test("names in other scripts are welcome: only invisible characters are refused", () => {
    const registry = parseRegistry("contacts/registry.yaml", exampleWith(["name: Omar Haddad,", "name: عمر حداد,"], ["name: Li Chen,", "name: 李晨,"]));
    expect(registry.people.get("lchen")?.name).toBe("李晨");
  });
});
