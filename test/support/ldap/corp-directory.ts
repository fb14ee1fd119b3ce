import { ldifEntry } from "./ldif";

/**
 * A small company directory for the commands' end-to-end tests (directory read, audit), served by a real slapd:
 * Jane and Omar current, Ann disabled (employeeType "former", the attribute the source names), and two groups
 * whose members the test chooses. The registry's `directories` entry that reads it is corpSource below.
 */
export const CORP_SUFFIX = "dc=corp,dc=example";
export const CORP_PEOPLE = `ou=people,${CORP_SUFFIX}`;
export const CORP_GROUPS = `ou=groups,${CORP_SUFFIX}`;
const READER = `cn=reader,${CORP_SUFFIX}`;
/** The reader's bind password: the tests hand it over as TEST_LDAP_PASSWORD, the variable corpSource names. */
export const CORP_PASSWORD = "reader-secret";

const person = (uid: string, extra: Record<string, string> = {}) =>
  ldifEntry(`uid=${uid},${CORP_PEOPLE}`, { objectClass: "inetOrgPerson", uid, cn: uid, sn: uid, mail: `${uid}@corp.example`, ...extra });
const group = (cn: string, mail: string, members: string[]) =>
  ldifEntry(`cn=${cn},${CORP_GROUPS}`, {
    objectClass: ["groupOfNames", "extensibleObject"],
    cn,
    mail,
    member: members.map((uid) => `uid=${uid},${CORP_PEOPLE}`),
  });

/** The directory's LDIF: the three people, and security@ and billing@ with the members given (uids). */
export function corpLdif(members: { security: string[]; billing: string[] }): string {
  return [
    ldifEntry(CORP_SUFFIX, { objectClass: ["dcObject", "organization"], dc: "corp", o: "Corp" }),
    ldifEntry(READER, { objectClass: ["organizationalRole", "simpleSecurityObject"], cn: "reader", userPassword: CORP_PASSWORD }),
    ldifEntry(CORP_PEOPLE, { objectClass: "organizationalUnit", ou: "people" }),
    ldifEntry(CORP_GROUPS, { objectClass: "organizationalUnit", ou: "groups" }),
    person("jane", { displayName: "Jane Doe" }),
    person("omar", { displayName: "Omar Said" }),
    person("ann", { displayName: "Ann Lee", employeeType: "former" }),
    group("security", "aws-security@corp.example", members.security),
    group("billing", "aws-billing@corp.example", members.billing),
  ].join("\n");
}

/** The registry's `directories` section naming the slapd at `url` as source "corp". */
export function corpSource(url: string): string {
  return `directories:
  corp:
    type: ldap
    url: ${url}
    baseDN: ${CORP_SUFFIX}
    bindDN: ${READER}
    passwordEnv: TEST_LDAP_PASSWORD
    dialect: openldap
    disabledAttribute: employeeType
    disabledValue: former
`;
}
