import { Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { WorkWatchdog } from '@lr/messaging';

/** Down, naming the oldest few, while any consumer attempt has outlived the limit. */
@Injectable()
export class StuckWorkHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() private readonly watchdog?: WorkWatchdog,
  ) {}

  isHealthy(limitMs: number, key = 'work', now = Date.now()): HealthIndicatorResult {
    const indicator = this.indicators.check(key);
    const overdue = this.watchdog?.overdue(limitMs, now) ?? [];
    if (overdue.length === 0) return indicator.up();
    return indicator.down({
      message: `${overdue.length} consumer attempt(s) running longer than ${limitMs} ms`,
      oldest: overdue.slice(0, 3),
    });
  }
}
