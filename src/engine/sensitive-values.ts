import type { ContactValue } from "./rule-contract";
import type { Finding } from "./finding";

/** How a value marked sensitive is shown, in every report: never the value itself. */
export const SENSITIVE = "(sensitive)";

/**
 * What these contacts hide: the values a plan marks sensitive (after_sensitive), longest first so a value
 * inside another is not left half shown, and the fields that hold them. The rules judge these values like
 * any other (a sensitive phone number that reaches nobody still fails); only what is printed changes.
 */
export function sensitiveValues(contacts: readonly ContactValue[]): Sensitive {
  const values = new Set<string>();
  const fields = new Set<string>();
  for (const contact of contacts)
    for (const [name, field] of Object.entries(contact.fields))
      if (field?.known && field.sensitive && field.value !== "") {
        values.add(field.value);
        fields.add(name);
      }
  return { values: [...values].sort((a, b) => b.length - a.length), fields };
}

export interface Sensitive {
  values: string[];
  fields: ReadonlySet<string>;
}

/**
 * The finding with no sensitive value in anything a report shows or derives from: its value, message,
 * fix and root-cause key (the SARIF fingerprint hashes the key, and a phone number has few enough digits
 * to guess from its hash). A finding about a sensitive field gets its rule's title and fix instead of its
 * own words, which quote parts of the value (an email's domain, its local part). Its rule, account and
 * type stay, so it still says what failed and where.
 */
export function withoutSensitiveValues(finding: Finding, sensitive: Sensitive, rule: { title: string; fix: string }): Finding {
  if (sensitive.values.length === 0) return finding;
  const aboutSensitiveField = finding.field !== undefined && sensitive.fields.has(finding.field);
  const message = aboutSensitiveField ? `fails "${rule.title}"; the plan marks the value sensitive, so no more of it is shown` : finding.message;
  return {
    ...finding,
    value: finding.value === undefined ? undefined : aboutSensitiveField ? SENSITIVE : hide(finding.value, sensitive.values),
    message: hide(message, sensitive.values),
    fix: hide(aboutSensitiveField ? rule.fix : finding.fix, sensitive.values),
    // Per account and type: two different sensitive values must not fold into one cause (nor share a fingerprint).
    cause: {
      ...finding.cause,
      key: aboutSensitiveField ? `${finding.field}=${SENSITIVE}|${finding.accountId}|${finding.type}` : hide(finding.cause.key, sensitive.values),
    },
  };
}

/** The value as a report may show it. */
export function shownValue(field: ContactValue["fields"][string]): string | undefined {
  if (!field?.known) return undefined;
  return field.sensitive ? SENSITIVE : field.value;
}

/** The text with every sensitive value in it replaced. */
function hide(text: string, secrets: readonly string[]): string {
  let shown = text;
  // As written, and as JSON.stringify quotes it inside a message (invalid-field does).
  for (const secret of secrets) shown = shown.split(secret).join(SENSITIVE).split(JSON.stringify(secret).slice(1, -1)).join(SENSITIVE);
  return shown;
}
