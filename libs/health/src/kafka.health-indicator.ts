import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { KafkaProbe } from '@lr/messaging';

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly probe: KafkaProbe,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'kafka'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const cluster = await this.probe.check();
      return indicator.up({ brokers: cluster.brokers });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
