/** Requests per second a caller's account may make of one operation, and how many may come at once after a pause. */
export interface RequestRate {
  perSecond: number;
  burst: number;
}

/**
 * Quotas for AWS Account Management, per calling account and operation
 * (https://docs.aws.amazon.com/accounts/latest/reference/quotas.html): "Rate of GetAlternateContact
 * requests per account: 10 per second, burst to 15", and the same for GetContactInformation.
 */
export const ACCOUNT_READ_RATES = {
  GetAlternateContact: { perSecond: 10, burst: 15 },
  GetContactInformation: { perSecond: 10, burst: 15 },
} as const satisfies Record<string, RequestRate>;

/** The largest --concurrency that is still within the quota: more requests at once than the burst are only throttled. */
export const MAX_CONCURRENCY = ACCOUNT_READ_RATES.GetAlternateContact.burst;

/**
 * What the readers pace themselves to: 90% of the rate and the burst less three. A request reaches AWS a
 * little after the pacer lets it go, and not always in order (the first of a burst opens connections), so
 * pacing at the quota itself still meets the odd 429; the margin also leaves room for another tool.
 */
export function pacedRate(quota: RequestRate): RequestRate {
  return { perSecond: quota.perSecond * 0.9, burst: Math.max(1, quota.burst - 3) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket that waits instead of refusing: each `take()` resolves when the request may go, in the
 * order they were asked for. Pacing below the quota keeps the reads from being throttled at all, where
 * retrying after each 429 would spend the quota on refusals and slow every other tool sharing it.
 */
export class RequestPacer {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: RequestRate,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = rate.burst;
    this.last = clock();
  }

  take(): Promise<void> {
    const turn = this.queue.then(() => this.next());
    this.queue = turn;
    return turn;
  }

  private async next(): Promise<void> {
    for (;;) {
      const now = this.clock();
      this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000));
    }
  }
}

/**
 * Runs `work` over every item with at most `concurrency` at once, in order of the items; resolves when
 * all are done. `work` must not throw for one item's failure: the caller records it and goes on.
 */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
