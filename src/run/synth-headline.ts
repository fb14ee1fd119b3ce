import { RegistryError, restateIssues } from "../registry/errors";
import type { UsageError } from "../model/usage-error";

/**
 * What `cdktf synth` prints for input it cannot use: a registry's (or accounts file's) issues under
 * synth's headline, "... has N errors; nothing was synthesized:", and a usage error as it is. The
 * commands write their own: review "nothing was compared", check-plan "no plan was judged".
 */
export function synthInputErrorText(error: RegistryError | UsageError): string {
  return error instanceof RegistryError ? restateIssues(error, error.subject, "nothing was synthesized") : error.message;
}
