import { type ExceptionRule } from "../src/engine/rule-contract";

/**
 * Given a registry exception whose expires date is before today, Then FAIL: it waives nothing any more.
 * Given an exception that expires today or later, Then PASS.
 */
export const expiredException: ExceptionRule<"expired-exception"> = {
  id: "expired-exception",
  scope: "exception",
  title: "Policy exception has expired",
  severity: "error",
  explanation: "An expired exception no longer waives its finding.",
  fix: "fix the finding it waived, or renew the exception with a new reason and expiry date",
  controls: [],
  exceptable: false,
  securitySeverity: 5.0,
  check(exception, _usage, { today }) {
    if (exception.expires >= today) return [];
    return [{ message: `exception for ${exception.rule} expired on ${exception.expires}`, location: exception.position }];
  },
};
