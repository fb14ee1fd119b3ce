import { checkFields, edgeWhitespaceIn } from "../src/model/check-fields";
import { ALTERNATE_CONTACT_FIELDS, PRIMARY_CONTACT_FIELDS } from "../src/model/contact-fields";
import { isAccountId } from "../src/model/organization";
import { type ContactRule } from "../src/engine/rule-contract";

/**
 * Given a contact field that AWS would reject (length, pattern, a missing required field, stateOrRegion
 *   missing for US, CA, GB, DE, JP, IN, BR) or that holds `${` or `%{`, which Terraform would evaluate, Then FAIL.
 * Given a field that starts or ends with white space (sent to AWS as part of the value), Then FAIL.
 * Given an account_id that is not 12 digits (a resource's or a plan's), Then FAIL.
 * A `${` or `%{` fails in warn mode too: warn mode may deploy a poor contact, never a Terraform expression.
 * Given every known field is within AWS's limits, Then PASS. Unknown fields are unverifiable's, not this rule's.
 * Registry values are checked by the loader already; this catches hand-written resources and overrides.
 */
export const invalidField: ContactRule<"invalid-field"> = {
  id: "invalid-field",
  scope: "contact",
  title: "Contact field AWS would reject, or that Terraform would evaluate",
  severity: "error",
  explanation:
    "AWS rejects such a value in the middle of an apply, after other accounts were already changed; a `${...}` sequence would run Terraform functions on the machine that plans.",
  fix: "correct the value to fit AWS's limits, as literal text",
  controls: [],
  exceptable: false,
  securitySeverity: 8.0,
  check(contact) {
    const limits = contact.type === "PRIMARY" ? PRIMARY_CONTACT_FIELDS : ALTERNATE_CONTACT_FIELDS;
    const values: Record<string, unknown> = {};
    for (const limit of limits) {
      const field = contact.fields[limit.field];
      // An unknown value is present but unjudgeable: do not report it as missing.
      values[limit.field] = field === undefined ? undefined : field.known ? field.value : "unknown";
    }
    const unknown = new Set(
      Object.entries(contact.fields)
        .filter(([, v]) => v && !v.known)
        .map(([k]) => k),
    );
    const problems = checkFields(limits, values)
      .filter((problem) => !unknown.has(problem.field))
      .map((problem) => ({ field: problem.field, message: problem.message, fix: problem.fix, ...(problem.expression ? { blocking: true } : {}) }));
    for (const { field } of limits) {
      const value = values[field];
      const where = typeof value === "string" && !unknown.has(field) ? edgeWhitespaceIn(value) : undefined;
      if (!where || problems.some((p) => p.field === field)) continue;
      problems.push({
        field,
        message: `${field} ${JSON.stringify(value)} ${where} with white space, which would be sent to AWS as part of the value`,
        fix: `remove the white space: ${JSON.stringify((value as string).trim())}`,
      });
    }
    const accountId = contact.fields.account_id;
    if (accountId?.known && !isAccountId(accountId.value)) problems.push(accountIdProblem(accountId.value));
    return problems;
  },
};

/**
 * An account_id that is not 12 digits (a plan's account_id = 10000000002: a number that lost its leading
 * zero) names no account: AWS rejects it, or the contact lands on an account nobody meant.
 */
function accountIdProblem(value: string) {
  const digits = /^\d{1,11}$/.test(value);
  return {
    field: "account_id",
    value,
    message: `is not 12 digits${digits ? ", as if written as a number that lost its leading zeros" : ""}, so it names no AWS account`,
    fix: `write the account id as 12 digits in quotes${digits ? `, e.g. "${value.padStart(12, "0")}"` : ', e.g. "012345678901"'}`,
  };
}
