import type { ContactValue, FieldValue, Rule } from "./rule-contract";
import type { ContactType } from "../model/contact-types";
import type { Registry, SourcePosition } from "../model/types";
import { evaluationFor, type PolicyEvaluation } from "./evaluate";

/** What AWS holds for one registry account: the values of each type it holds, and which types were read. */
export interface HeldAccount {
  accountId: string;
  accountName?: string;
  /** The account's line in the registry: where a finding about what AWS holds points. */
  position?: SourcePosition;
  /** The types read: a type read and absent here is one AWS does not hold. */
  read: readonly ContactType[];
  /** The values AWS holds, by registry field name (email, phone, name, fullName, ...). */
  held: Partial<Record<ContactType, Record<string, string>>>;
}

/**
 * The policy's verdict on what AWS holds now: the same rules, with the registry's people, groups, policy and
 * exceptions, that judge the registry's own values (drift says whether AWS holds those; this says whether what
 * it holds passes). Each contact held is judged with the contact rules; an account whose every type was read is
 * also judged with the account rules, so a required contact AWS does not hold fails. An account read only in
 * part is not: the types not read would count as missing. The exception rules do not run: the registry's
 * verdict judges its exceptions, and an exception unused here is not unused.
 */
export function judgeHeldContacts(
  registry: Pick<Registry, "people" | "groups" | "policy" | "exceptions" | "defaults">,
  {
    today,
    rules,
    accounts,
    types,
  }: {
    today: string;
    rules: readonly Rule[];
    /** What AWS holds, account by account. */
    accounts: Iterable<HeldAccount>;
    /** The types compared: an account read for all of them is judged with the account rules too. */
    types: readonly ContactType[];
  },
): PolicyEvaluation {
  const evaluation = evaluationFor(registry, today, rules);
  const expectsPrimary = registry.defaults.primary !== undefined;
  for (const account of accounts) {
    const contacts: ContactValue[] = [];
    for (const type of account.read) {
      const values = account.held[type];
      if (!values) continue;
      const contact = heldContact(account, type, values);
      evaluation.judgeContact(contact);
      contacts.push(contact);
    }
    if (types.every((type) => account.read.includes(type)))
      evaluation.judgeAccount({ accountId: account.accountId, accountName: account.accountName, contacts, expectsPrimary, position: account.position });
  }
  return evaluation;
}

function heldContact(account: HeldAccount, type: ContactType, values: Record<string, string>): ContactValue {
  const fields: Record<string, FieldValue> = {};
  // AWS's strings are data, known text: never expressions, whatever they say.
  for (const [field, value] of Object.entries(values)) fields[field] = { known: true, value };
  return {
    accountId: account.accountId,
    accountName: account.accountName,
    type,
    fields,
    // The account's line: no card of the registry holds these values, and the fix is in AWS or the account's cards.
    location: { registry: account.position },
  };
}
