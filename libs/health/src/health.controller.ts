import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  MongooseHealthIndicator,
} from '@nestjs/terminus';
import { KafkaHealthIndicator } from './kafka.health-indicator';
import { HEALTH_OPTIONS, HealthOptions } from './health-options';

/** Liveness says the process answers; readiness says its dependencies answer too. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KafkaHealthIndicator,
    private readonly mongo: MongooseHealthIndicator,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = [];
    if (this.options.kafka) checks.push(() => this.kafka.isHealthy());
    if (this.options.mongo) checks.push(() => this.mongo.pingCheck('mongo', { timeout: 2_000 }));
    return this.health.check(checks);
  }
}
