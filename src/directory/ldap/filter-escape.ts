/**
 * RFC 4515 section 3: in an LDAP filter's assertion value, `*`, `(`, `)`, `\` and NUL must be written as `\` and two
 * hex digits. Every address and DN put in a filter comes from a registry or a directory and is hostile: unescaped,
 * `*)(mail=*` would widen a search to the whole directory.
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters RFC 4515 requires escaped
const SPECIAL = /[*()\\\u0000]/g;

export function escapeFilterValue(value: string): string {
  return value.replace(SPECIAL, (character) => `\\${character.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
