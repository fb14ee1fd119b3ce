import { GetAlternateContactCommand, GetContactInformationCommand, type AccountClient } from "@aws-sdk/client-account";
import { CONTACT_FIELDS } from "../model/contact-fields";
import { ALTERNATE_CONTACT_TYPES, PRIMARY_CONTACT_TYPE, cardKindOf, type ContactType } from "../model/contact-types";
import { awsCommandError, classifyAwsError } from "./aws-errors";
import type { LiveContacts, ReadFailure } from "../model/live-contacts";
import { ACCOUNT_READ_RATES, forEachConcurrently, pacedRate, RequestPacer } from "./pacing";
import type { Progress } from "./progress";

export type { LiveContacts, ReadFailure } from "../model/live-contacts";

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
  /**
   * By account id: every account of which at least one type could be read, with what was read. A type
   * that could not be read is absent as a type AWS has none of is: `failures` tells them apart.
   */
  contacts: Map<string, LiveContacts>;
  /** One per account and type that could not be read. */
  failures: ReadFailure[];
}

/** Accounts whose reads time out before AWS has answered any call: then it answers none, and the read stops. */
const UNANSWERED_ACCOUNTS_TO_STOP = 3;

/**
 * Reads the alternate contacts (and primary contacts) of every account, paced to Account Management's
 * documented per-account rates. The management account is read without AccountId (AWS refuses it naming
 * itself). A contact AWS does not have is absent from the result; a read AWS refuses or that fails after
 * the SDK's retries is a failure of that account and type, and the other types and accounts go on (what
 * was read of the account is kept). A read AWS does not answer within the client's timeouts and retries is
 * a failure of the whole account (its other reads would hang as long). Credentials that do not work, an
 * unreachable endpoint, or no answer at all for the first accounts, stop the whole read: every other call
 * would fail the same way.
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
  // Calls AWS answered (with contacts or an error), and accounts whose reads it did not answer in time.
  let answered = 0;
  const timedOut = new Set<string>();
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
    let read = 0;
    for (const [index, type] of types.entries()) {
      try {
        const found = await readOne(type, accountId);
        answered += 1;
        if (found) live[type] = byField(type, found as Record<string, unknown>);
        read += 1;
      } catch (error) {
        const failure = classifyAwsError(error);
        if (failure.code === "ResourceNotFoundException") {
          read += 1;
          answered += 1;
          continue;
        }
        const action = `account:Get${type === PRIMARY_CONTACT_TYPE ? "ContactInformation" : "AlternateContact"}`;
        if (failure.kind === "credentials" || failure.kind === "network") throw awsCommandError(options.command, action, error);
        if (failure.kind === "timeout") {
          timedOut.add(account.id);
          if (answered === 0 && timedOut.size >= UNANSWERED_ACCOUNTS_TO_STOP) throw awsCommandError(options.command, action, error);
        } else answered += 1;
        // AWS refusing (or not answering) one type of an account does the same for the others: they are not asked, and not read either.
        const wholeAccount = failure.kind === "denied" || failure.kind === "timeout";
        const unread = wholeAccount ? types.slice(index) : [type];
        for (const t of unread) failures.push({ accountId: account.id, type: t, code: failure.code, message: failure.message });
        if (wholeAccount) break;
      }
    }
    if (read > 0) contacts.set(account.id, live);
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
