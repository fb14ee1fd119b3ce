export { readLdapDirectory, type LdapReadOptions } from "./read-ldap-directory";
