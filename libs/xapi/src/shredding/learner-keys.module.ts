import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongoEnv } from '@lr/config';
import { LEARNER_KEYRING_OPTIONS, LearnerKeyring, LearnerKeyringOptions } from './learner-keyring';

export function keyringOptionsFrom(env: MongoEnv): LearnerKeyringOptions {
  return {
    ...(env.LEARNER_KEYS_MASTER_KEY
      ? { masterKey: Buffer.from(env.LEARNER_KEYS_MASTER_KEY, 'base64') }
      : {}),
    cacheTtlMs: env.LEARNER_KEY_CACHE_TTL_MS,
  };
}

/** The learner keyring of an app (needs its MongoModule). */
@Global()
@Module({})
export class LearnerKeysModule {
  static forRoot(env: MongoEnv): DynamicModule {
    return {
      module: LearnerKeysModule,
      providers: [
        { provide: LEARNER_KEYRING_OPTIONS, useValue: keyringOptionsFrom(env) },
        LearnerKeyring,
      ],
      exports: [LearnerKeyring],
    };
  }
}
