import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '@lr/config';
import { HealthModule } from '@lr/health';
import { KafkaModule, kafkaOptionsFrom } from '@lr/messaging';
import { MongoModule } from '@lr/persistence';
import { AboutController } from './about/about.controller';
import { GlobalExceptionFilter } from './common/global-exception.filter';
import { LrsApiEnv } from './config/lrs-api.env';
import { StatementsModule } from './statements/statements.module';
import { DocumentsModule } from './documents/documents.module';
import { ErasureModule } from './erasure/erasure.module';
import { LearnerKeysModule } from '@lr/xapi';

export class LrsApiModule {
  static register(env: LrsApiEnv) {
    @Module({
      imports: [
        ConfigModule.forRoot(env),
        KafkaModule.forRoot({
          ...kafkaOptionsFrom(env),
          transactionalId: `${env.KAFKA_TOPIC_PREFIX}.lrs-api.${env.LRS_INSTANCE_ID ?? `${hostname()}-${env.LRS_PORT}`}`,
          transactionTimeoutMs: 10_000,
          lingerMs: env.LRS_PRODUCE_LINGER_MS,
        }),
        MongoModule.forRoot(env),
        LearnerKeysModule.forRoot(env),
        HealthModule.forApp({ kafka: true, mongo: true }),
        StatementsModule,
        DocumentsModule,
        ErasureModule,
      ],
      controllers: [AboutController],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    })
    class AppModule {}
    return AppModule;
  }
}
