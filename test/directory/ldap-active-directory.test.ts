/**
 * The LDAP reader against a real Active Directory (Debian's Samba AD DC on loopback, provisioned once for the
 * file): groups found by mail or proxyAddresses, nesting through LDAP_MATCHING_RULE_IN_CHAIN (with a cycle),
 * disabled and expired accounts, a group read across pages, and the read failing closed.
 * The filled directory is kept as a template after the first run (see samba-ad.ts), keyed by this file's text.
 */
import * as fs from "fs";
import { Attribute, Change, Client } from "ldapts";
import { readLdapDirectory } from "../../src/directory/ldap";
import { DirectoryReadError } from "../../src/directory/directory-errors";
import { LDAP_PAGE_SIZE } from "../../src/directory/ldap/ldap-session";
import type { AddressResolution, LdapSourceConfig } from "../../src/model/directory-reading";
import { sambaAdProblem, startSambaAd, type RunningSambaAd } from "../support/ldap/samba-ad";

const ADMIN_PASSWORD = "Contacts-Test-2026!";
const NOW = new Date("2026-11-23T12:00:00Z");
/**
 * More than one page of the reader's paged search: a reader that stopped after the first page would get 250. Not more
 * than AD's MaxPageSize (1000): Samba does not cap a search at it (checked with Samba 4.17: an unpaged search
 * returned 1,106 entries, and a lowered MaxPageSize left the pages at the size asked for), so more users would
 * prove nothing more here and cost the template a fill 3 times longer; OpenLDAP's test covers a server that
 * enforces its limit.
 */
const BIG_GROUP = LDAP_PAGE_SIZE + 50;
const fileTime = (iso: string) => String(BigInt(Date.parse(iso)) * 10000n + 116444736000000000n);

/** Skipped with the reason printed where no Samba AD DC can run; under CI=true that fails instead. */
async function sambaProblemOrUndefined(): Promise<string | undefined> {
  return sambaAdProblem();
}

let problem: string | undefined;
let samba: RunningSambaAd;
let ou: string;
const userDN = (cn: string) => `CN=${cn},${ou}`;

async function populate(admin: Client): Promise<void> {
  await admin.add(ou, { objectClass: ["top", "organizationalUnit"], ou: "Contacts" });
  const user = (cn: string, attributes: Record<string, string | string[]> = {}) =>
    admin.add(userDN(cn), {
      objectClass: ["top", "person", "organizationalPerson", "user"],
      sAMAccountName: cn,
      userAccountControl: "544",
      mail: `${cn}@corp.example`,
      ...attributes,
    });
  const group = (cn: string, attributes: Record<string, string | string[]>) =>
    admin.add(userDN(cn), { objectClass: ["top", "group"], sAMAccountName: cn, ...attributes });
  await user("jane", { displayName: "Jane Doe" });
  await user("omar", { proxyAddresses: ["SMTP:omar@corp.example", "smtp:o.k@corp.example"] });
  await user("ann", { userAccountControl: "546" });
  await user("eve", { accountExpires: fileTime("2026-01-01T00:00:00Z") });
  await user("fred", { accountExpires: fileTime("2027-06-30T00:00:00Z") });
  await user("gary", { accountExpires: "9223372036854775807" });
  const bigUsers = Array.from({ length: BIG_GROUP }, (_, i) => `u${String(i).padStart(4, "0")}`);
  // One connection, many adds in flight: the DC takes them in turn without a round trip's wait between.
  for (let start = 0; start < bigUsers.length; start += 100) await Promise.all(bigUsers.slice(start, start + 100).map((cn) => user(cn)));
  await group("security", { mail: "Security@corp.example", displayName: "Security" });
  await group("oncall", { proxyAddresses: ["SMTP:oncall@corp.example"], member: [userDN("omar"), userDN("ann"), userDN("eve"), userDN("security")] });
  // The cycle's second half: security holds oncall, which already holds security.
  await admin.modify(userDN("security"), [
    new Change({ operation: "add", modification: new Attribute({ type: "member", values: [userDN("jane"), userDN("oncall")] }) }),
  ]);
  await group("team", { proxyAddresses: ["smtp:Team@Corp.Example", "SMTP:team-primary@corp.example"], member: [userDN("fred"), userDN("gary")] });
  await group("shared-a", { mail: "shared@corp.example" });
  await group("shared-b", { mail: "shared@corp.example" });
  await group("mixed", { mail: "o.k@corp.example" });
  await group("everyone", { mail: "everyone@corp.example", member: bigUsers.map(userDN) });
}

describe("the LDAP reader against Active Directory (Samba AD DC)", () => {
  let source: LdapSourceConfig;
  const env: Record<string, string> = { AD_PASSWORD: ADMIN_PASSWORD, WRONG: "not-the-password" };
  const read = (addresses: string[], config: Partial<LdapSourceConfig> = {}) =>
    readLdapDirectory({ ...source, ...config }, addresses, { now: NOW, secret: (name) => env[name] });
  const resolve = async (address: string) => (await read([address])).resolutions[0];
  const members = (resolution: AddressResolution) =>
    resolution.kind === "group" ? resolution.members.map((m) => [m.id, m.state, m.stateReason]) : resolution.kind;
  const failure = async (promise: Promise<unknown>): Promise<DirectoryReadError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DirectoryReadError);
    return error as DirectoryReadError;
  };

  beforeAll(async () => {
    problem = await sambaProblemOrUndefined();
    if (problem) {
      if (process.env.CI === "true") throw new Error(`Samba AD DC: ${problem}`);
      console.warn(`[the LDAP reader against Active Directory] skipped: ${problem}`);
      return;
    }
    const fill = async (dc: RunningSambaAd) => {
      ou = `OU=Contacts,${dc.baseDN}`;
      const admin = new Client({ url: dc.url });
      try {
        await admin.bind(dc.adminDN, ADMIN_PASSWORD);
        await populate(admin);
      } finally {
        await admin.unbind();
      }
    };
    // Any edit to this file (populate() among it) makes a new template, as does a new size of the big group.
    const key = `${fs.readFileSync(__filename, "utf8")}\nBIG_GROUP=${BIG_GROUP}`;
    samba = await startSambaAd({ realm: "CORP.EXAMPLE", domain: "CORP", adminPassword: ADMIN_PASSWORD }, { key, fill });
    ou = `OU=Contacts,${samba.baseDN}`;
    source = { id: "corp-ad", type: "ldap", url: samba.url, baseDN: samba.baseDN, bindDN: samba.adminDN, passwordEnv: "AD_PASSWORD" };
  });
  afterAll(async () => {
    await samba?.stop();
  });
  /** A test that needs the DC: skipped (reason printed once) where it cannot run. */
  const adTest = (name: string, fn: () => Promise<void>) => test(name, async () => (problem ? undefined : fn()));

  adTest("the root DSE says Active Directory, whatever the source expected", async () => {
    expect(await read(["jane@corp.example"])).toMatchObject({ source: "corp-ad", dialect: "active-directory", where: samba.url, readAt: NOW.toISOString() });
    expect((await read(["jane@corp.example"], { dialect: "active-directory" })).dialect).toBe("active-directory");
  });

  adTest("a group found by mail counts nested groups' users once, through a cycle, with disabled and expired ones marked", async () => {
    const resolution = await resolve("security@corp.example");
    expect(resolution).toMatchObject({ kind: "group", group: { id: userDN("security"), displayName: "Security" } });
    expect(members(resolution)).toEqual([
      [userDN("ann"), "disabled", "userAccountControl has ACCOUNTDISABLE"],
      [userDN("eve"), "expired", "accountExpires 2026-01-01T00:00:00.000Z"],
      [userDN("jane"), "current", undefined],
      [userDN("omar"), "current", undefined],
    ]);
  });

  adTest("a group found by a secondary smtp: proxy address in another case; a future or never expiry is current", async () => {
    const resolution = await resolve("team@corp.example");
    expect(resolution).toMatchObject({ kind: "group", group: { id: userDN("team") } });
    expect(members(resolution)).toEqual([
      [userDN("fred"), "current", undefined],
      [userDN("gary"), "current", undefined],
    ]);
    expect((await resolve("ONCALL@corp.example")).kind).toBe("group");
  });

  adTest("a user found by mail, and one unknown address", async () => {
    expect((await read(["jane@corp.example", "nobody@corp.example"])).resolutions).toEqual([
      { address: "jane@corp.example", kind: "user", user: { id: userDN("jane"), displayName: "Jane Doe", mail: "jane@corp.example", state: "current" } },
      { address: "nobody@corp.example", kind: "unknown" },
    ]);
  });

  adTest(`a group of ${BIG_GROUP} users, more than one page of the reader's paged search, is read whole`, async () => {
    const resolution = await resolve("everyone@corp.example");
    expect(resolution.kind === "group" && new Set(resolution.members.map((m) => m.id)).size).toBe(BIG_GROUP);
  });

  adTest("hostile addresses are searched literally", async () => {
    for (const address of ["*", "*)(mail=*", "smtp:*"]) expect(await resolve(address)).toEqual({ address, kind: "unknown" });
  });

  adTest("fails closed: two groups with one mail, and a group with a user's proxy address", async () => {
    expect((await failure(read(["shared@corp.example"]))).message).toContain("the address belongs to 2 entries");
    const error = await failure(read(["o.k@corp.example"]));
    expect(error).toMatchObject({ source: "corp-ad", address: "o.k@corp.example" });
    expect(error.message).toContain(userDN("mixed"));
    expect(error.message).toContain(userDN("omar"));
  });

  adTest("fails closed: OpenLDAP expected, Active Directory found", async () => {
    expect((await failure(read(["security@corp.example"], { dialect: "openldap" }))).message).toContain(
      "the source says dialect openldap but the server at ldap://127.0.0.1:389 is active-directory",
    );
  });

  adTest("fails closed: a wrong password", async () => {
    expect((await failure(read(["jane@corp.example"], { passwordEnv: "WRONG" }))).message).toContain("(invalid credentials)");
  });
});
