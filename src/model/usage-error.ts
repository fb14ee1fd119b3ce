/** A mistake in how the tool was called (a variable, a flag, a setting): printed without a stack trace. */
export class UsageError extends Error {}
