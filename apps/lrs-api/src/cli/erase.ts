import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ConfigModule, validateEnv } from '@lr/config';
import { KafkaModule, kafkaOptionsFrom } from '@lr/messaging';
import { MongoModule } from '@lr/persistence';
import { LearnerKeysModule } from '@lr/xapi';
import { LrsApiEnv } from '../config/lrs-api.env';
import { EraseLearnerCommand } from '../erasure/erase-learner.command';
import { ErasureModule } from '../erasure/erasure.module';

const USAGE = `usage: erase --store STORE --agent AGENT_JSON
  e.g. erase --store hmrc --agent '{"mbox":"mailto:ann@example.gov.uk"}'
  Erases the learner and every identifier linked to them (docs/erasure.md); prints the report.`;

/** `npm run erase`: what POST /admin/erasures does, for an operator at the console. */
async function main(): Promise<void> {
  const [storeFlag, storeId, agentFlag, agentJson, ...rest] = process.argv.slice(2);
  if (storeFlag !== '--store' || !storeId || agentFlag !== '--agent' || !agentJson || rest.length)
    throw new Error(USAGE);
  let agent: unknown;
  try {
    agent = JSON.parse(agentJson);
  } catch {
    throw new Error(`--agent is not JSON\n${USAGE}`);
  }
  const env = validateEnv(LrsApiEnv);
  @Module({
    imports: [
      ConfigModule.forRoot(env),
      KafkaModule.forRoot(kafkaOptionsFrom(env)),
      MongoModule.forRoot(env),
      LearnerKeysModule.forRoot(env),
      ErasureModule,
    ],
  })
  class EraseCliModule {}
  // The handler logs each step (no personal data): that is the progress shown.
  const app = await NestFactory.createApplicationContext(EraseCliModule, {
    logger: ['error', 'warn', 'log'],
  });
  try {
    const credential = {
      key: 'cli',
      name: 'erase CLI',
      storeId,
      scopes: ['all'] as const,
      revoked: false,
    };
    const report: unknown = await app
      .get(CommandBus)
      .execute(new EraseLearnerCommand(credential, agent));
    console.log(JSON.stringify(report));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
