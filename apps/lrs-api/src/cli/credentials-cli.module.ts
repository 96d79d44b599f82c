import { Module } from '@nestjs/common';
import { ConfigModule, MongoEnv, validateEnv } from '@lr/config';
import { MongoModule } from '@lr/persistence';
import { Clock } from '../common/clock';
import { CredentialsRepository } from '../credentials/credentials.repository';
import { SecretHasher } from '../credentials/secret-hasher';

const env = validateEnv(MongoEnv);

/** Just what managing credentials needs: no Kafka, no HTTP. */
@Module({
  imports: [ConfigModule.forRoot(env), MongoModule.forRoot(env)],
  providers: [Clock, CredentialsRepository, SecretHasher],
})
export class CredentialsCliModule {}
