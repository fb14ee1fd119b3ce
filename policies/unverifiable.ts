import { CIS_1_1, type ContactRule } from "./rule";

/**
 * Given a contact field whose value is only known at apply time (a token, a variable, a data source,
 *   a function call), Then FAIL: the policy cannot show it reaches two current people.
 * Given every field is literal text, Then PASS.
 */
export const unverifiable: ContactRule = {
  id: "unverifiable",
  scope: "contact",
  title: "Contact value unknown until apply",
  severity: "error",
  explanation:
    "A value computed at apply time escapes every check here; passing it would let any contact through by wrapping it in an expression.",
  fix: "write the value as literal text in the registry (or the resource), not as an expression",
  controls: [CIS_1_1],
  exceptable: false,
  check(contact) {
    return Object.entries(contact.fields)
      .filter(([, value]) => value && !value.known)
      .map(([field, value]) => ({
        field,
        value: value && !value.known ? value.expression : "",
        message: "is unknown until apply, so it cannot be judged",
      }));
  },
};
