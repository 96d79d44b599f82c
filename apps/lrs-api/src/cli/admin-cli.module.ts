import { Module } from '@nestjs/common';
import { ConfigModule, MongoEnv, validateEnv } from '@lr/config';
import { MongoModule } from '@lr/persistence';
import { Clock } from '../common/clock';
import { CredentialsRepository } from '../credentials/credentials.repository';
import { SecretHasher } from '../credentials/secret-hasher';
import { PeopleRepository } from '../people/people.repository';

const env = validateEnv(MongoEnv);

/** Just what the admin commands need: the database, no Kafka, no HTTP. */
@Module({
  imports: [ConfigModule.forRoot(env), MongoModule.forRoot(env)],
  providers: [Clock, CredentialsRepository, SecretHasher, PeopleRepository],
})
export class AdminCliModule {}
