import { directoryMembershipDiffers } from "../../policies/directory-membership-differs";
import { contact } from "../support/contacts";
import { directoryContext, directoryRegistryText } from "../support/directory-fixture";

/** The fixture with cloud-security's typed members (its directory group: Jane Doe current, Omar Said disabled). */
const typed = (members: string) => directoryRegistryText().replace("    source: corp-ad\n", `    source: corp-ad\n    members: ${members}\n`);
const security = contact({ email: "aws-security@example.com" });

describe("directory-membership-differs: typed members beside a source must be the directory's", () => {
  test("Noncompliance 1: someone typed but not in the directory, and someone in it but not typed, both named, at the members line", () => {
    const [result] = directoryMembershipDiffers.check(security, directoryContext(typed("[jdoe, rroe]")));
    expect(result).toMatchObject({
      field: "email",
      value: "aws-security@example.com",
      message: "group cloud-security's members differ from directory corp-ad's (typed but not in corp-ad: Richard Roe; in corp-ad but not typed: Omar Said)",
      cause: { key: "group:cloud-security", location: { line: 25 } },
    });
  });

  test("Compliance 1: the typed members are the directory's, whatever their state there (a disabled member is single-recipient's)", () => {
    const text = typed("[jdoe, osaid]").replace("people:\n", "people:\n  osaid: { name: Omar Said, email: Omar.Said+aws@example.com }\n");
    expect(directoryMembershipDiffers.check(security, directoryContext(text))).toEqual([]);
  });

  test("Compliance 2: a sourced group without typed members has no expectation to differ from", () => {
    expect(directoryMembershipDiffers.check(security, directoryContext())).toEqual([]);
  });
});
