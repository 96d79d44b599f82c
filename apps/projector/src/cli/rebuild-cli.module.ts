import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@lr/config';
import { KafkaModule, kafkaOptionsFrom } from '@lr/messaging';
import { MongoModule } from '@lr/persistence';
import { ProjectorEnv } from '../config/projector.env';
import { LearningModule } from '../learning/learning.module';
import { LearnerKeysModule } from '@lr/xapi';

/** The learning projection without the live consumers: what a rebuild runs. */
@Module({})
export class RebuildCliModule {
  static register(env: ProjectorEnv): DynamicModule {
    return {
      module: RebuildCliModule,
      imports: [
        ConfigModule.forRoot(env),
        KafkaModule.forRoot(kafkaOptionsFrom(env)),
        MongoModule.forRoot(env),
        LearnerKeysModule.forRoot(env),
        LearningModule.register(env.CATALOGUE_PATH),
      ],
    };
  }
}
