import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort, startApp, stopApp, waitReady } from '../common/app-processes';
import { ResourceMeter } from './resource-meter';

type AppName = 'lrs-api' | 'projector' | 'reporting-api';

const PORT_KEYS: Record<AppName, string> = {
  'lrs-api': 'LRS_PORT',
  projector: 'PROJECTOR_PORT',
  'reporting-api': 'REPORTING_PORT',
};

/**
 * The apps of one benchmark environment, each its own process on a free port, on a topic prefix
 * and database of their own (so the simulation's figures are not mixed with the load stages').
 */
export class SystemUnderTest {
  readonly env: Record<string, string>;
  private readonly apps = new Map<AppName, { child: ChildProcess; port: number }>();

  constructor(
    readonly prefix: string,
    private readonly logDir: string,
    private readonly meter: ResourceMeter,
    base: { KAFKA_BROKERS: string; MONGO_URL: string; KAFKA_STATEMENT_PARTITIONS: number },
  ) {
    this.env = {
      KAFKA_BROKERS: base.KAFKA_BROKERS,
      MONGO_URL: base.MONGO_URL,
      KAFKA_STATEMENT_PARTITIONS: String(base.KAFKA_STATEMENT_PARTITIONS),
      KAFKA_TOPIC_PREFIX: prefix,
      MONGO_DATABASE: prefix,
      LOG_LEVEL: 'warn',
      LRS_DEV_KEY: prefix,
      LRS_DEV_SECRET: randomBytes(16).toString('hex'),
      // One credential drives all the load: the per-credential rate limit would measure itself.
      LRS_RATE_LIMIT_PER_SECOND: '0',
      REPORTING_JWT_SECRET: randomBytes(24).toString('hex'),
    };
  }

  /** Starts the apps and waits until each answers ready. */
  async start(names: readonly AppName[], overrides: Record<string, string> = {}): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const port = await freePort();
        const child = startApp(
          name,
          { ...this.env, ...overrides, [PORT_KEYS[name]]: String(port) },
          resolve(this.logDir, `${this.prefix}-${name}.log`),
        );
        this.apps.set(name, { child, port });
        this.meter.track(name, child.pid);
        await waitReady(port, child);
      }),
    );
  }

  async stop(name: AppName): Promise<void> {
    const app = this.apps.get(name);
    if (app) await stopApp(app.child);
    this.apps.delete(name);
    this.meter.untrack(name);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.apps.keys()].map((name) => this.stop(name)));
  }

  /** The environment's database goes with it, so the MongoDB-wire server does not grow without end. */
  async dropDatabase(): Promise<void> {
    const client = await MongoClient.connect(this.env.MONGO_URL!, { directConnection: true });
    try {
      await client.db(this.prefix).dropDatabase();
    } finally {
      await client.close();
    }
  }

  port(name: AppName): number {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not running`);
    return app.port;
  }

  get lrsUrl(): string {
    return `http://127.0.0.1:${this.port('lrs-api')}/xapi`;
  }

  get reportingUrl(): string {
    return `http://127.0.0.1:${this.port('reporting-api')}`;
  }

  get lrsAuth(): string {
    return `Basic ${Buffer.from(`${this.env.LRS_DEV_KEY}:${this.env.LRS_DEV_SECRET}`).toString('base64')}`;
  }
}
