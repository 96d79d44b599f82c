import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MongoEnv } from '@lr/config';
import { installMongodbDrainFix } from './mongodb-drain-fix';

/**
 * One mongoose connection per app. Timeouts are short so that an unreachable database shows
 * up as not-ready quickly instead of requests hanging.
 */
@Module({})
export class MongoModule {
  static forRoot(env: MongoEnv): DynamicModule {
    installMongodbDrainFix();
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(env.MONGO_URL, {
          dbName: env.MONGO_DATABASE,
          serverSelectionTimeoutMS: 5_000,
          connectTimeoutMS: 5_000,
          socketTimeoutMS: 30_000,
          maxPoolSize: 50,
          retryWrites: false,
          autoIndex: false,
          autoCreate: false,
          directConnection: true,
        }),
      ],
      exports: [MongooseModule],
    };
  }
}
