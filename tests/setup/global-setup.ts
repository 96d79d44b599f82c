import { chooseInfrastructure, Infrastructure } from './infrastructure';

declare global {
  var __LR_INFRA__: Infrastructure | undefined;
}

/** Runs once per jest process (the int and e2e projects share it): the first call chooses. */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__LR_INFRA__) return;
  const started = Date.now();
  const infra = await chooseInfrastructure((line) => process.stdout.write(`\n${line}\n`));
  globalThis.__LR_INFRA__ = infra;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGO_URL = infra.mongoUrl;
  process.env.LR_INFRA_SOURCE = infra.source;
  if (infra.kafkaContainerId) process.env.LR_KAFKA_CONTAINER = infra.kafkaContainerId;
  process.stdout.write(
    `infrastructure (${infra.source}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `KAFKA_BROKERS=${infra.kafkaBrokers} MONGO_URL=${infra.mongoUrl}\n`,
  );
}
