import { MongoClient } from 'mongodb';
import { AppProcess, isolatedEnv } from '@lr/testing';
import { LrsClient } from './lrs-client';
import { REPORTING_SECRET } from './reporting-client';

export interface RunningSystem {
  readonly lrs: AppProcess;
  readonly projector: AppProcess;
  readonly client: LrsClient;
  /** Started when asked for: the reporting API over the learning read models. */
  readonly reporting?: AppProcess;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the projector and the LRS as processes, on a topic prefix and database of their own;
 * `env` adds or overrides settings for all of them.
 */
export async function startSystem(
  options: { reporting?: boolean; env?: Record<string, string> } = {},
): Promise<RunningSystem> {
  const env = isolatedEnv({
    LRS_DEV_KEY: 'e2e-key',
    LRS_DEV_SECRET: 'e2e-secret-123',
    REPORTING_JWT_SECRET: REPORTING_SECRET,
    ...options.env,
  });
  const [lrs, projector, reporting] = await Promise.all([
    AppProcess.start('lrs-api', env),
    AppProcess.start('projector', env),
    options.reporting ? AppProcess.start('reporting-api', env) : undefined,
  ]);
  return {
    lrs,
    projector,
    ...(reporting ? { reporting } : {}),
    env,
    client: new LrsClient(lrs.baseUrl, env.LRS_DEV_KEY!, env.LRS_DEV_SECRET!),
    stop: async () => {
      await Promise.all([lrs.stop(), projector.stop(), reporting?.stop()]);
      await dropDatabase(env);
    },
  };
}

/** Each run's database goes with it, so the local MongoDB-wire server does not grow without end. */
export async function dropDatabase(env: Record<string, string>): Promise<void> {
  const client = await MongoClient.connect(env.MONGO_URL!, { directConnection: true });
  try {
    await client.db(env.MONGO_DATABASE).dropDatabase();
  } finally {
    await client.close();
  }
}
