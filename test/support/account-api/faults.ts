import { ORGANIZATIONS_OPERATIONS } from "./organizations-types";
import { ACCOUNT_API_DOCUMENTED_RATES, ACCOUNT_API_OPERATIONS, type ApiOperation, type RateLimit } from "./types";

// The seedable PRNG (mulberry32) lives with the registry generator, which scripts/ may not import from test/.
export { seededRandom } from "../../../scripts/seeded-random";

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
  take(now = this.clock()): boolean {
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
  option: RateLimit | "documented" | Partial<Record<ApiOperation, RateLimit>> | undefined,
): Partial<Record<ApiOperation, RateLimit>> {
  if (option === undefined) return {};
  if (option === "documented") return { ...ACCOUNT_API_DOCUMENTED_RATES };
  if ("perSecond" in option && "burst" in option) {
    const one = option as RateLimit;
    return Object.fromEntries([...ACCOUNT_API_OPERATIONS, ...ORGANIZATIONS_OPERATIONS].map((op) => [op, one]));
  }
  return { ...(option as Partial<Record<ApiOperation, RateLimit>>) };
}

export function checkRate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new Error(`${name} must be between 0 and 1, got ${value}`);
  return v;
}
