import type { ContactEvidence, Evidence, EvidenceAccount, GroupEvidence, LiveContact } from "./evidence";
import { memberText, sourceText } from "./group-membership";

const CONTACT_COLUMNS = [
  "account_id",
  "account_name",
  "ou",
  "type",
  "card",
  "card_name",
  "card_source",
  "email",
  "phone",
  "people_reached",
  "groups",
  "groups_reviewed",
  "result",
  "rules_not_passing",
  "exceptions",
];
/** With directories in the registry: each group's source and read time, and every member's state. */
const DIRECTORY_COLUMNS = ["groups_source", "groups_members"];
const LIVE_COLUMNS = ["aws_status", "aws_fields_differing", "aws_email", "aws_phone", "aws_name", "aws_read_at", "aws_result", "aws_rules_not_passing"];

/**
 * One row per account and contact type, RFC 4180 (quoted where needed, CRLF line ends), and safe to open in
 * a spreadsheet: a value that starts with =, +, -, @, a tab or a carriage return would be read as a formula,
 * so it gets a leading apostrophe (phone numbers, which start with +, too). Each account's and each shared
 * contact's cells are written once, however many rows repeat them.
 */
export function renderEvidenceCsv(evidence: Evidence): string {
  const live = evidence.live;
  const groups = evidence.directories ? new Map(evidence.groups.map((g) => [g.id, g])) : undefined;
  const header = [...CONTACT_COLUMNS, ...(groups ? DIRECTORY_COLUMNS : []), ...(live ? LIVE_COLUMNS : [])].join(",");
  const accountCells = new Map<EvidenceAccount, string>();
  const contactCells = new Map<ContactEvidence, string>();
  const liveCells = new Map<LiveContact, string>();
  const lines = [header];
  for (const { account, contact, live: held } of evidence.rows) {
    let a = accountCells.get(account);
    if (a === undefined) accountCells.set(account, (a = cells([account.id, account.name, account.ou])));
    let c = contactCells.get(contact);
    if (c === undefined) contactCells.set(contact, (c = cells(contactValues(contact, groups))));
    let line = `${a},${c}`;
    if (live) {
      let l = held && liveCells.get(held);
      if (l === undefined) {
        l = cells(
          held
            ? [
                held.status,
                held.fields.join("; "),
                held.held?.email,
                held.held?.phone,
                held.held?.name ?? held.held?.fullName,
                live.readAt,
                held.result,
                (held.rules ?? []).map((r) => `${r.rule}: ${r.result}`).join("; "),
              ]
            : LIVE_COLUMNS.map(() => ""),
        );
        if (held) liveCells.set(held, l);
      }
      line += `,${l}`;
    }
    lines.push(line);
  }
  return `${lines.join("\r\n")}\r\n`;
}

function contactValues(contact: ContactEvidence, groups: ReadonlyMap<string, GroupEvidence> | undefined): (string | undefined)[] {
  const values = [
    contact.type,
    contact.card,
    contact.cardName,
    contact.source,
    contact.email,
    contact.phone,
    peopleReached(contact).join("; "),
    contact.groups.map((g) => g.id).join("; "),
    contact.groups.map((g) => g.reviewed ?? "never").join("; "),
    contact.result,
    contact.rules.map((r) => `${r.rule}: ${r.result}`).join("; "),
    contact.exceptions.map((e) => `${e.rule} until ${e.expires}: ${e.reason}`).join("; "),
  ];
  if (!groups) return values;
  const behind = contact.groups.map((g) => groups.get(g.id)).filter((g): g is GroupEvidence => g !== undefined);
  const prefix = (g: GroupEvidence, text: string) => (behind.length > 1 ? `${g.id}: ${text}` : text);
  values.push(behind.map((g) => prefix(g, sourceText(g))).join("; "), behind.map((g) => prefix(g, (g.people ?? []).map(memberText).join(", "))).join("; "));
  return values;
}

/** Everyone the email or the phone reaches, each once: the people who would hear from AWS. */
export function peopleReached(contact: ContactEvidence): string[] {
  const { email = [], phone = [] } = contact.reaches;
  return phone.length === 0 ? email : [...new Set([...email, ...phone])];
}

function cells(values: readonly (string | undefined)[]): string {
  return values.map((value) => csvCell(value ?? "")).join(",");
}

/** A spreadsheet reads a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
