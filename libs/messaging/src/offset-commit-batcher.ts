export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Merges a consumer's explicit offset commits: the first goes at once, and every commit asked for
 * while one is in flight goes in the next request, one offset per partition. Each caller returns
 * once a request holding its offset has succeeded, or fails with that request. A consumer working
 * on six partitions at once otherwise sends six commit requests per fetch; the broker writes each
 * one to its offsets log.
 */
export class OffsetCommitBatcher {
  private readonly pending = new Map<string, PartitionOffset>();
  private waiters: Waiter[] = [];
  private flushing = false;

  constructor(private readonly send: (offsets: PartitionOffset[]) => Promise<void>) {}

  commit(offset: PartitionOffset): Promise<void> {
    const slot = `${offset.topic}:${offset.partition}`;
    const queued = this.pending.get(slot);
    if (!queued || BigInt(queued.offset) < BigInt(offset.offset)) this.pending.set(slot, offset);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.size > 0) {
        const offsets = [...this.pending.values()];
        const served = this.waiters;
        this.pending.clear();
        this.waiters = [];
        try {
          await this.send(offsets);
          served.forEach((waiter) => waiter.resolve());
        } catch (error) {
          served.forEach((waiter) => waiter.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
