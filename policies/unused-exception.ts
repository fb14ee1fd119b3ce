import { type ExceptionRule } from "../src/engine/rule-contract";

/**
 * Given a registry exception that has not expired, And it waived no finding of the run, Then WARN.
 * Given it waived at least one finding, Then PASS.
 * Given it has expired, Then the rule does not apply: expired-exception reports it.
 */
export const unusedException: ExceptionRule<"unused-exception"> = {
  id: "unused-exception",
  scope: "exception",
  title: "Policy exception matches nothing",
  severity: "warning",
  explanation: "An exception that waives nothing hides what it was meant for.",
  fix: "remove the exception: it waives nothing",
  controls: [],
  exceptable: false,
  securitySeverity: 1.0,
  check(exception, { waived }, { today }) {
    if (waived || exception.expires < today) return [];
    return [{ message: `exception for ${exception.rule} matches no finding`, location: exception.position }];
  },
};
