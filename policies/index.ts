import { directoryMembershipDiffers } from "./directory-membership-differs";
import { distinctTypes } from "./distinct-types";
import { emailDomainRule } from "./email-domain";
import { expiredException } from "./expired-exception";
import { invalidField } from "./invalid-field";
import { missingContact } from "./missing-contact";
import { ouMismatch } from "./ou-mismatch";
import { policyWeakened } from "./policy-weakened";
import { registryError } from "./registry-error";
import { staleAccount } from "./stale-account";
import { uncoveredAccount } from "./uncovered-account";
import { singleRecipient } from "./single-recipient";
import { staleReview } from "./stale-review";
import { unlistedAddress } from "./unlisted-address";
import { unknownAccount } from "./unknown-account";
import { unregisteredAccount } from "./unregistered-account";
import { unresolvedProvider } from "./unresolved-provider";
import { unusedException } from "./unused-exception";
import { unverifiable } from "./unverifiable";
import type { Rule } from "../src/engine/rule-contract";

/**
 * The built-in rule pack, in the order findings are listed for a contact; the exception rules come after
 * the rest, as they judge the exceptions once everything else was judged; policy-weakened, last, judges a change
 * to the policy and runs only in `contacts review`. registry-error comes first:
 * when the registry does not load it is the only rule that reports.
 */
export const RULES = [
  registryError,
  unverifiable,
  invalidField,
  unlistedAddress,
  singleRecipient,
  directoryMembershipDiffers,
  staleReview,
  emailDomainRule,
  missingContact,
  unknownAccount,
  unresolvedProvider,
  unregisteredAccount,
  distinctTypes,
  uncoveredAccount,
  staleAccount,
  ouMismatch,
  expiredException,
  unusedException,
  policyWeakened,
] as const;

/** The built-in rules' ids: a team's own rules take ids of their own, `<namespace>/<name>`, which can never be one of these. */
export type BuiltInRuleId = (typeof RULES)[number]["id"];

/** The built-in rules by id (a run's whole pack, with a team's own rules, is PolicyEvaluation.ruleById). */
export const ruleById: ReadonlyMap<string, Rule> = new Map(RULES.map((rule): [string, Rule] => [rule.id, rule]));
