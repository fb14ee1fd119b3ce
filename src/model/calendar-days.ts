/** Calendar dates as the registry writes them (YYYY-MM-DD, UTC): the arithmetic the rules, review and evidence share. */

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days before a group's review limit (policy.maxReviewAgeDays) during which its review is due soon: the stale-review rule warns, the evidence lists it as due. */
export const REVIEW_WARNING_DAYS = 30;
