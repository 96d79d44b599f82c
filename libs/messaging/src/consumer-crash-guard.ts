import { Logger } from '@nestjs/common';
import { Consumer, ConsumerCrashEvent, ConsumerRunConfig } from 'kafkajs';
import { backoffDelay, RetryPolicy } from './retry-policy';

const RESTART_BACKOFF: RetryPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * kafkajs restarts a crashed consumer only when the crash's root cause is retriable. Any other
 * crash (a protocol error it does not expect after a long pause, say) leaves the consumer
 * disconnected for good: the process stays up, health stays green and the projection silently
 * stops. This guard runs such a consumer again, with backoff, until it is stopped on purpose.
 * Offsets are committed only after work succeeds, so a restart re-reads from the last commit
 * and neither skips nor doubles anything.
 */
export class ConsumerCrashGuard {
  private readonly logger = new Logger(ConsumerCrashGuard.name);
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly removeListener: () => void;
  /** Restarts this guard has made; read by tests and the logs. */
  restarts = 0;

  constructor(
    private readonly consumer: Consumer,
    private readonly groupId: string,
    private readonly runConfig: ConsumerRunConfig,
    private readonly random: () => number = Math.random,
  ) {
    this.removeListener = consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) =>
      this.onCrash(event),
    );
  }

  /** Called before an intentional disconnect, so that one is never undone. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.removeListener();
  }

  private onCrash(event: ConsumerCrashEvent): void {
    if (event.payload.restart || this.stopped) return;
    this.logger.error(
      `${this.groupId}: kafkajs gave up on the consumer after ${String(event.payload.error)}; restarting it`,
    );
    this.schedule(0);
  }

  private schedule(tries: number): void {
    // A second fatal crash before the restart ran must not schedule a second restart.
    clearTimeout(this.timer);
    const delay = backoffDelay(tries, RESTART_BACKOFF, this.random);
    this.timer = setTimeout(() => void this.restart(tries), delay);
    this.timer.unref();
  }

  private async restart(tries: number): Promise<void> {
    if (this.stopped) return;
    try {
      // kafkajs disconnected it before reporting the crash; subscriptions survive that.
      await this.consumer.connect();
      await this.consumer.run(this.runConfig);
      this.restarts++;
      this.logger.warn(`${this.groupId}: consumer running again after a fatal crash`);
    } catch (error) {
      this.logger.error(`${this.groupId}: consumer restart failed: ${String(error)}`);
      await this.consumer.disconnect().catch(() => undefined);
      this.schedule(tries + 1);
    }
  }
}
