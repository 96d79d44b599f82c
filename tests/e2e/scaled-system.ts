import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { AppProcess, isolatedEnv } from '@lr/testing';
import { REPORTING_SECRET } from './reporting-client';
import { dropDatabase } from './system';

export interface ScaledSystem {
  readonly lrs: readonly AppProcess[];
  readonly projectors: readonly AppProcess[];
  readonly reporting: AppProcess;
  readonly env: Record<string, string>;
  /** How many partitions each member of a consumer group (named without prefix) holds, sorted. */
  partitionsPerMember(group: string): Promise<number[]>;
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
  // The first LRS creates the development credential; the others then find it there.
  const first = await AppProcess.start('lrs-api', env, { LRS_INSTANCE_ID: 'lrs-api-0' });
  const settled = await Promise.allSettled([
    AppProcess.start('reporting-api', env),
    ...instances(scale.lrs)
      .slice(1)
      .map((i) => AppProcess.start('lrs-api', env, { LRS_INSTANCE_ID: `lrs-api-${i}` })),
    ...instances(scale.projectors).map((i) =>
      AppProcess.start('projector', env, { PROJECTOR_INSTANCE_ID: `projector-${i}` }),
    ),
  ]);
  const apps = [first, ...settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))];
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(apps.map((app) => app.stop()));
    throw failed.reason;
  }
  const reporting = apps.find((app) => app.name === 'reporting-api')!;
  const lrs = apps.filter((app) => app.name === 'lrs-api');
  const started = apps.filter((app) => app.name === 'projector');
  return {
    lrs,
    projectors: started,
    reporting,
    env,
    partitionsPerMember: (group) => partitionsPerMember(env, `${env.KAFKA_TOPIC_PREFIX}.${group}`),
    stop: async () => {
      await Promise.all(apps.map((app) => app.stop()));
      await dropDatabase(env);
    },
  };
}

async function partitionsPerMember(env: Record<string, string>, groupId: string) {
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return (groups[0]?.members ?? [])
      .map((member) => {
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        return Object.values(decoded?.assignment ?? {}).reduce((n, list) => n + list.length, 0);
      })
      .sort();
  } finally {
    await admin.disconnect();
  }
}
