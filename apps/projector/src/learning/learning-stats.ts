export const PHASES = [
  'read',
  'voids',
  'load',
  'decide',
  'journal',
  'learners',
  'counters',
  'commit',
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Where the learning projection spends its time, per phase, since the last report: what the
 * benchmark prints to show where the time goes.
 */
export class LearningStats {
  private batches = 0;
  private records = 0;
  private readonly millis = new Map<Phase, number>();
  private since = Date.now();

  async time<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.millis.set(phase, (this.millis.get(phase) ?? 0) + performance.now() - started);
    }
  }

  timeSync<T>(phase: Phase, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.millis.set(phase, (this.millis.get(phase) ?? 0) + performance.now() - started);
    }
  }

  countBatch(records: number): void {
    this.batches += 1;
    this.records += records;
  }

  /** The figures since the last call, then starts counting afresh; undefined when idle. */
  take(): Record<string, number> | undefined {
    if (this.batches === 0) return undefined;
    const seconds = (Date.now() - this.since) / 1000;
    const report: Record<string, number> = {
      batches: this.batches,
      records: this.records,
      recordsPerSecond: Math.round(this.records / seconds),
      ...Object.fromEntries(
        PHASES.map((phase) => [`${phase}Ms`, Math.round(this.millis.get(phase) ?? 0)]),
      ),
    };
    this.batches = 0;
    this.records = 0;
    this.millis.clear();
    this.since = Date.now();
    return report;
  }
}
