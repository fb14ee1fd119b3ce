/**
 * How two ways of writing an address are recognised as the same destination.
 * Emails: trimmed and compared case-insensitively; `jane.doe+aws@example.com` still reaches Jane.
 * Phones: compared by their digits, keeping a leading `+`, so "+1 (206) 555-0100" is "+12065550100".
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The address without a sub-address tag: mail to `local+tag@domain` is delivered to `local@domain`. */
export function untaggedEmail(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf("@");
  if (at < 0) return normalized;
  const local = normalized.slice(0, at);
  const plus = local.indexOf("+");
  return plus > 0 ? local.slice(0, plus) + normalized.slice(at) : normalized;
}

export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, "");
  return trimmed.startsWith("+") ? "+" + digits : digits;
}

export function emailDomain(email: string): string {
  const normalized = normalizeEmail(email);
  return normalized.slice(normalized.lastIndexOf("@") + 1);
}

const FREE_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "mail.com",
  "yandex.com",
  "zoho.com",
  "web.de",
  "qq.com",
  "163.com",
]);

/** Words that mark a local part as a shared mailbox rather than first.last. */
const SHARED_WORDS = new Set([
  "team",
  "ops",
  "security",
  "sec",
  "billing",
  "admin",
  "aws",
  "cloud",
  "alerts",
  "oncall",
  "support",
  "finance",
  "it",
  "root",
  "noc",
  "soc",
]);

/** Why an address that nobody registered looks like one person's, if it does. */
export function personalLook(email: string): string | undefined {
  const domain = emailDomain(email);
  if (FREE_MAIL_DOMAINS.has(domain)) return `${domain} is a free-mail domain, so this is most likely one person's mailbox`;
  const local = untaggedEmail(email).split("@")[0];
  const words = local.split(/[._]/);
  if (words.length === 2 && words.every((w) => /^[a-z]+$/.test(w)) && !words.some((w) => SHARED_WORDS.has(w))) {
    return `"${local}" reads like first.last, one person's mailbox`;
  }
  return undefined;
}

/** Why a phone number looks like a placeholder, if it does. */
export function placeholderLook(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return `it has only ${digits.length} digits, too few for a reachable number`;
  if (/^(\d)\1+$/.test(digits.slice(-7))) return "its digits repeat one figure, like a placeholder";
  if ("01234567890".includes(digits.slice(-7)) || "9876543210".includes(digits.slice(-7))) return "its digits run in sequence, like a placeholder";
  return undefined;
}
