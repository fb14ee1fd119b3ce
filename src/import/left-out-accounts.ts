import { checkFields, edgeWhitespaceIn, templateSequenceIn } from "../model/check-fields";
import { CONTACT_FIELDS } from "../model/contact-fields";
import { cardKindOf, CONTACT_TYPES } from "../model/contact-types";
import type { OrganizationAccount } from "../model/organization";
import type { LiveContacts, ReadFailure } from "../model/live-contacts";

/**
 * Why `contacts import` leaves ACTIVE accounts out of the registry, by account id. The registry has no way
 * to say "leave this type as it is" for one account: an account in it gets a card for every type its OU
 * or the defaults set, and the first apply writes that card. So an account is written only when every
 * one of its contacts is known and can be written back exactly as AWS holds it; any other account stays
 * out (not managed, which synthesis reports as uncovered-account) until a later import can read it:
 * - some of its contacts could not be read (access denied, throttled or failing after the SDK's retries),
 *   or it was not read at all;
 * - one of its contacts holds a value the registry loader refuses: white space at either end, `${` or
 *   `%{` (Terraform would evaluate it), a value beyond AWS's documented limits;
 * - its OU path holds `${` or `%{`, which the registry accepts nowhere.
 */
export function accountsLeftOut(
  active: readonly OrganizationAccount[],
  live: ReadonlyMap<string, LiveContacts>,
  failures: readonly ReadFailure[],
): Map<string, string> {
  const failed = new Map<string, ReadFailure[]>();
  for (const f of failures) {
    const list = failed.get(f.accountId);
    if (list) list.push(f);
    else failed.set(f.accountId, [f]);
  }
  const reasons = new Map<string, string>();
  for (const account of active) {
    const contacts = live.get(account.id);
    const unread = failed.has(account.id) || contacts === undefined;
    const reason = unread ? unreadReason(failed.get(account.id)) : (valueReason(contacts) ?? ouReason(account.ouPath));
    if (reason) reasons.set(account.id, reason);
  }
  return reasons;
}

function unreadReason(failures: readonly ReadFailure[] | undefined): string {
  if (!failures?.length) return "its contacts were not read";
  const types = CONTACT_TYPES.filter((type) => failures.some((f) => f.type === type));
  const codes = [...new Set(failures.map((f) => f.code))];
  return `${types.join(", ")} could not be read (${codes.join(", ")})`;
}

function valueReason(contacts: LiveContacts | undefined): string | undefined {
  for (const type of CONTACT_TYPES) {
    const values = contacts?.[type];
    if (!values) continue;
    const fields = CONTACT_FIELDS[cardKindOf(type)];
    for (const { field } of fields) {
      const value = values[field];
      const edge = value === undefined || templateSequenceIn(value) ? undefined : edgeWhitespaceIn(value);
      if (edge) return `its ${type} contact's ${field} ${JSON.stringify(value)} ${edge} with white space, which the registry does not accept`;
    }
    const problem = checkFields(fields, values)[0];
    if (problem) return `its ${type} contact holds a value the registry does not accept: ${problem.message}`;
  }
  return undefined;
}

function ouReason(ouPath: string | undefined): string | undefined {
  const sequence = ouPath === undefined ? undefined : templateSequenceIn(ouPath);
  return sequence && `its OU path ${JSON.stringify(ouPath)} holds "${sequence}", which the registry does not accept (Terraform would evaluate it)`;
}

/**
 * The account's name as the registry can hold it: the name is only shown, never sent to AWS, so a name
 * holding `${` or `%{` (which the registry accepts nowhere) is written with a space after the `$` or `%`;
 * a name that is blank is written as the account id.
 */
export function registryName(account: OrganizationAccount): string {
  const name = (account.name ?? "").replace(/([$%])\{/g, "$1 {");
  return name.trim() === "" ? account.id : name;
}
