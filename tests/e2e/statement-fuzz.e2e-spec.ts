import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { StatementBuilder } from '@lr/testing';
import { invalidStatement } from '../fuzz/invalid-statement.arbitrary';
import { validStatement } from '../fuzz/valid-statement.arbitrary';
import { KeepAlivePoster } from './keep-alive-poster';
import { RunningSystem, startSystem } from './system';

type Json = Record<string, unknown>;

/** Fixed for reproducibility; fast-check prints it (and the shrunk counterexample) on failure. */
const SEED = 20_261_123;
const INVALID_STATEMENTS = 10_000;
/** Requests in flight at once: enough to keep the LRS busy, few enough for a 2-core machine. */
const CONCURRENCY = 10;
const ROUND_TRIPS = 100;

/**
 * Property-based fuzzing of POST /xapi/statements over HTTP against the running system: every
 * generated statement with one rule broken is a 400 with a message and reaches neither the
 * Kafka log nor the statement store; every generated valid statement comes back exactly
 * (`format=exact`), with only the properties the LRS owns added.
 */
describe('statement fuzzing over HTTP', () => {
  let system: RunningSystem;
  let admin: Admin;
  let mongo: MongoClient;

  beforeAll(async () => {
    // One credential sends everything as fast as it can: the rate limit is not under test here.
    system = await startSystem({ env: { LRS_RATE_LIMIT_PER_SECOND: '0' } });
    admin = new Kafka({
      brokers: system.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    mongo = await MongoClient.connect(system.env.MONGO_URL!, { directConnection: true });
  });

  afterAll(async () => {
    await admin?.disconnect();
    await mongo?.close();
    await system?.stop();
  });

  const statementsTopic = () => `${system.env.KAFKA_TOPIC_PREFIX}.xapi.statements.v1`;

  /** What the write path leaves behind: log end offsets, stored statements, claimed ids. */
  async function footprint() {
    const offsets = await admin.fetchTopicOffsets(statementsTopic());
    const db = mongo.db(system.env.MONGO_DATABASE);
    return {
      offsets: offsets.map(({ partition, high }) => `${partition}:${high}`).sort(),
      statements: await db.collection('statements').countDocuments(),
      claims: await db.collection('statement_claims').countDocuments(),
    };
  }

  it(`answers ${INVALID_STATEMENTS} invalid statements with 400 and a message, and none reaches Kafka`, async () => {
    // One statement first, so the log and the store have something the run must not change.
    const seeded = await system.client.postStatements(
      StatementBuilder.aStatement().withId().build(),
    );
    expect(seeded.status).toBe(200);
    const before = await footprint();
    const poster = new KeepAlivePoster(
      `${system.lrs.baseUrl}/xapi/statements`,
      {
        authorization: `Basic ${Buffer.from(`${system.env.LRS_DEV_KEY}:${system.env.LRS_DEV_SECRET}`).toString('base64')}`,
        'x-experience-api-version': '2.0.0',
      },
      CONCURRENCY,
    );
    let sent = 0;
    const started = Date.now();
    // Parallel properties, each sequential with a seed of its own: bounded concurrency, and a
    // failure still shrinks and names its seed.
    const workers = Array.from({ length: CONCURRENCY }, (_, worker) =>
      fc.assert(
        fc.asyncProperty(invalidStatement, async ({ rule, statement }) => {
          sent++;
          const response = await poster.post(statement);
          const body = JSON.parse(response.text) as { error?: unknown; message?: unknown };
          const answer = `${rule}: ${response.status} ${response.text}`;
          expect({ answer, status: response.status }).toEqual({ answer, status: 400 });
          expect(typeof body.message).toBe('string');
          expect((body.message as string).length).toBeGreaterThan(0);
        }),
        { seed: SEED + worker, numRuns: INVALID_STATEMENTS / CONCURRENCY, endOnFailure: true },
      ),
    );
    await Promise.all(workers).finally(() => poster.close());
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `fuzz: ${sent} invalid statements in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s)\n`,
    );
    expect(sent).toBeGreaterThanOrEqual(INVALID_STATEMENTS);
    expect(await footprint()).toEqual(before);
  }, 300_000);

  it(`round-trips ${ROUND_TRIPS} batches of generated valid statements exactly`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(validStatement, { minLength: 1, maxLength: 4 }), async (batch) => {
        // Fresh ids: generated ones repeat, and a repeat with other content is rightly a 409.
        const sent = batch.map((statement) => ({ ...statement, id: randomUUID() }));
        const posted = await system.client.postStatements(sent);
        expect({ status: posted.status, body: await posted.text() }).toMatchObject({
          status: 200,
        });
        for (const statement of sent) {
          const response = await system.client.request(
            `/xapi/statements?statementId=${statement.id}&format=exact`,
          );
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual(asStored(statement));
        }
      }),
      { seed: SEED, numRuns: ROUND_TRIPS, endOnFailure: true },
    );
  }, 300_000);
});

/** A sent statement as the LRS must keep it: the same, plus what the LRS owns. */
function asStored(statement: Json): Json {
  return {
    ...statement,
    timestamp: statement.timestamp ?? expect.any(String),
    stored: expect.any(String),
    authority: expect.objectContaining({ objectType: 'Agent' }),
    version: statement.version ?? '2.0.0',
  };
}
