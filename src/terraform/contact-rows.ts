import { terraformAccountId } from "../model/management-account";
import type { EffectiveContacts } from "../registry/effective-contacts";
import {
  ALTERNATE_CONTACT_FIELDS,
  PRIMARY_CONTACT_FIELDS,
  type AlternateContactFields,
  type ContactField,
  type PrimaryContactFields,
} from "../model/contact-fields";
import { slotOf, type AlternateContactType } from "../model/contact-types";

/**
 * One account's values of one contact type, by Terraform attribute: one instance of a `for_each` map.
 * Every attribute of the contact-field table is present on every instance (null when unset): Terraform
 * rejects `each.value.x` on an object without x. The management account has a null account_id: AWS
 * refuses the management account naming itself.
 */
export interface ContactRow {
  account_id: string | null;
  [attribute: string]: string | null;
}

/** The table's attributes and registry fields side by side, computed once: rows are built for every account. */
interface Columns {
  attributes: readonly string[];
  fields: readonly string[];
  /** Every attribute, null: copying it gives each row its final shape at once, in the written key order. */
  empty: ContactRow;
}
function columnsOf(table: readonly ContactField[]): Columns {
  const empty: ContactRow = { account_id: null };
  for (const { attribute } of table) empty[attribute] = null;
  return { attributes: table.map((f) => f.attribute), fields: table.map((f) => f.field), empty };
}
const ALTERNATE_COLUMNS = columnsOf(ALTERNATE_CONTACT_FIELDS);
const PRIMARY_COLUMNS = columnsOf(PRIMARY_CONTACT_FIELDS);

/** The Terraform attributes of each kind of row, account_id first, in the order rows are written. */
export const ALTERNATE_ROW_ATTRIBUTES: readonly string[] = ["account_id", ...ALTERNATE_COLUMNS.attributes];
export const PRIMARY_ROW_ATTRIBUTES: readonly string[] = ["account_id", ...PRIMARY_COLUMNS.attributes];

/** The per-account rows of one alternate contact type, keyed by account id: the `for_each` map of one resource. */
export function alternateInstances(accounts: readonly EffectiveContacts[], type: AlternateContactType): Record<string, ContactRow> {
  const slot = slotOf(type);
  const map: Record<string, ContactRow> = {};
  for (const effective of accounts) {
    const chosen = effective[slot];
    if (chosen) map[effective.account.id] = rowOf(effective, chosen.card, ALTERNATE_COLUMNS);
  }
  return map;
}

/** The per-account rows of the primary contact, keyed by account id. */
export function primaryInstances(accounts: readonly EffectiveContacts[]): Record<string, ContactRow> {
  const map: Record<string, ContactRow> = {};
  for (const effective of accounts) {
    if (effective.primary) map[effective.account.id] = rowOf(effective, effective.primary.card, PRIMARY_COLUMNS);
  }
  return map;
}

function rowOf(effective: EffectiveContacts, card: AlternateContactFields | PrimaryContactFields, columns: Columns): ContactRow {
  const values: Readonly<Partial<Record<string, string>>> = card;
  const { attributes, fields, empty } = columns;
  const row: ContactRow = { ...empty };
  row.account_id = terraformAccountId(effective.account);
  for (let i = 0; i < attributes.length; i++) row[attributes[i]] = values[fields[i]] ?? null;
  return row;
}
