import { AppProcess, isolatedEnv } from '@lr/testing';
import { REPORTING_SECRET } from './reporting-client';
import { dropDatabase } from './system';

export interface ScaledSystem {
  readonly lrs: readonly AppProcess[];
  readonly projectors: readonly AppProcess[];
  readonly reporting: AppProcess;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export interface Scale {
  readonly lrs: number;
  readonly projectors: number;
  readonly partitions: number;
}

/**
 * Several LRS and projector instances sharing one topic prefix and database, as replicas behind a
 * load balancer would: each with the instance id a StatefulSet or Deployment would give it.
 */
export async function startScaledSystem(scale: Scale): Promise<ScaledSystem> {
  const env = isolatedEnv({
    LRS_DEV_KEY: 'e2e-key',
    LRS_DEV_SECRET: 'e2e-secret-123',
    REPORTING_JWT_SECRET: REPORTING_SECRET,
    KAFKA_STATEMENT_PARTITIONS: String(scale.partitions),
    PROJECTOR_CONCURRENCY: '2',
    LRS_PAGE_SIZE: '500',
  });
  const instances = (count: number) => Array.from({ length: count }, (_, i) => i);
  const projectors = Promise.all(
    instances(scale.projectors).map((i) =>
      AppProcess.start('projector', env, { PROJECTOR_INSTANCE_ID: `projector-${i}` }),
    ),
  );
  // The first LRS creates the development credential; the others then find it there.
  const first = await AppProcess.start('lrs-api', env, { LRS_INSTANCE_ID: 'lrs-api-0' });
  const others = Promise.all(
    instances(scale.lrs)
      .slice(1)
      .map((i) => AppProcess.start('lrs-api', env, { LRS_INSTANCE_ID: `lrs-api-${i}` })),
  );
  const [started, rest, reporting] = await Promise.all([
    projectors,
    others,
    AppProcess.start('reporting-api', env),
  ]);
  const lrs = [first, ...rest];
  return {
    lrs,
    projectors: started,
    reporting,
    env,
    stop: async () => {
      await Promise.all([...lrs, ...started, reporting].map((app) => app.stop()));
      await dropDatabase(env);
    },
  };
}
