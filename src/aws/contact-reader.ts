import { GetAlternateContactCommand, GetContactInformationCommand, type AccountClient } from "@aws-sdk/client-account";
import { CONTACT_FIELDS } from "../model/contact-fields";
import { ALTERNATE_CONTACT_TYPES, PRIMARY_CONTACT_TYPE, cardKindOf, type ContactType } from "../model/contact-types";
import { awsCommandError, classifyAwsError } from "./aws-errors";
import { ACCOUNT_READ_RATES, forEachConcurrently, pacedRate, RequestPacer } from "./pacing";
import type { Progress } from "./progress";

/** The contacts AWS holds for one account, by registry field name (email, phone, fullName, ...); a type AWS has none of is absent. */
export type LiveContacts = Partial<Record<ContactType, Record<string, string>>>;

/** An account whose contacts could not all be read: reported with the account, never skipped silently. */
export interface ReadFailure {
  accountId: string;
  type: ContactType;
  /** AccessDeniedException, TooManyRequestsException, ... */
  code: string;
  message: string;
}

export interface ContactReadOptions {
  /** Accounts read at once; the pacing keeps the request rate within the quota whatever this is. */
  concurrency: number;
  /** Read primary contacts too (one more call per account). */
  primary: boolean;
  progress?: Progress;
  /** e.g. "contacts drift", for the line that stops the command. */
  command: string;
}

export interface ContactReadResult {
  /** By account id: every account whose reads all succeeded. */
  contacts: Map<string, LiveContacts>;
  failures: ReadFailure[];
}

/** The largest --concurrency that is still within the quota: more requests at once than the burst are only throttled. */
export const MAX_CONCURRENCY = ACCOUNT_READ_RATES.GetAlternateContact.burst;

/**
 * Reads the alternate contacts (and primary contacts) of every account, paced to Account Management's
 * documented per-account rates. The management account is read without AccountId (AWS refuses it naming
 * itself). A contact AWS does not have is absent from the result; a read AWS refuses or fails after the
 * SDK's retries is a failure for that account, and the others go on. Credentials that do not work, or an
 * unreachable endpoint, stop the whole read: every other call would fail the same way.
 */
export async function readLiveContacts(
  client: AccountClient,
  accounts: readonly { id: string; management: boolean }[],
  options: ContactReadOptions,
): Promise<ContactReadResult> {
  const pacers = {
    alternate: new RequestPacer(pacedRate(ACCOUNT_READ_RATES.GetAlternateContact)),
    primary: new RequestPacer(pacedRate(ACCOUNT_READ_RATES.GetContactInformation)),
  };
  const types: ContactType[] = options.primary ? [...ALTERNATE_CONTACT_TYPES, PRIMARY_CONTACT_TYPE] : [...ALTERNATE_CONTACT_TYPES];
  const contacts = new Map<string, LiveContacts>();
  const failures: ReadFailure[] = [];
  const readOne = async (type: ContactType, accountId: string | undefined): Promise<object | undefined> => {
    if (type === PRIMARY_CONTACT_TYPE) {
      await pacers.primary.take();
      return (await client.send(new GetContactInformationCommand({ AccountId: accountId }))).ContactInformation;
    }
    await pacers.alternate.take();
    return (await client.send(new GetAlternateContactCommand({ AccountId: accountId, AlternateContactType: type }))).AlternateContact;
  };
  options.progress?.start(accounts.length);
  await forEachConcurrently(accounts, options.concurrency, async (account) => {
    const accountId = account.management ? undefined : account.id;
    const live: LiveContacts = {};
    let failed = false;
    for (const type of types) {
      try {
        const found = await readOne(type, accountId);
        if (found) live[type] = byField(type, found as Record<string, unknown>);
      } catch (error) {
        const failure = classifyAwsError(error);
        if (failure.code === "ResourceNotFoundException") continue;
        if (failure.kind === "credentials" || failure.kind === "network")
          throw awsCommandError(options.command, `account:Get${type === PRIMARY_CONTACT_TYPE ? "ContactInformation" : "AlternateContact"}`, error);
        failures.push({ accountId: account.id, type, code: failure.code, message: failure.message });
        failed = true;
        // AWS refusing one account refuses all its types: one failure per account is enough.
        if (failure.kind === "denied") break;
      }
    }
    if (!failed) contacts.set(account.id, live);
    options.progress?.tick();
  });
  options.progress?.done();
  return { contacts, failures };
}

/** An API answer's members under the registry's field names, through the contact-field table. */
function byField(type: ContactType, answer: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { field, apiName } of CONTACT_FIELDS[cardKindOf(type)]) {
    const value = answer[apiName];
    if (typeof value === "string") values[field] = value;
  }
  return values;
}
