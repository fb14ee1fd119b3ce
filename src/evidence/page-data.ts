import type { ContactEvidence, Evidence, EvidenceAccount, LiveContact } from "./evidence";

/**
 * The page's data, compact: accounts, shared contacts and live values once each, and the rows as index
 * triples into them. Ten thousand accounts share a few hundred contacts, so 40,000 rows take about 1 MB
 * instead of 15 MB of repeated objects, and the page parses them in tens of milliseconds.
 */
export function pageData(evidence: Evidence) {
  const accountIndex = new Map<EvidenceAccount, number>();
  const contactIndex = new Map<ContactEvidence, number>();
  const liveIndex = new Map<LiveContact, number>();
  const accounts: (string | undefined)[][] = [];
  const contacts: ReturnType<typeof contactData>[] = [];
  const groupIndex = new Map(evidence.groups.map((g, i) => [g.id, i]));
  const contactData = (c: ContactEvidence) => ({ ...contactFields(c), dependsOn: (c.dependsOn ?? []).map((id) => groupIndex.get(id)) });
  const live: ReturnType<typeof liveData>[] = [];
  const indexOf = <T, D>(map: Map<T, number>, list: D[], item: T, encode: (item: T) => D) => {
    let index = map.get(item);
    if (index === undefined) {
      map.set(item, (index = list.length));
      list.push(encode(item));
    }
    return index;
  };
  const account = (a: EvidenceAccount) => indexOf(accountIndex, accounts, a, (x) => [x.id, x.name, x.ou]);
  // Two numbers a row, three with AWS's values: the account's and the contact's (and the live value's) index.
  const rows: number[] = [];
  for (const row of evidence.rows) {
    rows.push(account(row.account), indexOf(contactIndex, contacts, row.contact, contactData));
    if (evidence.live) rows.push(row.live ? indexOf(liveIndex, live, row.live, liveData) : -1);
  }
  return {
    minRecipients: evidence.policy.minRecipients,
    live: evidence.live ?? null,
    // The verdict on what AWS holds, for a script reading the page's data as the header states it.
    liveVerdict: evidence.liveVerdict ?? null,
    accounts,
    contacts,
    liveContacts: live,
    rows,
    groups: evidence.groups.map((g) => ({
      id: g.id,
      name: g.name,
      email: g.email,
      phone: g.phone,
      reviewed: g.reviewed,
      due: g.reviewDue,
      members: g.members,
      current: g.current,
      departed: g.departed,
      accounts: g.accounts,
      // Only with directories in the registry (undefined is left out of the JSON): source, read time, member states.
      source: g.source,
      readAt: g.readAt,
      people: g.people,
    })),
    people: evidence.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      phone: p.phone,
      left: p.left,
      gone: p.gone,
      groups: p.groups,
      contacts: p.contacts,
      atRisk: p.atRisk.contacts,
      atRiskAccounts: p.atRisk.accounts,
    })),
  };
}

function contactFields(c: ContactEvidence) {
  return {
    type: c.type ?? "",
    card: c.card,
    cardName: c.cardName,
    source: c.source,
    email: c.email,
    phone: c.phone,
    reachesEmail: c.reaches.email,
    reachesPhone: c.reaches.phone,
    groups: c.groups.map((g) => [g.id, g.reviewed ?? "never reviewed"]),
    result: c.result,
    rules: c.rules.map((r) => `${r.rule}: ${r.result}`),
    exceptions: c.exceptions.map((e) => `${e.rule} until ${e.expires}: ${e.reason}`),
  };
}

function liveData(l: LiveContact) {
  return {
    status: l.status,
    held: l.held ?? {},
    fields: l.fields,
    note: l.note,
    result: l.result,
    rules: (l.rules ?? []).map((r) => `${r.rule}: ${r.result}`),
  };
}

/**
 * JSON that cannot end the `<script type="application/json">` element holding it, whatever a registry
 * value says: `<`, `>` and `&` are written as \u escapes (the same characters to JSON.parse), and so are the
 * two line separators JavaScript once treated as line ends.
 */
export function scriptSafeJson(value: unknown): string {
  // One pass each without a callback: a few milliseconds on the 2 MB of 10,000 accounts.
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
