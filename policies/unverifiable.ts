import { CIS_1_1, type ContactRule } from "../src/engine/rule-contract";

/**
 * Given a contact field whose value is only known at apply time (a token, a variable, a data source,
 *   a function call), Then FAIL: the policy cannot show it reaches two current people.
 * Given a contact resource whose instances (for_each, count) are only known at apply time, Then FAIL:
 *   none of its contacts can be judged (checkUnknownInstances).
 * Given every field is literal text, Then PASS.
 */
export const unverifiable: ContactRule<"unverifiable"> = {
  id: "unverifiable",
  scope: "contact",
  title: "Contact value unknown until apply",
  severity: "error",
  explanation: "A value computed at apply time escapes every check here; passing it would let any contact through by wrapping it in an expression.",
  fix: "write the value as literal text in the registry (or the resource), not as an expression",
  controls: [CIS_1_1],
  exceptable: false,
  securitySeverity: 6.0,
  check(contact) {
    return Object.entries(contact.fields)
      .filter(([, value]) => value && !value.known)
      .map(([field, value]) => ({
        field,
        value: value && !value.known ? value.expression : "",
        message: "is unknown until apply, so it cannot be judged",
      }));
  },
  // No contact exists to hand to check(): the engine asks once for the resource.
  checkUnknownInstances(expression) {
    return [
      {
        message: `instances are unknown until apply (${expression}), so their contacts cannot be judged`,
        fix: "use a literal for_each map or count",
      },
    ];
  },
};
