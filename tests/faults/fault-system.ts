import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppName, AppProcess, freePort } from '@lr/testing';
import { FaultStack } from './fault-stack';

const SECRETS = {
  CITY_AND_GUILDS_SECRET: 'faults-city-and-guilds-secret',
  CMI_SECRET: 'faults-cmi-secret-0123456789',
};

/** The apps the suite runs, each on a fixed port so a restarted one is found where it was. */
export const FAULT_APPS = [
  'lrs-api',
  'projector',
  'awarding-body-simulator',
  'accreditation-gateway',
] as const satisfies readonly AppName[];
export type FaultApp = (typeof FAULT_APPS)[number];

/**
 * The whole system as processes on the suite's private stack: the LRS, the projector, the
 * awarding-body simulator (failing now and then) and the accreditation gateway writing
 * certifications back to the LRS.
 */
export class FaultSystem {
  readonly env: Record<string, string>;
  readonly operatorToken = `faults-operator-${randomBytes(8).toString('hex')}`;
  private readonly apps = new Map<FaultApp, AppProcess>();

  private constructor(
    stack: FaultStack,
    private readonly ports: Record<FaultApp, number>,
  ) {
    const run = `f${randomBytes(3).toString('hex')}`;
    this.env = {
      KAFKA_BROKERS: stack.kafkaBrokers,
      MONGO_URL: stack.mongoUrl,
      KAFKA_TOPIC_PREFIX: run,
      KAFKA_STATEMENT_PARTITIONS: '3',
      MONGO_DATABASE: run,
      LOG_LEVEL: 'warn',
      LRS_DEV_KEY: 'faults-key',
      LRS_DEV_SECRET: `faults-${randomBytes(8).toString('hex')}`,
    };
  }

  static async start(stack: FaultStack): Promise<FaultSystem> {
    const ports = {} as Record<FaultApp, number>;
    for (const app of FAULT_APPS) ports[app] = await freePort();
    const system = new FaultSystem(stack, ports);
    const started = await Promise.allSettled(FAULT_APPS.map((app) => system.startApp(app)));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      await system.stop();
      throw failure.reason;
    }
    return system;
  }

  app(name: FaultApp): AppProcess {
    return this.apps.get(name)!;
  }

  url(name: FaultApp): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  /** kill -9, then the same app again on the same port; answers how long until it was ready. */
  async crashAndRestart(name: FaultApp): Promise<number> {
    await this.app(name).kill();
    const started = Date.now();
    await this.startApp(name);
    return Date.now() - started;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apps.values()].map((app) => app.stop()));
  }

  /** Each app's output as it comes, every incarnation appended, for looking into a run. */
  get logDir(): string {
    return resolve(__dirname, '../../.local/faults', this.env.KAFKA_TOPIC_PREFIX!);
  }

  private async startApp(name: FaultApp): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    const log = resolve(this.logDir, `${name}.log`);
    this.apps.set(name, await AppProcess.start(name, this.envOf(name), {}, this.ports[name], log));
  }

  private envOf(name: FaultApp): Record<string, string> {
    const callbacks = `${this.url('accreditation-gateway')}/callbacks`;
    if (name === 'awarding-body-simulator') {
      return {
        ...SECRETS,
        LOG_LEVEL: 'warn',
        SIM_FAILURE_RATE: '0.1',
        SIM_TIMEOUT_RATE: '0.05',
        SIM_TIMEOUT_MS: '1500',
        SIM_LATE_ACK_RATE: '0.2',
        SIM_CALLBACK_URL: callbacks,
      };
    }
    if (name === 'accreditation-gateway') {
      const bodies = this.url('awarding-body-simulator');
      return {
        ...this.env,
        ...SECRETS,
        CITY_AND_GUILDS_URL: `${bodies}/city-and-guilds`,
        CMI_URL: `${bodies}/cmi`,
        GATEWAY_TIMEOUT_MS: '1000',
        GATEWAY_BASE_DELAY_MS: '100',
        GATEWAY_MAX_DELAY_MS: '2000',
        // Nothing may die while faults are injected: the bodies stop failing at the end.
        GATEWAY_MAX_ATTEMPTS: '100',
        GATEWAY_OPERATOR_TOKEN: this.operatorToken,
        GATEWAY_LRS_URL: `${this.url('lrs-api')}/xapi`,
        GATEWAY_LRS_KEY: this.env.LRS_DEV_KEY!,
        GATEWAY_LRS_SECRET: this.env.LRS_DEV_SECRET!,
      };
    }
    return this.env;
  }
}
