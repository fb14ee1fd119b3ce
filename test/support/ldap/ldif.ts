/** LDIF text for the test directories, built from plain lists so a fixture reads as what it holds. */

export type LdifAttributes = Record<string, string | string[] | undefined>;

/** One LDIF record; values with characters LDIF cannot carry plainly are base64-encoded (RFC 2849). */
export function ldifEntry(dn: string, attributes: LdifAttributes): string {
  const lines = [line("dn", dn)];
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) lines.push(line(name, v));
  }
  return `${lines.join("\n")}\n\n`;
}

function line(name: string, value: string): string {
  const safe = /^[\x21-\x39\x3b\x3d-\x7e][\x20-\x7e]*$/.test(value) && !value.endsWith(" ");
  return safe ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, "utf8").toString("base64")}`;
}
