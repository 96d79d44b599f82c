/** How a statement's last POST ended, from the client's side. */
export type FinalAnswer = 'accepted' | 'refused' | 'unanswered';

/**
 * Per statement id, the final answer the LRS gave the client. A batch is all or nothing, so a
 * batch's answer is each of its statements' answer; a later success of a retry overrides errors.
 */
export class StatementLedger {
  private readonly answers = new Map<string, FinalAnswer>();
  /** Every answer each statement's batch got, as "seconds since start: status", for diagnosis. */
  private readonly history = new Map<string, string[]>();
  private readonly started = Date.now();
  /** Answers other than 2xx, 429 or 503 (valid statements, so any 4xx or 500 is a fault). */
  readonly unexpected = new Map<number, number>();
  /** Requests the LRS held until the client's time limit without answering. */
  hangs = 0;

  record(ids: readonly string[], answer: FinalAnswer): void {
    for (const id of ids) this.answers.set(id, answer);
  }

  attempt(ids: readonly string[], status: number, ms: number): void {
    const entry = `${((Date.now() - this.started) / 1000).toFixed(1)}s: ${status} in ${ms} ms`;
    for (const id of ids) this.history.set(id, [...(this.history.get(id) ?? []), entry]);
  }

  historyOf(id: string): readonly string[] {
    return this.history.get(id) ?? [];
  }

  countUnexpected(status: number): void {
    this.unexpected.set(status, (this.unexpected.get(status) ?? 0) + 1);
  }

  get unexpectedCount(): number {
    return [...this.unexpected.values()].reduce((sum, n) => sum + n, 0);
  }

  idsWith(answer: FinalAnswer): string[] {
    return [...this.answers].filter(([, a]) => a === answer).map(([id]) => id);
  }

  count(answer: FinalAnswer): number {
    let n = 0;
    for (const a of this.answers.values()) if (a === answer) n += 1;
    return n;
  }
}
