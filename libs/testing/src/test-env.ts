import { randomBytes } from 'node:crypto';

/**
 * Environment for an app or client under test: the chosen infrastructure plus a topic prefix and
 * database of its own, so test files never see each other's data.
 */
export function isolatedEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const suffix = randomBytes(4).toString('hex');
  const kafka = process.env.KAFKA_BROKERS;
  const mongo = process.env.MONGO_URL;
  if (!kafka || !mongo)
    throw new Error('KAFKA_BROKERS and MONGO_URL must be set (jest global setup does it)');
  return {
    KAFKA_BROKERS: kafka,
    MONGO_URL: mongo,
    KAFKA_TOPIC_PREFIX: `t${suffix}`,
    KAFKA_CLIENT_ID: `test-${suffix}`,
    KAFKA_STATEMENT_PARTITIONS: '3',
    MONGO_DATABASE: `t_${suffix}`,
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}
