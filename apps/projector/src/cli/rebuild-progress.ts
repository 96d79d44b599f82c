/** A one-line progress bar on stderr: records read of those present when the rebuild began. */
export class RebuildProgress {
  private readonly positions = new Map<number, number>();
  private readonly committed = new Map<number, number>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly targets: ReadonlyMap<number, { low: number; high: number }>,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  record(partition: number, position: number, committed?: number): void {
    this.positions.set(partition, Math.max(position, this.positions.get(partition) ?? 0));
    if (committed !== undefined) {
      this.committed.set(partition, Math.max(committed, this.committed.get(partition) ?? 0));
    }
  }

  get done(): boolean {
    return [...this.targets].every(
      ([partition, { low, high }]) => high <= low || (this.positions.get(partition) ?? 0) >= high,
    );
  }

  /** The offsets the rebuild committed: where the switch waits for the live version to be. */
  get reached(): ReadonlyMap<number, number> {
    return this.committed;
  }

  render(label: string): void {
    let read = 0;
    let total = 0;
    for (const [partition, { low, high }] of this.targets) {
      total += high - low;
      read += Math.min(high, Math.max(low, this.positions.get(partition) ?? low)) - low;
    }
    const share = total === 0 ? 1 : read / total;
    const width = 30;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(read / seconds) : 0;
    this.out.write(
      `\r${label} [${bar}] ${(share * 100).toFixed(1)}% ${read}/${total} records, ${rate}/s, ${seconds.toFixed(0)}s `,
    );
  }
}
