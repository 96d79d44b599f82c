import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { agentKey, parseAgentParam } from '@lr/xapi';
import { PeopleRepository } from '../people/people.repository';
import { AdminCliModule } from './admin-cli.module';

const USAGE = `usage: people link --store STORE AGENT_JSON AGENT_JSON [AGENT_JSON...]
  e.g. people link --store hmrc '{"mbox":"mailto:ann@example.gov.uk"}' '{"account":{"homePage":"https://hr.example.gov.uk","name":"E123"}}'`;

/** `npm run people -- link`: records that several identifiers are one learner in a store. */
async function main(): Promise<void> {
  const [verb, flag, storeId, ...raw] = process.argv.slice(2);
  if (verb !== 'link' || flag !== '--store' || !storeId || raw.length < 2) throw new Error(USAGE);
  const agents = raw.map((json) => {
    const parsed = parseAgentParam(json, '2.0.0');
    if (!parsed.ok) throw new Error(`${json}: ${parsed.failure.message}`);
    const key = agentKey(parsed.agent);
    if (!key || parsed.agent.objectType === 'Group')
      throw new Error(`${json}: not an identified Agent`);
    return { key, agent: parsed.agent };
  });
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error'] });
  try {
    const personId = await app.get(PeopleRepository).link(storeId, agents);
    console.log(JSON.stringify({ storeId, personId, linked: agents.length }));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
