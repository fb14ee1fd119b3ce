import {
  ACCOUNT_API_DOCUMENTED_RATES,
  ACCOUNT_API_OPERATIONS,
  type AccountApiOperation,
  type RateLimit,
} from "./types";

/**
 * mulberry32: tiny, seedable, and good enough to spread faults; Math.random can't be
 * seeded, and a failing fault test must be replayable with the same seed.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number,
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) {
      throw new Error(`rate limit needs perSecond > 0 and burst >= 1, got ${JSON.stringify(limit)}`);
    }
    this.tokens = limit.burst;
    this.last = clock();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.clock();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.perSecond);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  get available(): number {
    return this.tokens;
  }
}

export function resolveRateLimits(
  option: RateLimit | "documented" | Partial<Record<AccountApiOperation, RateLimit>> | undefined,
): Partial<Record<AccountApiOperation, RateLimit>> {
  if (option === undefined) return {};
  if (option === "documented") return { ...ACCOUNT_API_DOCUMENTED_RATES };
  if ("perSecond" in option && "burst" in option) {
    const one = option as RateLimit;
    return Object.fromEntries(ACCOUNT_API_OPERATIONS.map((op) => [op, one]));
  }
  return { ...(option as Partial<Record<AccountApiOperation, RateLimit>>) };
}

export function checkRate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new Error(`${name} must be between 0 and 1, got ${value}`);
  return v;
}
