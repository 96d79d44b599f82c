import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/**
 * A Kafka broker and MongoDB-wire server of the suite's own (other ports, other state dir), so
 * restarting them never disturbs the stack other people share.
 */
export class FaultStack {
  private readonly env: Record<string, string>;

  constructor(
    readonly kafkaPort = Number(process.env.FAULTS_KAFKA_PORT ?? 19092),
    readonly mongoPort = Number(process.env.FAULTS_MONGO_PORT ?? 37017),
  ) {
    this.env = {
      KAFKA_PORT: String(kafkaPort),
      KAFKA_CONTROLLER_PORT: String(kafkaPort + 1),
      MONGO_PORT: String(mongoPort),
      LR_STACK_DIR: resolve(ROOT, '.local/fault-stack'),
    };
  }

  get kafkaBrokers(): string {
    return `127.0.0.1:${this.kafkaPort}`;
  }

  get mongoUrl(): string {
    return `mongodb://127.0.0.1:${this.mongoPort}`;
  }

  /** Starts from empty: whatever an interrupted run left behind is purged first. */
  async up(): Promise<void> {
    await this.stack('down', '--purge');
    await this.stack('up');
  }

  async down(): Promise<void> {
    await this.stack('down', '--purge');
  }

  stopKafka(): Promise<void> {
    return this.stack('stop-kafka');
  }

  startKafka(): Promise<void> {
    return this.stack('start-kafka');
  }

  stopMongo(): Promise<void> {
    return this.stack('stop-mongo');
  }

  startMongo(): Promise<void> {
    return this.stack('start-mongo');
  }

  private async stack(...args: string[]): Promise<void> {
    await run('bash', [resolve(ROOT, 'deploy/local/stack'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      timeout: 180_000,
      maxBuffer: 10 * 1024 * 1024,
    });
  }
}
