import { Kafka, logLevel, Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadCatalogue } from '@lr/catalogue';
import {
  LEARNING_META_COLLECTION,
  LEARNING_META_ID,
  learningGroupName,
  sampleProgramme,
} from '@lr/learning';
import { partitionFor } from '@lr/messaging';
import {
  AppProcess,
  isolatedEnv,
  learningSnapshot,
  LearningSnapshot,
  settledLearningSnapshot,
  waitForGroupAtEnd,
} from '@lr/testing';
import { encodeStatementRecorded, learnerKey, STATEMENT_RECORDED_V1 } from '@lr/xapi';

const ROOT = resolve(__dirname, '../../../..');
const catalogue = loadCatalogue();
const PARTITIONS = 6;

type Snapshot = LearningSnapshot;

/**
 * The learning projection run different ways over the same statement topic must end in the same
 * read models: one instance, three instances in one group, and a replay into a new version.
 */
describe('learning projection over a real Kafka and MongoDB-wire server', () => {
  const base = isolatedEnv({ KAFKA_STATEMENT_PARTITIONS: String(PARTITIONS), LOG_LEVEL: 'warn' });
  const kafka = new Kafka({ brokers: base.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const topic = `${base.KAFKA_TOPIC_PREFIX}.xapi.statements.v1`;
  let mongo: MongoClient;
  const databases: string[] = [];

  beforeAll(async () => {
    mongo = await MongoClient.connect(base.MONGO_URL!, { directConnection: true });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await produce(
      producer,
      topic,
      sampleProgramme(catalogue, { learners: 80, seed: 7, voidShare: 0.15 }),
    );
    await producer.disconnect();
  });

  afterAll(async () => {
    for (const name of databases)
      await mongo
        .db(name)
        .dropDatabase()
        .catch(() => undefined);
    await mongo.close();
  });

  async function runProjectors(
    database: string,
    version: number,
    instances: number,
  ): Promise<Snapshot> {
    databases.push(database);
    await mongo
      .db(database)
      .collection<{ _id: string; active: number }>(LEARNING_META_COLLECTION)
      .insertOne({ _id: LEARNING_META_ID, active: version });
    // The statement store (which resolves voidings) fills each database from the start too.
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteGroups([`${base.KAFKA_TOPIC_PREFIX}.projector.statement-store`])
      .catch(() => undefined);
    await admin.disconnect();
    const env = { ...base, MONGO_DATABASE: database, PROJECTOR_CONCURRENCY: '2' };
    const apps = await Promise.all(
      Array.from({ length: instances }, (_, i) =>
        AppProcess.start('projector', env, { PROJECTOR_INSTANCE_ID: `${database}-${i}` }),
      ),
    );
    try {
      await caughtUp(learningGroupName(version));
      return await settledSnapshot(database, version);
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }
  }

  function caughtUp(groupName: string): Promise<void> {
    return waitForGroupAtEnd(base.KAFKA_BROKERS!, `${base.KAFKA_TOPIC_PREFIX}.${groupName}`, topic);
  }

  function settledSnapshot(database: string, version: number): Promise<Snapshot> {
    return settledLearningSnapshot(mongo.db(database), version);
  }

  function snapshotOf(database: string, version: number): Promise<Snapshot> {
    return learningSnapshot(mongo.db(database), version);
  }

  let single: Snapshot;

  it('projects the sample with one instance: learners, counters, teams, retractions', async () => {
    single = await runProjectors(`${base.MONGO_DATABASE}_one`, 1, 1);
    expect(single.learners.length).toBe(80);
    const everything = single.counters.find(
      (doc) => (doc as { _id: string })._id === 'default|q=*|d=*|g=*',
    ) as {
      registrations: { total: number };
      completions?: { total: number };
    };
    expect(everything.registrations.total).toBe(80);
    expect(everything.completions?.total ?? 0).toBeGreaterThan(0);
    const retracted = single.learners.filter(
      (doc) => ((doc as { retracted: string[] }).retracted ?? []).length > 0,
    );
    expect(retracted.length).toBeGreaterThan(0);
  });

  it('ends identical with three instances in one consumer group', async () => {
    const three = await runProjectors(`${base.MONGO_DATABASE}_three`, 3, 3);
    expect(three).toEqual(single);
  });

  it('ends identical when the topic is replayed twice by the rebuild command, which then switches', async () => {
    const database = `${base.MONGO_DATABASE}_one`;
    const rebuild = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['dist/apps/projector/src/cli/rebuild.js', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...base, MONGO_DATABASE: database },
        timeout: REBUILD_TIMEOUT_MS,
      });
    const first = await rebuild('--no-switch');
    expect(first.stderr).toContain('100.0%');
    expect(await snapshotOf(database, 2)).toEqual(single);
    const meta = mongo
      .db(database)
      .collection<{ _id: string; active: number }>(LEARNING_META_COLLECTION);
    expect((await meta.findOne({ _id: LEARNING_META_ID }))?.active).toBe(1);

    // The switch must wait for the live version to have read as far as the rebuild: with the
    // live group gone, it waits until a live projector has read the topic again.
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([`${base.KAFKA_TOPIC_PREFIX}.${learningGroupName(1)}`]);
    await admin.disconnect();
    // Kept as a promise: the rebuild may finish before the live projector reports ready.
    let live: Promise<AppProcess> | undefined;
    const second = await rebuildWhenLiveReturns(
      ['dist/apps/projector/src/cli/rebuild.js'],
      { ...process.env, ...base, MONGO_DATABASE: database },
      () =>
        (live = AppProcess.start(
          'projector',
          { ...base, MONGO_DATABASE: database },
          { PROJECTOR_INSTANCE_ID: `${database}-live` },
        )),
    ).finally(async () => (await live)?.stop());
    expect(second.stderr).toContain('waiting for the live projection to pass the rebuild');
    if (!second.stdout.trim().endsWith('}')) throw new Error(second.stdout);
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toEqual({
      built: 2,
      previous: 1,
      switched: true,
    });
    expect(await snapshotOf(database, 2)).toEqual(single);
    expect((await meta.findOne({ _id: LEARNING_META_ID }))?.active).toBe(2);
  });

  it('moves its group past a transaction aborted at the end of the log', async () => {
    const database = `${base.MONGO_DATABASE}_three`;
    const before = await snapshotOf(database, 3);
    const producer = kafka.producer({
      transactionalId: `${base.KAFKA_TOPIC_PREFIX}-aborting`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const transaction = await producer.transaction();
    const extra = sampleProgramme(catalogue, { learners: 12, seed: 99, voidShare: 0 });
    await transaction.send({ topic, acks: -1, messages: recordsOf(extra) });
    await transaction.abort();
    await producer.disconnect();

    const app = await AppProcess.start(
      'projector',
      { ...base, MONGO_DATABASE: database },
      { PROJECTOR_INSTANCE_ID: `${database}-after-abort` },
    );
    try {
      await caughtUp(learningGroupName(3));
    } finally {
      await app.stop();
    }
    expect(await snapshotOf(database, 3)).toEqual(before);
  });
});

/**
 * Each rebuild takes a few seconds. Both together stay under the test's 90 s, so a rebuild that
 * hangs fails the test with its own output (progress, waits) instead of a bare jest timeout.
 */
const REBUILD_TIMEOUT_MS = 40_000;

/** Runs the rebuild; once it says it waits for the live version, lets the live version catch up. */
function rebuildWhenLiveReturns(
  args: string[],
  env: NodeJS.ProcessEnv,
  letLiveCatchUp: () => Promise<unknown>,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    const timer = setTimeout(() => child.kill(), REBUILD_TIMEOUT_MS);
    let stdout = '';
    let stderr = '';
    let released = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (released || !stderr.includes('waiting for the live projection')) return;
      released = true;
      letLiveCatchUp().catch(fail);
    });
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) done({ stdout, stderr });
      else fail(new Error(`rebuild exited ${code}: ${stderr}`));
    });
  });
}

async function produce(
  producer: Producer,
  topic: string,
  statements: Record<string, unknown>[],
): Promise<void> {
  await producer.send({ topic, acks: -1, messages: recordsOf(statements) });
}

function recordsOf(statements: Record<string, unknown>[]) {
  const storeId = 'default';
  return statements.map((statement, i) => {
    const key = learnerKey(storeId, statement.actor);
    const stored = new Date(Date.parse('2026-02-01T00:00:00Z') + i).toISOString();
    return {
      key,
      partition: partitionFor(key, PARTITIONS),
      value: encodeStatementRecorded({
        type: STATEMENT_RECORDED_V1,
        storeId,
        statement: { ...statement, stored } as never,
      }),
    };
  });
}
