/**
 * A suite that needs a program this machine may lack (slapd, chromium): skipped with the reason printed where
 * it is missing, and a failure under CI=true, where a skip would hide that the behaviour went untested.
 */
export function describeWhenAvailable(name: string, problem: string | undefined, fn: () => void): void {
  if (!problem) return describe(name, fn);
  if (process.env.CI === "true") throw new Error(`${name}: ${problem}`);
  console.warn(`[${name}] skipped: ${problem}`);
  describe.skip(`${name} (skipped: ${problem})`, fn);
}
