/**
 * The LDAP reader against a real OpenLDAP server (Debian's slapd on a loopback port, started once for the file):
 * groupOfNames and groupOfUniqueNames with nested groups and a cycle, the configured disabled attribute, a group
 * larger than the reader's size limit, hostile addresses, and every way the read must fail closed.
 */
import { readLdapDirectory } from "../../src/directory/ldap";
import { DirectoryReadError } from "../../src/directory/directory-errors";
import type { AddressResolution, LdapSourceConfig } from "../../src/model/directory-reading";
import { ldifEntry } from "../support/ldap/ldif";
import { freeLoopbackPort } from "../support/ldap/processes";
import { describeWhenAvailable } from "../support/describe-when-available";
import { slapdProblem, startSlapd, type RunningSlapd } from "../support/ldap/slapd";

const SUFFIX = "dc=corp,dc=example";
const STAFF = `ou=staff,${SUFFIX}`;
const PEOPLE = `ou=people,${STAFF}`;
const GROUPS = `ou=groups,${STAFF}`;
const READER = `cn=reader,${SUFFIX}`;
const LIMITED = `cn=limited,${SUFFIX}`;
const PASSWORD = "reader-secret";
/** The reader's size limit: the big group holds more people than one search may return. */
const SIZE_LIMIT = 50;
const BIG_GROUP = 120;
const NOW = new Date("2026-11-23T12:00:00Z");

const person = (uid: string, extra: Record<string, string> = {}) =>
  ldifEntry(`uid=${uid},${PEOPLE}`, { objectClass: "inetOrgPerson", uid, cn: uid, sn: uid, mail: `${uid}@corp.example`, ...extra });
const group = (cn: string, mail: string | undefined, members: string[]) =>
  ldifEntry(`cn=${cn},${GROUPS}`, { objectClass: ["groupOfNames", "extensibleObject"], cn, mail, member: members });
const uidDN = (uid: string) => `uid=${uid},${PEOPLE}`;
const groupDN = (cn: string) => `cn=${cn},${GROUPS}`;
const bigUids = Array.from({ length: BIG_GROUP }, (_, i) => `u${String(i).padStart(4, "0")}`);

function directoryLdif(): string {
  return [
    ldifEntry(SUFFIX, { objectClass: ["dcObject", "organization"], dc: "corp", o: "Corp" }),
    ldifEntry(READER, { objectClass: ["organizationalRole", "simpleSecurityObject"], cn: "reader", userPassword: PASSWORD }),
    ldifEntry(LIMITED, { objectClass: ["organizationalRole", "simpleSecurityObject"], cn: "limited", userPassword: PASSWORD }),
    ldifEntry(STAFF, { objectClass: "organizationalUnit", ou: "staff" }),
    ldifEntry(PEOPLE, { objectClass: "organizationalUnit", ou: "people" }),
    ldifEntry(GROUPS, { objectClass: "organizationalUnit", ou: "groups" }),
    person("jane", { displayName: "Jane Doe" }),
    person("omar"),
    person("ann", { employeeType: "former" }),
    person("bob", { employeeType: "contractor" }),
    ...bigUids.map((uid) => person(uid)),
    // security -> oncall -> security: a cycle the client must stop at.
    group("security", "security@corp.example", [uidDN("jane"), groupDN("oncall")]),
    group("oncall", "oncall@corp.example", [uidDN("omar"), uidDN("ann"), groupDN("security"), uidDN("jane")]),
    ldifEntry(`cn=billing,${GROUPS}`, {
      objectClass: ["groupOfUniqueNames", "extensibleObject"],
      cn: "billing",
      mail: "Billing@Corp.Example",
      uniqueMember: [`${uidDN("bob")}#'0101'B`, uidDN("jane")],
    }),
    group("everyone", "everyone@corp.example", bigUids.map(uidDN)),
    group("shared-a", "shared@corp.example", [uidDN("jane")]),
    group("shared-b", "shared@corp.example", [uidDN("omar")]),
    group("mixed", "bob@corp.example", [uidDN("jane")]),
    group("stale", "stale@corp.example", [uidDN("jane"), uidDN("ghost")]),
    // Beside the staff: an entry that refers to another server.
    ldifEntry(`ou=partner,${SUFFIX}`, {
      objectClass: ["referral", "extensibleObject"],
      ou: "partner",
      ref: "ldap://partner.example/ou=partner,dc=partner,dc=example",
    }),
  ].join("");
}

describeWhenAvailable("the LDAP reader against OpenLDAP", slapdProblem(), () => {
  let slapd: RunningSlapd;
  let source: LdapSourceConfig;
  const env: Record<string, string> = { READER_PASSWORD: PASSWORD };
  const secret = (name: string) => env[name];
  const read = (addresses: string[], config: Partial<LdapSourceConfig> = {}) => readLdapDirectory({ ...source, ...config }, addresses, { now: NOW, secret });
  const resolve = async (address: string, config: Partial<LdapSourceConfig> = {}) => (await read([address], config)).resolutions[0];
  const failure = async (promise: Promise<unknown>): Promise<DirectoryReadError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DirectoryReadError);
    return error as DirectoryReadError;
  };
  const members = (resolution: AddressResolution) =>
    resolution.kind === "group" ? resolution.members.map((m) => [m.id, m.state, m.stateReason]) : resolution.kind;

  beforeAll(async () => {
    slapd = await startSlapd({
      suffix: SUFFIX,
      rootDN: `cn=admin,${SUFFIX}`,
      rootPassword: "admin-secret",
      ldif: directoryLdif(),
      globalLines: ["referral ldap://elsewhere.example/"],
      databaseLines: [
        `limits dn.exact="${READER}" size.soft=${SIZE_LIMIT} size.hard=${SIZE_LIMIT} size.prtotal=unlimited`,
        `limits dn.exact="${LIMITED}" size.soft=${SIZE_LIMIT} size.hard=${SIZE_LIMIT} size.prtotal=${SIZE_LIMIT}`,
      ],
    });
    source = {
      id: "corp-ldap",
      type: "ldap",
      url: slapd.url,
      baseDN: STAFF,
      bindDN: READER,
      passwordEnv: "READER_PASSWORD",
      disabledAttribute: "employeeType",
      disabledValue: "former",
    };
  });
  afterAll(async () => {
    await slapd?.stop();
  });

  test("an OpenLDAP source that names no disabledAttribute is refused: every member would count as current", async () => {
    const error = await failure(read(["jane@corp.example"], { disabledAttribute: undefined, disabledValue: undefined }));
    expect(error.message).toMatch(/the server is OpenLDAP and the source names no disabledAttribute.*Fix: name the attribute/);
  });

  test("the root DSE says OpenLDAP, and the reading names the source, the server and the time", async () => {
    const reading = await read(["jane@corp.example"]);
    expect(reading).toMatchObject({ source: "corp-ldap", kind: "ldap", dialect: "openldap", where: slapd.url, readAt: NOW.toISOString() });
  });

  test("a group's people include nested groups' people once, and a cycle between groups ends", async () => {
    expect(members(await resolve("security@corp.example"))).toEqual([
      [uidDN("ann"), "disabled", 'employeeType is "former"'],
      [uidDN("jane"), "current", undefined],
      [uidDN("omar"), "current", undefined],
    ]);
  });

  test("groupOfUniqueNames counts its uniqueMember values, the address matching in any case", async () => {
    const resolution = await resolve("billing@corp.example");
    expect(resolution).toMatchObject({ kind: "group", group: { id: `cn=billing,${GROUPS}` } });
    expect(members(resolution)).toEqual([
      [uidDN("bob"), "current", undefined],
      [uidDN("jane"), "current", undefined],
    ]);
  });

  test("without disabledValue, any value of the disabled attribute marks the account disabled", async () => {
    expect(members(await resolve("billing@corp.example", { disabledValue: undefined }))).toEqual([
      [uidDN("bob"), "disabled", "employeeType set"],
      [uidDN("jane"), "current", undefined],
    ]);
  });

  test("an address of a user is that user, one of nobody is unknown, and each address is answered once in order", async () => {
    const reading = await read(["Nobody@corp.example", "jane@corp.example", "JANE@corp.example"]);
    expect(reading.resolutions).toEqual([
      { address: "jane@corp.example", kind: "user", user: { id: uidDN("jane"), displayName: "Jane Doe", mail: "jane@corp.example", state: "current" } },
      { address: "Nobody@corp.example", kind: "unknown" },
    ]);
  });

  test("a group larger than the reader's size limit is read whole through paged searches", async () => {
    const resolution = await resolve("everyone@corp.example");
    expect(resolution.kind === "group" && resolution.members.map((m) => m.id)).toEqual(bigUids.map(uidDN));
  });

  test("progress is reported after each address", async () => {
    const progress: [number, number][] = [];
    await readLdapDirectory(source, ["jane@corp.example", "omar@corp.example"], {
      now: NOW,
      secret,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  test.each(["*", "*)(mail=*", "jane@corp.example)(|(mail=*", "\\2a", "a\u0000b@corp.example"])(
    "the hostile address %j is searched literally and matches nothing",
    async (address) => {
      expect(await resolve(address)).toEqual({ address, kind: "unknown" });
    },
  );

  describe("fails closed", () => {
    test("two groups with one mail", async () => {
      const error = await failure(read(["shared@corp.example"]));
      expect(error.message).toContain(`the address belongs to 2 entries`);
      expect(error).toMatchObject({ source: "corp-ldap", address: "shared@corp.example" });
    });

    test("a group and a user with one mail", async () => {
      const error = await failure(read(["bob@corp.example"]));
      expect(error.message).toContain(`belongs to 2 entries: "${uidDN("bob")}", "cn=mixed,${GROUPS}"`);
    });

    test("a member that cannot be read (a dangling member value)", async () => {
      const error = await failure(read(["stale@corp.example"]));
      expect(error).toMatchObject({ address: "stale@corp.example", group: `cn=stale,${GROUPS}` });
      expect(error.message).toContain(`the member "${uidDN("ghost")}" could not be read`);
    });

    test("a wrong password", async () => {
      env.WRONG = "not-the-password";
      expect((await failure(read(["jane@corp.example"], { passwordEnv: "WRONG" }))).message).toMatch(/refused the bind .* \(invalid credentials\)/);
    });

    test("a password variable that is not set", async () => {
      expect((await failure(read(["jane@corp.example"], { passwordEnv: "UNSET_PASSWORD" }))).message).toContain(
        "the bind password environment variable UNSET_PASSWORD is not set",
      );
    });

    test("a server nobody listens on", async () => {
      const url = `ldap://127.0.0.1:${await freeLoopbackPort()}`;
      expect((await failure(read(["jane@corp.example"], { url }))).message).toContain(`could not reach the LDAP server at ${url}`);
    });

    test("Active Directory expected, OpenLDAP found: the in-chain rule would find nobody, so the read stops", async () => {
      expect((await failure(read(["security@corp.example"], { dialect: "active-directory" }))).message).toContain(
        "the source says dialect active-directory but the server",
      );
    });

    test("a continuation reference to another server under the base", async () => {
      expect((await failure(read(["jane@corp.example"], { baseDN: SUFFIX }))).message).toContain('referred the search elsewhere ("ldap://partner.example/');
    });

    test("a base the server only refers elsewhere", async () => {
      expect((await failure(read(["jane@corp.example"], { baseDN: "dc=other,dc=example" }))).message).toContain(
        "referred the search elsewhere (a referral result)",
      );
    });

    test("a size limit the paged search cannot get past", async () => {
      const error = await failure(read(["everyone@corp.example"], { bindDN: LIMITED }));
      expect(error.message).toContain("hit the server's size limit");
      expect(error.group).toBe(`cn=everyone,${GROUPS}`);
    });
  });
});
