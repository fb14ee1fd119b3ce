/**
 * Values with an optional "what readers still see" shadow, to model the read-after-write
 * lag the provider guards against: after a write, the next N reads of that key return
 * the value from before the write (undefined = 404), then the new one.
 */
interface Entry<T> {
  current?: T;
  shadow?: { value?: T; readsLeft: number };
}

export interface ReadResult<T> {
  value?: T;
  stale: boolean;
}

export class LaggingStore<T> {
  private readonly entries = new Map<string, Entry<T>>();

  write(key: string, value: T | undefined, staleReads: number): void {
    const e = this.entries.get(key) ?? {};
    if (staleReads > 0) {
      // Back-to-back writes keep the oldest visible value: readers have not caught up
      // with either write yet.
      e.shadow = e.shadow ? { value: e.shadow.value, readsLeft: staleReads } : { value: e.current, readsLeft: staleReads };
    } else {
      delete e.shadow;
    }
    e.current = value;
    this.entries.set(key, e);
  }

  read(key: string): ReadResult<T> {
    const e = this.entries.get(key);
    if (!e) return { stale: false };
    if (e.shadow && e.shadow.readsLeft > 0) {
      const value = e.shadow.value;
      e.shadow.readsLeft -= 1;
      if (e.shadow.readsLeft === 0) delete e.shadow;
      return { value, stale: true };
    }
    return { value: e.current, stale: false };
  }

  /** The authoritative value, without consuming a stale read. */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.current;
  }

  keys(): string[] {
    return [...this.entries.keys()].filter((k) => this.entries.get(k)?.current !== undefined);
  }
}
