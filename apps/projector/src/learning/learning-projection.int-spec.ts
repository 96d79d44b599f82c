import { Kafka, logLevel, Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadCatalogue } from '@lr/catalogue';
import {
  LEARNING_META_COLLECTION,
  LEARNING_META_ID,
  learningCollections,
  learningGroupName,
  sampleProgramme,
} from '@lr/learning';
import { partitionFor } from '@lr/messaging';
import {
  AppProcess,
  isolatedEnv,
  ReadModelSnapshot,
  readModelSnapshot,
  waitFor,
} from '@lr/testing';
import { encodeStatementRecorded, learnerKey, STATEMENT_RECORDED_V1 } from '@lr/xapi';

const ROOT = resolve(__dirname, '../../../..');
const catalogue = loadCatalogue();
const PARTITIONS = 6;

type Snapshot = ReadModelSnapshot;

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

  async function caughtUp(groupName: string): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({
            groupId: `${base.KAFKA_TOPIC_PREFIX}.${groupName}`,
            topics: [topic],
          });
          const at = new Map(
            (committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
          );
          // A transaction's commit marker may follow the last record: one short of the end is done.
          return ends.every((end) => (at.get(end.partition) ?? -1) >= Number(end.high) - 1)
            ? true
            : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 500, what: `${groupName} to reach the end of the topic` },
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** Retractions written during the run are consumed after it; wait until nothing changes. */
  async function settledSnapshot(database: string, version: number): Promise<Snapshot> {
    let previous = '';
    return waitFor(
      async () => {
        // Every voiding must have reached its learner first (see OpenVoidsResolver).
        const open = await mongo
          .db(database)
          .collection(learningCollections(version).voids)
          .countDocuments({ open: true });
        if (open > 0) return undefined;
        const snapshot = await snapshotOf(database, version);
        const text = JSON.stringify(snapshot);
        const stable = text === previous;
        previous = text;
        return stable ? snapshot : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2_000, what: 'the read models to settle' },
    );
  }

  function snapshotOf(database: string, version: number): Promise<Snapshot> {
    return readModelSnapshot(mongo.db(database), learningCollections(version));
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
        timeout: 120_000,
      });
    const first = await rebuild('--no-switch');
    expect(first.stderr).toContain('100.0%');
    expect(await snapshotOf(database, 2)).toEqual(single);
    const meta = mongo
      .db(database)
      .collection<{ _id: string; active: number }>(LEARNING_META_COLLECTION);
    expect((await meta.findOne({ _id: LEARNING_META_ID }))?.active).toBe(1);

    const second = await rebuild();
    if (!second.stdout.trim().endsWith('}')) throw new Error(second.stdout);
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toEqual({
      built: 2,
      previous: 1,
      switched: true,
    });
    expect(await snapshotOf(database, 2)).toEqual(single);
    expect((await meta.findOne({ _id: LEARNING_META_ID }))?.active).toBe(2);
  });
});

async function produce(
  producer: Producer,
  topic: string,
  statements: Record<string, unknown>[],
): Promise<void> {
  const storeId = 'default';
  const messages = statements.map((statement, i) => {
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
  await producer.send({ topic, acks: -1, messages });
}
