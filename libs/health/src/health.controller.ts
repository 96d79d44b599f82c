import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  MongooseHealthIndicator,
} from '@nestjs/terminus';
import { KafkaHealthIndicator } from './kafka.health-indicator';
import { HEALTH_OPTIONS, HealthOptions } from './health-options';
import { StuckWorkHealthIndicator } from './stuck-work.health-indicator';

const STUCK_WORK_MS = 300_000;

/**
 * Liveness says the process answers and none of its consumer work has hung; readiness says its
 * dependencies answer too.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KafkaHealthIndicator,
    private readonly mongo: MongooseHealthIndicator,
    private readonly work: StuckWorkHealthIndicator,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    const limitMs = this.options.stuckWorkMs ?? STUCK_WORK_MS;
    return this.health.check(this.options.kafka ? [() => this.work.isHealthy(limitMs)] : []);
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
