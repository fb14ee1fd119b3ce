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

/** Why a day written YYYY-MM-DD is not on the calendar ("there is no month 13"); undefined for a real day or other text. */
export function notOnTheCalendar(text: string): string | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return undefined;
  const [year, month, day] = parts.slice(1).map(Number);
  if (month < 1 || month > 12) return `there is no month ${parts[2]}`;
  // Day 0 of the next month is the last day of this one.
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${parts[1]}-${parts[2]} has ${days} days`;
  return undefined;
}
