interface Waiting<V> {
  readonly resolve: (value: V) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Loads the keys asked for in the same turn of the event loop with one call. Work started side by
 * side (the partitions of one Kafka fetch) then makes one database round trip, not one each.
 * loadMany answers the keys in the order given.
 */
export class TurnBatchedLoader<K, V> {
  private waiting = new Map<K, Waiting<V>[]>();

  constructor(private readonly loadMany: (keys: readonly K[]) => Promise<readonly V[]>) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => void this.flush());
      const forKey = this.waiting.get(key) ?? [];
      forKey.push({ resolve, reject });
      this.waiting.set(key, forKey);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    const keys = [...batch.keys()];
    try {
      const values = await this.loadMany(keys);
      keys.forEach((key, i) => batch.get(key)!.forEach((w) => w.resolve(values[i]!)));
    } catch (error) {
      for (const waiting of batch.values()) waiting.forEach((w) => w.reject(error));
    }
  }
}
