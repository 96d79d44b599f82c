interface Waiting<V> {
  readonly resolve: (value: V | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Merges lookups (or other per-key work, such as claims) from concurrent callers: keys asked for
 * while a load runs go into the next load, one load at a time. Under load, batches grow with
 * concurrency and each caller pays a share of one round trip instead of its own; when idle, a
 * lookup starts at once.
 */
export class CoalescingLoader<K, V> {
  private readonly waiting = new Map<K, Waiting<V>[]>();
  private running = false;

  constructor(
    private readonly loadAll: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
    private readonly maxBatch = 1_000,
  ) {}

  /** Each key's value, or no entry for keys the load did not find. */
  async load(keys: Iterable<K>): Promise<Map<K, V>> {
    const unique = [...new Set(keys)];
    const values = await Promise.all(unique.map((key) => this.get(key)));
    const found = new Map<K, V>();
    unique.forEach((key, index) => {
      const value = values[index];
      if (value !== undefined) found.set(key, value);
    });
    return found;
  }

  private get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const callers = this.waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.size > 0) {
        const batch: [K, Waiting<V>[]][] = [];
        for (const entry of this.waiting) {
          batch.push(entry);
          if (batch.length >= this.maxBatch) break;
        }
        for (const [key] of batch) this.waiting.delete(key);
        await this.settle(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async settle(batch: readonly [K, Waiting<V>[]][]): Promise<void> {
    try {
      const values = await this.loadAll(batch.map(([key]) => key));
      for (const [key, callers] of batch) callers.forEach((c) => c.resolve(values.get(key)));
    } catch (error) {
      for (const [, callers] of batch) callers.forEach((c) => c.reject(error));
    }
  }
}
