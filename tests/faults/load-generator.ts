import { LrsPoster, PostAnswer } from './lrs-poster';
import { StatementLedger } from './statement-ledger';

export interface LoadOptions {
  readonly batchSize: number;
  readonly concurrency: number;
  /** Statements per second the clients aim at, together. */
  readonly rate: number;
  /** Every n-th batch is given up at its first refusal: what was refused must then be absent. */
  readonly abandonEvery: number;
  /** After stop(), how long batches under way keep retrying before they count as unanswered. */
  readonly drainMs: number;
}

const RETRYABLE = new Set([503, 429]);

/**
 * Programme traffic posted in batches by a few concurrent clients at a steady rate. Each batch
 * is retried until the LRS accepts it, with the same ids (the LRS is idempotent for the same
 * content), except that every n-th batch is given up at its first definite refusal. A batch
 * that ever got no answer may have been written, so it is never given up.
 */
export class LoadGenerator {
  private next = 0;
  private sent = 0;
  private stopping = false;
  private drainUntil = Infinity;
  private started = 0;
  private workers: Promise<void>[] = [];
  readonly answers = new Map<number, number>();
  retries = 0;

  constructor(
    private readonly statements: readonly Record<string, unknown>[],
    private readonly poster: LrsPoster,
    private readonly ledger: StatementLedger,
    private readonly options: LoadOptions,
  ) {}

  start(): void {
    this.started = Date.now();
    this.workers = Array.from({ length: this.options.concurrency }, () => this.work());
  }

  /** Takes no new batch, lets those under way finish (bounded by drainMs). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.drainUntil = Date.now() + this.options.drainMs;
    await Promise.all(this.workers);
  }

  get posted(): number {
    return this.sent;
  }

  /** Every statement has been handed to a client. */
  get exhausted(): boolean {
    return this.next >= this.statements.length;
  }

  get total(): number {
    return this.statements.length;
  }

  private async work(): Promise<void> {
    while (!this.stopping && this.next < this.statements.length) {
      const index = this.next / this.options.batchSize;
      const batch = this.statements.slice(this.next, this.next + this.options.batchSize);
      this.next += batch.length;
      const due = this.started + (this.next / this.options.rate) * 1000;
      await sleep(due - Date.now());
      await this.deliver(index, batch);
      this.sent += batch.length;
    }
  }

  private async deliver(index: number, batch: readonly Record<string, unknown>[]): Promise<void> {
    const ids = batch.map((s) => String(s.id));
    const abandonable = index % this.options.abandonEvery === 0;
    let ambiguous = false;
    for (;;) {
      const answer = await this.poster.post(batch);
      this.tally(answer);
      this.ledger.attempt(ids, answer.status, answer.ms);
      if (answer.status === 200 || answer.status === 204) {
        return this.ledger.record(ids, 'accepted');
      }
      ambiguous ||= answer.status === 0;
      if (answer.status !== 0 && !RETRYABLE.has(answer.status)) {
        this.ledger.countUnexpected(answer.status);
      }
      if (answer.status !== 0 && abandonable && !ambiguous) {
        return this.ledger.record(ids, 'refused');
      }
      if (Date.now() > this.drainUntil) {
        return this.ledger.record(ids, ambiguous ? 'unanswered' : 'refused');
      }
      this.retries += 1;
      await sleep(Math.min(5, Number(answer.retryAfter) || 1) * 1000);
    }
  }

  private tally(answer: PostAnswer): void {
    if (answer.hung) this.ledger.hangs += 1;
    this.answers.set(answer.status, (this.answers.get(answer.status) ?? 0) + 1);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
