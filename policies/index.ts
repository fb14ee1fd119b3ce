import { distinctTypes } from "./distinct-types";
import { emailDomainRule } from "./email-domain";
import { invalidField } from "./invalid-field";
import { missingContact } from "./missing-contact";
import { staleAccount } from "./stale-account";
import { uncoveredAccount } from "./uncovered-account";
import type { Rule } from "./rule";
import { singleRecipient } from "./single-recipient";
import { staleReview } from "./stale-review";
import { unlistedAddress } from "./unlisted-address";
import { unverifiable } from "./unverifiable";

/** The one rule pack, in the order findings are listed for a contact. */
export const RULES: readonly Rule[] = [
  unverifiable,
  invalidField,
  unlistedAddress,
  singleRecipient,
  staleReview,
  emailDomainRule,
  missingContact,
  distinctTypes,
  uncoveredAccount,
  staleAccount,
];

export * from "./rule";
