/**
 * Inserts documents that refuse duplicates: answers, per position, which were refused.
 * Positions index the array it was given.
 */
export type InsertReportingRefusals<D> = (docs: readonly D[]) => Promise<ReadonlySet<number>>;

interface Waiting<D> {
  readonly docs: readonly D[];
  readonly resolve: (refused: ReadonlySet<number>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Merges concurrent callers' inserts into one: while an insert is in flight, new callers wait
 * and then go together, so under load a round trip serves many requests and an idle server
 * sees no added delay. Each caller learns which of its own positions were refused. Two callers
 * inserting one key in the same round are ordered as they called: the first wins, as two
 * separate inserts would. A failure other than refusals fails every caller of that round.
 */
export class CoalescedInserts<D> {
  private waiting: Waiting<D>[] = [];
  private running = false;

  constructor(
    private readonly insert: InsertReportingRefusals<D>,
    /** A round holds at most this many documents (callers are never split). */
    private readonly maxDocs = 10_000,
  ) {}

  run(docs: readonly D[]): Promise<ReadonlySet<number>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ docs, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) await this.round(this.takeRound());
    } finally {
      this.running = false;
    }
  }

  private takeRound(): Waiting<D>[] {
    let count = 0;
    let taken = 0;
    while (taken < this.waiting.length) {
      count += this.waiting[taken]!.docs.length;
      if (taken > 0 && count > this.maxDocs) break;
      taken++;
    }
    return this.waiting.splice(0, taken);
  }

  private async round(callers: readonly Waiting<D>[]): Promise<void> {
    try {
      const refused = await this.insert(callers.flatMap((c) => c.docs));
      let offset = 0;
      for (const caller of callers) {
        const own = new Set<number>();
        caller.docs.forEach((_, i) => refused.has(offset + i) && own.add(i));
        offset += caller.docs.length;
        caller.resolve(own);
      }
    } catch (error) {
      callers.forEach((caller) => caller.reject(error));
    }
  }
}
