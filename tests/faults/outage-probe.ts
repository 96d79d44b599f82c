import { LrsPoster } from './lrs-poster';
import { StatementLedger } from './statement-ledger';
import { sleep } from './load-generator';

export interface OutageFindings {
  readonly requests: number;
  /** Answers that were not 503 with a numeric Retry-After (500s, hangs, 200s). */
  readonly wrongAnswers: number;
  readonly slowestMs: number;
  readonly statuses: Record<string, number>;
}

/**
 * While the broker is down, clients keep posting batches of new statements at the LRS, never
 * retried: every answer must be a prompt 503 with Retry-After, and (refused) none may be stored.
 */
export class OutageProbe {
  private running = false;
  private loops: Promise<void>[] = [];
  private requests = 0;
  private wrong = 0;
  private slowest = 0;
  private readonly statuses: Record<string, number> = {};
  private sequence = 0;

  constructor(
    private readonly poster: LrsPoster,
    private readonly ledger: StatementLedger,
    private readonly makeBatch: (n: number) => Record<string, unknown>[],
    private readonly boundMs: number,
  ) {}

  start(clients: number): void {
    this.running = true;
    this.loops = Array.from({ length: clients }, () => this.loop());
  }

  async stop(): Promise<OutageFindings> {
    this.running = false;
    await Promise.all(this.loops);
    return {
      requests: this.requests,
      wrongAnswers: this.wrong,
      slowestMs: this.slowest,
      statuses: this.statuses,
    };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const batch = this.makeBatch(this.sequence++);
      const answer = await this.poster.post(batch);
      this.requests += 1;
      this.slowest = Math.max(this.slowest, answer.ms);
      const key = answer.hung ? 'hung' : String(answer.status);
      this.statuses[key] = (this.statuses[key] ?? 0) + 1;
      const right =
        answer.status === 503 && /^\d+$/.test(answer.retryAfter ?? '') && answer.ms <= this.boundMs;
      if (!right) this.wrong += 1;
      const ids = batch.map((s) => String(s.id));
      if (answer.status === 200 || answer.status === 204) this.ledger.record(ids, 'accepted');
      else if (answer.status === 0) this.ledger.record(ids, 'unanswered');
      else this.ledger.record(ids, 'refused');
      await sleep(100);
    }
  }
}
