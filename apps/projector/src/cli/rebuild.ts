import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { validateEnv } from '@lr/config';
import { learningGroupName } from '@lr/learning';
import { KafkaClient, Topics } from '@lr/messaging';
import { ProjectorEnv } from '../config/projector.env';
import { LearningMetaStore } from '../learning/learning-meta.store';
import { LearningProjectionService } from '../learning/learning-projection.service';
import { LearningStore } from '../learning/learning-store';
import { TransactionalCommitter } from '../learning/transactional-committer';
import { RebuildCliModule } from './rebuild-cli.module';
import { RebuildProgress } from './rebuild-progress';

const USAGE = `usage: rebuild [--no-switch]
  Replays the statement topic from the beginning into the next version of the learning read
  models, then switches readers and live projectors to it in one write. The old version stays.`;

/**
 * `npm run rebuild`: fills version N+1 from offset 0 with events suppressed (version N already
 * announced them), waits until the live version has read at least as far, then switches.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg !== '--no-switch')) throw new Error(USAGE);
  const env = validateEnv(ProjectorEnv, { ...process.env, LEARNING_PROJECTION: 'false' });
  const app = await NestFactory.createApplicationContext(RebuildCliModule.register(env), {
    logger: ['error', 'warn'],
  });
  try {
    await rebuild(app, !args.includes('--no-switch'));
  } finally {
    await app.close();
  }
}

async function rebuild(app: INestApplicationContext, switchAfter: boolean): Promise<void> {
  const meta = app.get(LearningMetaStore);
  const topics = app.get(Topics);
  const kafka = app.get(KafkaClient);
  const service = app.get(LearningProjectionService);
  const active = await meta.active();
  const target = active + 1;
  const group = topics.group(learningGroupName(target));
  app.get(TransactionalCommitter).configure(`${topics.group('learning-rebuild')}.v${target}`);
  await app.get(LearningStore).forVersion(target).drop();
  await service.provisionTopics();
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([group]).catch(() => undefined);
    const offsets = await admin.fetchTopicOffsets(topics.statements);
    const targets = new Map(
      offsets.map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]),
    );
    const progress = new RebuildProgress(targets);
    const label = `rebuild learning v${target}`;
    const consumer = await service.run({
      version: target,
      emitEvents: false,
      onProgress: (partition, position, committed) =>
        progress.record(partition, position, committed),
    });
    const ticker = setInterval(() => progress.render(label), 500);
    while (!progress.done) await sleep(200);
    clearInterval(ticker);
    progress.render(label);
    process.stderr.write('\n');
    await consumer.stop();
    if (!switchAfter) {
      console.log(JSON.stringify({ built: target, active, switched: false }));
      return;
    }
    await waitForLive(admin, topics.group(learningGroupName(active)), topics.statements, progress);
    const switched = await meta.switchTo(active, target, new Date());
    if (!switched) throw new Error(`version ${active} is no longer active; not switching`);
    console.log(JSON.stringify({ built: target, previous: active, switched: true }));
  } finally {
    await admin.disconnect();
  }
}

/**
 * The rebuild suppressed events; switching before the live version has read as far would lose
 * the events of what lies between. After the switch the new version resumes from where the
 * rebuild stopped, so that stretch may be announced twice (same event ids): never lost.
 */
async function waitForLive(
  admin: ReturnType<KafkaClient['admin']>,
  liveGroup: string,
  topic: string,
  progress: RebuildProgress,
): Promise<void> {
  for (let waited = 0; ; waited += 500) {
    const [committed] = await admin.fetchOffsets({ groupId: liveGroup, topics: [topic] });
    const live = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    const behind = [...progress.reached].filter(
      ([partition, position]) => (live.get(partition) ?? -1) < position,
    );
    if (behind.length === 0) return;
    if (waited % 5_000 === 0) {
      process.stderr.write(
        `waiting for the live projection to pass the rebuild on ${behind.length} partition(s): ${behind
          .map(
            ([partition, position]) =>
              `${partition} at ${live.get(partition) ?? 'none'} of ${position}`,
          )
          .join(', ')}\n`,
      );
    }
    await sleep(500);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
