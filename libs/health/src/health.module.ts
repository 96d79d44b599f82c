import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HEALTH_OPTIONS, HealthOptions } from './health-options';
import { KafkaHealthIndicator } from './kafka.health-indicator';
import { StuckWorkHealthIndicator } from './stuck-work.health-indicator';

@Module({})
export class HealthModule {
  static forApp(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'pretty' })],
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_OPTIONS, useValue: options },
        KafkaHealthIndicator,
        StuckWorkHealthIndicator,
      ],
    };
  }
}
