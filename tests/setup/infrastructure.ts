import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = resolve(__dirname, '../..');
export const STACK_SCRIPT = resolve(REPO_ROOT, 'deploy/local/stack');

export type InfraSource = 'environment' | 'docker' | 'local-stack';

export interface Infrastructure {
  readonly source: InfraSource;
  readonly kafkaBrokers: string;
  readonly mongoUrl: string;
  /** Undoes whatever choosing the infrastructure started. */
  readonly release: () => Promise<void>;
  /** Docker container id of the broker, so outage tests can stop and start it. */
  readonly kafkaContainerId?: string;
}

/**
 * Picks where integration and e2e tests find Kafka and MongoDB, in this order: KAFKA_BROKERS and
 * MONGO_URL from the environment; a reachable Docker engine (testcontainers); else the local
 * stack from deploy/local/stack, which needs no Docker.
 */
export async function chooseInfrastructure(log: (line: string) => void): Promise<Infrastructure> {
  const { KAFKA_BROKERS, MONGO_URL } = process.env;
  if (KAFKA_BROKERS && MONGO_URL) {
    return {
      source: 'environment',
      kafkaBrokers: KAFKA_BROKERS,
      mongoUrl: MONGO_URL,
      release: async () => {},
    };
  }
  if (await dockerReachable()) return startContainers(log);
  return startLocalStack(log);
}

async function dockerReachable(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function startContainers(log: (line: string) => void): Promise<Infrastructure> {
  const { GenericContainer, Wait } = await import('testcontainers');
  log('infrastructure: Docker engine found, starting Kafka and MongoDB containers');
  const kafkaPort = 19092;
  const kafka = await new GenericContainer('apache/kafka:4.1.1')
    .withExposedPorts({ container: kafkaPort, host: kafkaPort })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${kafkaPort},CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_GROUP_COORDINATOR_APPEND_LINGER_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const mongo = await new GenericContainer('mongo:7').withExposedPorts(27017).start();
  return {
    source: 'docker',
    kafkaBrokers: `127.0.0.1:${kafkaPort}`,
    mongoUrl: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}`,
    kafkaContainerId: kafka.getId(),
    release: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}

async function startLocalStack(log: (line: string) => void): Promise<Infrastructure> {
  const wasRunning = await stack('status').then(
    () => true,
    () => false,
  );
  log(
    `infrastructure: no Docker engine; ${wasRunning ? 'using the running' : 'starting the'} local stack`,
  );
  const { stdout } = await stack('up');
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^(KAFKA_BROKERS|MONGO_URL)=(.+)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  ) as Record<string, string | undefined>;
  if (!env.KAFKA_BROKERS || !env.MONGO_URL)
    throw new Error(`stack up did not report its addresses:\n${stdout}`);
  return {
    source: 'local-stack',
    kafkaBrokers: env.KAFKA_BROKERS,
    mongoUrl: env.MONGO_URL,
    // A stack someone else started (npm start, a developer) is left running.
    release: async () => {
      if (!wasRunning && process.env.KEEP_STACK !== '1') await stack('down');
    },
  };
}

export function stack(...args: string[]) {
  return run('bash', [STACK_SCRIPT, ...args], {
    cwd: REPO_ROOT,
    timeout: 300_000,
    maxBuffer: 10 * 1024 * 1024,
  });
}

/** Stops or starts the broker the tests use, to test outages; works on what setup started. */
export async function controlKafka(action: 'stop' | 'start'): Promise<void> {
  const source = process.env.LR_INFRA_SOURCE as InfraSource | undefined;
  if (source === 'local-stack') {
    await stack(`${action}-kafka`);
  } else if (source === 'docker' && process.env.LR_KAFKA_CONTAINER) {
    await run('docker', [action, process.env.LR_KAFKA_CONTAINER], { timeout: 60_000 });
  } else {
    throw new Error(
      `cannot ${action} a broker given through KAFKA_BROKERS; unset it to test outages`,
    );
  }
}
