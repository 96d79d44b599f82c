import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { gauge } from '@lr/observability';
import { ClaimStatus } from './claim.document';
import { ClaimsRepository } from './claims.repository';

const REFRESH_MS = 5_000;
const STATES: readonly ClaimStatus[] = ['pending', 'sent', 'acknowledged', 'rejected', 'dead'];

const claimsByState = gauge(
  'lr_claims',
  'Accreditation claims in the store by state, refreshed every 5 s.',
  ['state'],
);

/** Keeps the claims-by-state gauge current from the store (one aggregation every few seconds). */
@Injectable()
export class ClaimStatesMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClaimStatesMonitor.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly claims: ClaimsRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
    void this.refresh();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const counts = await this.claims.countByStatus();
      for (const state of STATES) claimsByState.set({ state }, counts.get(state) ?? 0);
    } catch (error) {
      this.logger.debug(`claim counts unavailable: ${String(error)}`);
    }
  }
}
