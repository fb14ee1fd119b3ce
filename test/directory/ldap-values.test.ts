/** The LDAP reader's pure parts: RFC 4515 escaping and Active Directory's account state, without a server. */
import { escapeFilterValue } from "../../src/directory/ldap/filter-escape";
import { activeDirectoryState, fileTimeToDate } from "../../src/directory/ldap/member-state";
import { readLdapDirectory } from "../../src/directory/ldap";

const NOW = new Date("2026-11-23T12:00:00Z");

describe("escapeFilterValue: RFC 4515's five characters as \\XX", () => {
  test.each([
    ["*", "\\2a"],
    ["(", "\\28"],
    [")", "\\29"],
    ["\\", "\\5c"],
    ["\u0000", "\\00"],
    ["*)(mail=*", "\\2a\\29\\28mail=\\2a"],
    ["jane@corp.example", "jane@corp.example"],
    ["zoë@corp.example", "zoë@corp.example"],
  ])("%j -> %j", (value, escaped) => {
    expect(escapeFilterValue(value)).toBe(escaped);
  });
});

describe("activeDirectoryState: userAccountControl and accountExpires", () => {
  test("ACCOUNTDISABLE (bit 2) is disabled, whatever the other flags", () => {
    expect(activeDirectoryState("66050", "0", NOW)).toEqual({ state: "disabled", stateReason: "userAccountControl has ACCOUNTDISABLE" });
  });
  test("an expiry at or before the read is expired; 0, the largest FILETIME and a later one are current", () => {
    const at = String(BigInt(NOW.getTime()) * 10000n + 116444736000000000n);
    expect(activeDirectoryState("512", at, NOW)).toEqual({ state: "expired", stateReason: "accountExpires 2026-11-23T12:00:00.000Z" });
    for (const never of ["0", "9223372036854775807", String(BigInt(at) + 10000n)])
      expect(activeDirectoryState("512", never, NOW)).toEqual({ state: "current" });
  });
  test("an account whose userAccountControl or accountExpires is missing or malformed is unreadable, never current", () => {
    expect(activeDirectoryState(undefined, "0", NOW)).toEqual({ unreadable: "it has no userAccountControl" });
    expect(activeDirectoryState("512", undefined, NOW)).toEqual({ unreadable: "it has no accountExpires" });
    expect(activeDirectoryState("0x200", "0", NOW)).toEqual({ unreadable: 'its userAccountControl "0x200" is not a number' });
    expect(activeDirectoryState("512", "junk", NOW)).toEqual({ unreadable: 'its accountExpires "junk" is not a FILETIME' });
  });
  test("FILETIME counts 100 ns from 1601", () => {
    expect(fileTimeToDate("116444736000000000")?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(fileTimeToDate("not a number")).toBeUndefined();
  });
});

describe("the bind password never crosses the network in clear text", () => {
  test("a bind over ldap:// to another host is refused before any connection; ldaps:// and loopback are what it takes", async () => {
    const source = { id: "corp", type: "ldap" as const, url: "ldap://dc1.corp.example", baseDN: "dc=corp", bindDN: "cn=reader,dc=corp", passwordEnv: "P" };
    await expect(readLdapDirectory(source, ["a@corp.example"], { now: NOW, secret: () => "secret" })).rejects.toThrow(
      /over ldap:\/\/dc1\.corp\.example, which is not encrypted\. The bind password would cross the network in clear text\. Fix: use an ldaps:\/\/ URL/,
    );
  });
});
