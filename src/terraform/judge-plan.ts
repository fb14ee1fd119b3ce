import { managementAccountId } from "../model/management-account";
import type { Account, ContactType } from "../model/types";
import type { PolicyEvaluation } from "../engine/evaluate";
import type { ContactValue } from "../../policies/rule";
import { contactOwner, ownerAccountId, PRIMARY_CONTACT_RESOURCE, readContactAttributes, UNKNOWN_ACCOUNT, type AttributeReader } from "./terraform-contacts";
import type { PlanContactChange, TerraformPlan } from "./terraform-plan";

/** A contact the plan deletes (or forgets): listed, never judged. */
export interface RemovedContact {
  address: string;
  removal: "delete" | "forget";
  accountId?: string;
  accountName?: string;
  type?: ContactType;
}

export interface PlanJudgement {
  /** Contact instances judged: everything the plan keeps, whether it creates, updates, replaces or leaves it. */
  judged: number;
  removed: RemovedContact[];
}

/**
 * Judges a Terraform plan's contacts with the registry's rules: the second adapter beside the cdktf aspect.
 *
 * - Each instance the plan keeps is judged on its planned values (a plan is the desired state, so no-op
 *   instances count too); a replacement is judged on what it creates. Values unknown until apply are
 *   `unverifiable`, account_id included.
 * - Deleted and forgotten instances are listed, not judged.
 * - No account_id means the calling account: the registry's management account.
 * - Account rules (missing-contact) run for every account the plan keeps a contact for, and only
 *   those: a plan need not cover the whole organization. A primary contact is expected only when the
 *   plan manages primary contacts at all; AWS keeps one on every account whether Terraform manages it or not.
 */
export function judgePlan(evaluation: PolicyEvaluation, plan: TerraformPlan, accounts: readonly Account[]): PlanJudgement {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const management = managementAccountId(accounts);
  const removed: RemovedContact[] = [];
  const byAccount = new Map<string, ContactValue[]>();
  let managesPrimary = false;
  let judged = 0;
  for (const change of plan.contactChanges) {
    if (change.removal || !change.after) {
      if (change.removal) removed.push(describeRemoved(change, management, byId));
      continue;
    }
    const contact = contactValue(change, change.after, management, byId);
    evaluation.judgeContact(contact);
    judged += 1;
    if (change.resourceType === PRIMARY_CONTACT_RESOURCE) managesPrimary = true;
    if (contact.accountId === UNKNOWN_ACCOUNT) continue;
    const list = byAccount.get(contact.accountId) ?? [];
    list.push(contact);
    byAccount.set(contact.accountId, list);
  }
  for (const [accountId, contacts] of byAccount) {
    const account = byId.get(accountId);
    evaluation.judgeAccount({ accountId, accountName: account?.name, contacts, expectsPrimary: managesPrimary, position: account?.position });
  }
  return { judged, removed };
}

function contactValue(change: PlanContactChange, read: AttributeReader, management: string, byId: Map<string, Account>): ContactValue {
  const { accountId, type, fields } = contactOwner(readContactAttributes(change.resourceType, read), management);
  return { accountId, accountName: byId.get(accountId)?.name, type, fields, location: { resource: change.address } };
}

function describeRemoved(change: PlanContactChange, management: string, byId: Map<string, Account>): RemovedContact {
  const removed: RemovedContact = { address: change.address, removal: change.removal ?? "delete" };
  if (!change.before) return removed;
  const attributes = readContactAttributes(change.resourceType, change.before);
  const owner = ownerAccountId(attributes.accountId, management);
  const accountId = owner === UNKNOWN_ACCOUNT ? undefined : owner;
  return {
    ...removed,
    accountId,
    accountName: accountId ? byId.get(accountId)?.name : undefined,
    type: attributes.type.known ? attributes.type.value : undefined,
  };
}
