import { exampleText } from "./workspace";

/**
 * The example registry with `count` accounts (the first the management account), all on the default cards, and
 * the default SECURITY card at `securityEmail` (at line 51, column 87, as in the example).
 */
export function registryWithAccounts(count: number, securityEmail = "aws-security@example.com"): string {
  const ids = Array.from({ length: count }, (_, i) => String(100000000000 + i));
  const accounts = ids.map((id, i) => `  "${id}": { name: acct-${i}${i === 0 ? ", management: true" : ""} }`).join("\n");
  return exampleText()
    .replace(/\naccounts:[^]*?\nexceptions:/, `\naccounts:\n${accounts}\nexceptions:`)
    .replace(/\norganizationalUnits:.*\n.*/, "\norganizationalUnits: {}")
    .replace("email: aws-security@example.com,    phone", `email: ${`${securityEmail},`.padEnd(29)}phone`);
}
