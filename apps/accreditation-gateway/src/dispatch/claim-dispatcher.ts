import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AwardingBody } from '@lr/catalogue';
import { ClaimDocument } from '../claims/claim.document';
import { ClaimsRepository } from '../claims/claims.repository';
import { decideAfterAttempt, RetryPolicy } from '../claims/retry-decision';
import { Clock } from '../common/clock';
import { GatewayEnv } from '../config/gateway.env';
import { AWARDING_BODY_ADAPTERS, AwardingBodyAdapter } from './awarding-body.adapter';
import { recordAttempt } from './dispatch-metrics';
import { WebhookClient } from './webhook.client';

const TICK_MS = 200;
const WAIT_FOR_REGISTRATION_MS = 1_000;

/**
 * Sends due claims to their awarding bodies, a bounded number at once, and records each
 * attempt's outcome on the claim. A certificate claim waits until its registration is
 * acknowledged. Claims are leased per attempt, so several gateway instances can share the work.
 */
@Injectable()
export class ClaimDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClaimDispatcher.name);
  private readonly adapters: Map<AwardingBody, AwardingBodyAdapter>;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  readonly policy: RetryPolicy;

  constructor(
    private readonly claims: ClaimsRepository,
    private readonly client: WebhookClient,
    private readonly clock: Clock,
    private readonly env: GatewayEnv,
    @Inject(AWARDING_BODY_ADAPTERS) adapters: AwardingBodyAdapter[],
  ) {
    this.adapters = new Map(adapters.map((adapter) => [adapter.body, adapter]));
    this.policy = {
      maxAttempts: env.GATEWAY_MAX_ATTEMPTS,
      baseDelayMs: env.GATEWAY_BASE_DELAY_MS,
      maxDelayMs: env.GATEWAY_MAX_DELAY_MS,
    };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const due = await this.claims.due(this.clock.now(), this.env.GATEWAY_CONCURRENCY * 4);
      const queue = [...due];
      await Promise.all(
        Array.from({ length: this.env.GATEWAY_CONCURRENCY }, async () => {
          for (let claim = queue.shift(); claim && !this.stopped; claim = queue.shift()) {
            await this.attempt(claim);
          }
        }),
      );
    } catch (error) {
      this.logger.warn(`dispatch round failed, retrying: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }

  private async attempt(claim: ClaimDocument): Promise<void> {
    const now = this.clock.now();
    if (claim.after && !(await this.registrationAcknowledged(claim.after))) {
      await this.claims.postpone(claim._id, new Date(now.getTime() + WAIT_FOR_REGISTRATION_MS));
      return;
    }
    const leaseMs = this.env.GATEWAY_TIMEOUT_MS * 2;
    if (!(await this.claims.lease(claim._id, now, leaseMs))) return;
    const adapter = this.adapters.get(claim.body);
    if (!adapter) throw new Error(`no adapter for ${claim.body}`);
    const { path, body } = adapter.toRequest(claim);
    const started = performance.now();
    const result = await this.client.deliver(
      `${this.baseUrl(claim.body)}${path}`,
      body,
      claim._id,
      this.secret(claim.body),
      this.env.GATEWAY_TIMEOUT_MS,
      now,
    );
    const made = claim.attempts.length - (claim.attemptsBase ?? 0) + 1;
    const settledAt = this.clock.now();
    const decision = decideAfterAttempt(result, made, this.policy, settledAt, Math.random);
    const ms = Math.round(performance.now() - started);
    recordAttempt(claim.body, decision, ms);
    await this.claims.settleAttempt(
      claim._id,
      {
        at: settledAt.toISOString(),
        outcome: decision.outcome,
        httpStatus: result.httpStatus,
        detail: 'reason' in result ? result.reason : '',
        ms,
      },
      decision,
      result.kind === 'acknowledged' ? result.certificateNumber : undefined,
      settledAt,
    );
    if (decision.status === 'dead')
      this.logger.warn(`claim ${claim._id} dead-lettered: ${decision.reason}`);
  }

  private async registrationAcknowledged(id: string): Promise<boolean> {
    return (await this.claims.get(id))?.status === 'acknowledged';
  }

  private baseUrl(body: AwardingBody): string {
    return body === 'cmi' ? this.env.CMI_URL : this.env.CITY_AND_GUILDS_URL;
  }

  secret(body: AwardingBody): string {
    return body === 'cmi' ? this.env.CMI_SECRET : this.env.CITY_AND_GUILDS_SECRET;
  }
}
