import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { KafkaClient, ProducedRecord, Topics } from '@lr/messaging';
import { STATEMENT_STORE_GROUP } from '@lr/xapi';
import { Clock } from '../common/clock';
import { LrsApiEnv } from '../config/lrs-api.env';
import { readYourWritesWait } from './statement-metrics';
import { StoreStall } from './store-stall';

/** How a read-your-writes wait ended: `stalled` did not wait, the store had stopped moving. */
export type WaitOutcome = 'visible' | 'timeout' | 'stalled';

interface Waiter {
  readonly records: readonly ProducedRecord[];
  readonly resolve: (visible: boolean) => void;
}

interface HighWatermarkSample {
  readonly at: number;
  readonly high: ReadonlyMap<number, bigint>;
}

const POLL_MS = 5;
const MAX_SAMPLES = 200;
const STALE_AFTER_MS = 1_000;
const BACKGROUND_REFRESH_MS = 200;

/**
 * Knows how far the statement store has caught up with the statement topic, from the
 * projector group's committed offsets (committed only after the store write). Used to answer a
 * write only once it is readable, and to state X-Experience-API-Consistent-Through truthfully.
 * One polling loop serves every waiting request; it runs only while someone waits.
 */
@Injectable()
export class ConsistencyTracker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConsistencyTracker.name);
  private readonly waiters = new Set<Waiter>();
  private readonly committed = new Map<number, bigint>();
  private readonly stall = new StoreStall();
  private samples: HighWatermarkSample[] = [];
  private consistentThroughMs = 0;
  private lastRefreshAt = 0;
  private polling = false;
  private admin: Admin | undefined;
  private background: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: KafkaClient,
    private readonly topics: Topics,
    private readonly clock: Clock,
    private readonly env: LrsApiEnv,
  ) {}

  /** The last known value, without asking Kafka: for error responses. */
  cached(): Date {
    return new Date(this.consistentThroughMs);
  }

  /**
   * Resolves `visible` once every record is in the statement store, `timeout` after the timeout,
   * and `stalled` at once while the store has stopped moving (see StoreStall).
   */
  async waitFor(records: readonly ProducedRecord[], timeoutMs: number): Promise<WaitOutcome> {
    const started = performance.now();
    const outcome = await this.waitUntilVisible(records, timeoutMs);
    readYourWritesWait.observe({ outcome }, (performance.now() - started) / 1000);
    return outcome;
  }

  private waitUntilVisible(
    records: readonly ProducedRecord[],
    timeoutMs: number,
  ): Promise<WaitOutcome> {
    if (records.length === 0 || this.visible(records)) return Promise.resolve('visible');
    if (this.stall.stalled(this.committed)) return Promise.resolve('stalled');
    const before = new Map(this.committed);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        if (this.stall.waitRanOut(before, this.committed)) {
          this.logger.warn(
            `the statement store has not moved for ${timeoutMs} ms: writes answer without waiting until it does`,
          );
        }
        resolve('timeout');
      }, timeoutMs);
      const waiter: Waiter = {
        records,
        resolve: (visible) => {
          clearTimeout(timer);
          resolve(visible ? 'visible' : 'timeout');
        },
      };
      this.waiters.add(waiter);
      this.startPolling();
    });
  }

  /**
   * Every statement stored before this instant is visible to queries. A statement's `stored` is
   * set just before it is produced, and a write that does not reach the log within
   * LRS_STORED_LAG_MS of it is aborted: anything appended after a passed high-watermark sample
   * was stored no earlier than that margin before it.
   */
  async consistentThrough(): Promise<Date> {
    if (this.clock.now().getTime() - this.lastRefreshAt > STALE_AFTER_MS) {
      await this.refresh().catch((error: unknown) =>
        this.logger.warn(`offsets unavailable: ${String(error)}`),
      );
    }
    return new Date(this.consistentThroughMs);
  }

  /**
   * Keeps the value fresh in the background, so that every response, errors included, can state
   * a recent Consistent-Through without waiting on Kafka.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.consistentThrough();
    this.background = setInterval(() => {
      if (!this.polling) void this.refresh().catch(() => undefined);
    }, BACKGROUND_REFRESH_MS);
    this.background.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.background);
    this.waiters.forEach((w) => w.resolve(false));
    this.waiters.clear();
    await this.admin?.disconnect().catch(() => undefined);
  }

  private visible(records: readonly ProducedRecord[]): boolean {
    return records.every((r) => (this.committed.get(r.partition) ?? -1n) > BigInt(r.offset));
  }

  private startPolling(): void {
    if (this.polling) return;
    this.polling = true;
    void this.poll();
  }

  private async poll(): Promise<void> {
    try {
      while (this.waiters.size > 0) {
        await this.refreshCommitted().catch((error: unknown) =>
          this.logger.warn(`offsets unavailable: ${String(error)}`),
        );
        for (const waiter of this.waiters) {
          if (this.visible(waiter.records)) {
            this.waiters.delete(waiter);
            waiter.resolve(true);
          }
        }
        if (this.waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      this.polling = false;
    }
  }

  private async refresh(): Promise<void> {
    const at = this.clock.now().getTime();
    await this.withAdmin(async (admin) => {
      const [highs, committed] = await Promise.all([
        admin.fetchTopicOffsets(this.topics.statements),
        this.fetchCommitted(admin),
      ]);
      const low = new Map(highs.map((h) => [h.partition, BigInt(h.low)]));
      for (const [partition, offset] of committed) {
        // -1: the group never committed here, so it starts at the log's beginning.
        this.committed.set(partition, offset >= 0n ? offset : (low.get(partition) ?? 0n));
      }
      this.record({ at, high: new Map(highs.map((h) => [h.partition, BigInt(h.high)])) });
      this.lastRefreshAt = at;
    });
  }

  /** Only the group's committed offsets: all that waiting writers need, one request per poll. */
  private async refreshCommitted(): Promise<void> {
    await this.withAdmin(async (admin) => {
      for (const [partition, offset] of await this.fetchCommitted(admin)) {
        if (offset > (this.committed.get(partition) ?? -1n)) this.committed.set(partition, offset);
      }
    });
  }

  private async fetchCommitted(admin: Admin): Promise<Map<number, bigint>> {
    const groups = await admin.fetchOffsets({
      groupId: this.topics.group(STATEMENT_STORE_GROUP),
      topics: [this.topics.statements],
    });
    return new Map((groups[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  }

  /** Runs with the shared admin connection; a failure drops it so the next call reconnects. */
  private async withAdmin(work: (admin: Admin) => Promise<void>): Promise<void> {
    const admin = await this.connectedAdmin();
    try {
      await work(admin);
    } catch (error) {
      await this.resetAdmin();
      throw error;
    }
  }

  /** A sample is passed once the group has committed up to every partition's high watermark. */
  private record(sample: HighWatermarkSample): void {
    this.samples.push(sample);
    const margin = this.env.LRS_STORED_LAG_MS;
    while (this.samples.length > 0) {
      const oldest = this.samples[0]!;
      const passed = [...oldest.high].every(([p, high]) => (this.committed.get(p) ?? 0n) >= high);
      if (!passed) break;
      this.consistentThroughMs = Math.max(this.consistentThroughMs, oldest.at - margin);
      this.samples.shift();
    }
    if (this.samples.length > MAX_SAMPLES) this.samples = this.samples.slice(-MAX_SAMPLES);
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.client.admin(true);
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private async resetAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
