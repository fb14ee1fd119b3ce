import { UsageError } from "../model/usage-error";

/** "Today" for the policy: CONTACTS_TODAY=YYYY-MM-DD when set (reproducible CI and tests), else the system date (UTC). */
export function todayFor(fixed: string | undefined, now = new Date()): string {
  if (fixed) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed) || Number.isNaN(Date.parse(fixed))) {
      throw new UsageError(
        `CONTACTS_TODAY="${fixed}" is not a date. Fix: set it as YYYY-MM-DD, e.g. CONTACTS_TODAY=2026-11-23, or unset it to use today's date.`,
      );
    }
    return fixed;
  }
  return now.toISOString().slice(0, 10);
}
