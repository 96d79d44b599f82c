import { Module } from '@nestjs/common';
import { ConfigModule } from '@lr/config';
import { HealthModule } from '@lr/health';
import { KafkaModule, kafkaOptionsFrom } from '@lr/messaging';
import { MongoModule } from '@lr/persistence';
import { ProjectorEnv } from './config/projector.env';
import { LearningModule } from './learning/learning.module';
import { StatementStoreProjection } from './statement-store/statement-store.projection';
import { StatementStoreRepository } from './statement-store/statement-store.repository';
import { LearnerKeysModule } from '@lr/xapi';

export class ProjectorModule {
  static register(env: ProjectorEnv) {
    @Module({
      imports: [
        ConfigModule.forRoot(env),
        KafkaModule.forRoot(kafkaOptionsFrom(env)),
        MongoModule.forRoot(env),
        LearnerKeysModule.forRoot(env),
        HealthModule.forApp({ kafka: true, mongo: true }),
        LearningModule.register(env.CATALOGUE_PATH),
      ],
      providers: [StatementStoreRepository, StatementStoreProjection],
    })
    class AppModule {}
    return AppModule;
  }
}
