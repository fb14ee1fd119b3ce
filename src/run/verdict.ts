import { PolicyEvaluation } from "../engine/evaluate";
import { causeFailsIn, countRootCauses, groupByRootCause, type RootCause, type RootCauseCounts } from "../engine/root-causes";
import { EXIT_OK, EXIT_POLICY_FAILED } from "./exit-codes";
import type { PolicyMode } from "./policy-mode";

/**
 * One run's judgement, made once from a finished evaluation and the run's mode: the root causes (grouped once,
 * whatever reads them: the text, the JSON and SARIF reports, the aspect's validation, the evidence), which of
 * them fail in this mode, and the exit status. Consumers read it instead of joining the mode again.
 */
export interface Verdict {
  readonly evaluation: PolicyEvaluation;
  readonly mode: PolicyMode;
  /** Every root cause, in the order its first finding was made. */
  readonly rootCauses: readonly RootCause[];
  /** The root causes that fail the run in this mode (an error in enforce mode; a blocking one in any). */
  readonly failing: readonly RootCause[];
  readonly counts: RootCauseCounts;
  /** Whether the run must stop: PolicyEvaluation.failsIn(mode), decided here alone. */
  readonly failed: boolean;
  /** EXIT_POLICY_FAILED when it failed, else EXIT_OK: what synth and the commands exit with for the policy. */
  readonly exitStatus: typeof EXIT_OK | typeof EXIT_POLICY_FAILED;
  /** Whether one root cause (of this verdict, or a subset's grouping such as an annotation's) fails in this mode. */
  fails(cause: RootCause): boolean;
}

/** The verdict on a finished evaluation (after `evaluation.finish()`): call once per run. */
export function judgeVerdict(evaluation: PolicyEvaluation, mode: PolicyMode): Verdict {
  const rootCauses = groupByRootCause(evaluation.findings);
  const failed = evaluation.failsIn(mode);
  return {
    evaluation,
    mode,
    rootCauses,
    failing: rootCauses.filter((cause) => causeFailsIn(cause, mode)),
    counts: countRootCauses(rootCauses),
    failed,
    exitStatus: failed ? EXIT_POLICY_FAILED : EXIT_OK,
    fails: (cause) => causeFailsIn(cause, mode),
  };
}

/**
 * A verdict, or a bare evaluation judged in `mode` now: for the report builders' callers that hold only an
 * evaluation (another app, a test). The pipeline always hands them its verdict, so nothing is grouped twice.
 */
export function verdictOf(judged: Verdict | PolicyEvaluation, mode: PolicyMode): Verdict {
  return judged instanceof PolicyEvaluation ? judgeVerdict(judged, mode) : judged;
}
