/** Exit statuses shared by `cdktf synth` and the `contacts` command line: what a pipeline branches on. */
export const EXIT_OK = 0;
export const EXIT_POLICY_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
/** A bug, not a user's mistake (sysexits' EX_SOFTWARE): distinct from 1 so a pipeline never reads it as a policy verdict. */
export const EXIT_INTERNAL_ERROR = 70;
