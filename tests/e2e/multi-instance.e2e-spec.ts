import { MongoClient } from 'mongodb';
import { loadCatalogue } from '@lr/catalogue';
import { learningGroupName, METRICS } from '@lr/learning';
import { LearningSnapshot, settledLearningSnapshot, waitFor, waitForGroupAtEnd } from '@lr/testing';
import { postStatements } from '../../apps/simulator/src/lrs-poster';
import { simulateProgramme } from '../../apps/simulator/src/programme-model';
import { DEFAULT_OPTIONS } from '../../apps/simulator/src/simulation-options';
import { statementOfStored, STATEMENT_STORE_GROUP } from '@lr/xapi';
import { LrsClient } from './lrs-client';
import { ReportingClient, TokenClaims } from './reporting-client';
import { Scale, ScaledSystem, startScaledSystem } from './scaled-system';

const PARTITIONS = 6;
const BATCH = 25;
const CONCURRENCY = 4;
const admin: TokenClaims = { role: 'profession-admin' };

/** What one deployment ended with; all but `spread` in forms that do not depend on the spread. */
interface Outcome {
  /** The statement store, by statement id; `stored` and offsets are the only per-run fields. */
  readonly statements: Record<string, unknown>[];
  /** The statement ids each LRS instance lists over HTTP, paging across every instance. */
  readonly listed: string[][];
  readonly learning: LearningSnapshot;
  readonly reporting: Record<string, unknown>;
  /** Partitions per member of the statement store's and the learning projection's groups. */
  readonly spread: { statementStore: number[]; learning: number[] };
}

/**
 * The same deterministic programme posted to one LRS with one projector, and split across two
 * LRS instances with three projectors (one consumer group, partitions shared out), must end in
 * the same statement store, learning read models and reporting figures.
 */
describe('two LRS and three projector instances against one of each (e2e)', () => {
  const programme = simulateProgramme(loadCatalogue(), {
    ...DEFAULT_OPTIONS,
    seed: 29,
    startMonth: '2025-01',
    months: 6,
    registrationsPerMonth: 50,
  });
  const load = programme.learners.flatMap((learner) => learner.statements);
  // Voidings come from an administrator, so they land on other partitions than their targets.
  const voidings = programme.learners
    .filter((learner) => learner.index % 25 === 0)
    .map((learner, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      actor: { objectType: 'Agent', mbox: 'mailto:records-admin@example.gov.uk' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-GB': 'voided' } },
      object: { objectType: 'StatementRef', id: learner.statements.at(-1)!.id },
      timestamp: new Date(programme.endsAt).toISOString(),
    }));
  const total = load.length + voidings.length;
  let single: Outcome;

  async function run(scale: Scale): Promise<Outcome> {
    const system = await startScaledSystem(scale);
    try {
      await post(system, load);
      await post(system, voidings);
      return await outcomeOf(system, total);
    } finally {
      await system.stop();
    }
  }

  it('projects the programme with one LRS and one projector', async () => {
    single = await run({ lrs: 1, projectors: 1, partitions: PARTITIONS });
    expect(single.spread).toEqual({ statementStore: [PARTITIONS], learning: [PARTITIONS] });
    expect(single.statements).toHaveLength(total);
    expect(single.statements.filter((doc) => doc.voided)).toHaveLength(voidings.length);
    expect(single.listed[0]).toHaveLength(total - voidings.length);
    expect(single.learning.learners).toHaveLength(programme.learners.length);
    const summary = single.reporting.summary as { registrations: number; completions: number };
    expect(summary.registrations).toBe(programme.learners.length);
    expect(summary.completions).toBeGreaterThan(0);
    const retracting = single.learning.learners.filter(
      (doc) => (doc as { retracted: string[] }).retracted.length > 0,
    );
    expect(retracting.length).toBeGreaterThan(0);
  }, 900_000);

  it('ends identical with the load split across two LRS instances and three projectors', async () => {
    const scaled = await run({ lrs: 2, projectors: 3, partitions: PARTITIONS });
    // Each projector really held a third of the partitions in both groups.
    expect(scaled.spread).toEqual({ statementStore: [2, 2, 2], learning: [2, 2, 2] });
    expect(scaled.statements).toEqual(single.statements);
    expect(scaled.listed).toEqual([single.listed[0], single.listed[0]]);
    expect(scaled.learning).toEqual(single.learning);
    expect(scaled.reporting).toEqual(single.reporting);
  }, 900_000);
});

/**
 * Posts in batches dealt round-robin to the LRS instances, all at once, as a load balancer would:
 * one learner's statements can arrive through different instances.
 */
async function post(system: ScaledSystem, statements: readonly Record<string, unknown>[]) {
  const shares = system.lrs.map(() => [] as Record<string, unknown>[]);
  for (let i = 0; i < statements.length; i += BATCH) {
    shares[(i / BATCH) % shares.length]!.push(...statements.slice(i, i + BATCH));
  }
  await Promise.all(
    system.lrs.map((lrs, i) =>
      postStatements(shares[i]!, {
        url: `${lrs.baseUrl}/xapi`,
        key: system.env.LRS_DEV_KEY!,
        secret: system.env.LRS_DEV_SECRET!,
        batchSize: BATCH,
        concurrency: Math.max(1, CONCURRENCY / system.lrs.length),
        onProgress: () => undefined,
      }),
    ),
  );
}

async function outcomeOf(system: ScaledSystem, total: number): Promise<Outcome> {
  const { env } = system;
  const mongo = await MongoClient.connect(env.MONGO_URL!, { directConnection: true });
  try {
    const db = mongo.db(env.MONGO_DATABASE);
    // Every statement stored is not enough: voiding is applied after its statements are stored,
    // and a write whose read-your-writes wait timed out (a slow server) may not be applied yet.
    await waitForGroupAtEnd(
      env.KAFKA_BROKERS!,
      `${env.KAFKA_TOPIC_PREFIX}.${STATEMENT_STORE_GROUP}`,
      `${env.KAFKA_TOPIC_PREFIX}.xapi.statements.v1`,
      300_000,
    );
    const statements = await waitFor(
      async () => {
        const docs = await db.collection('statements').find({}).sort({ statementId: 1 }).toArray();
        return docs.length >= total ? docs : undefined;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 1_000,
        what: 'the statement store to hold every statement',
      },
    );
    await waitForGroupAtEnd(
      env.KAFKA_BROKERS!,
      `${env.KAFKA_TOPIC_PREFIX}.${learningGroupName(1)}`,
      `${env.KAFKA_TOPIC_PREFIX}.xapi.statements.v1`,
      300_000,
    );
    const learning = await settledLearningSnapshot(db, 1, 120_000);
    return {
      statements: statements.map(({ offset: _o, stored: _s, statement, ...doc }) => {
        const { stored: _stored, ...content } = statementOfStored(
          statement as string | Record<string, unknown>,
        );
        return { ...doc, statement: content };
      }),
      listed: await Promise.all(system.lrs.map((_, first) => listedIds(system, first))),
      learning,
      reporting: await reportingFigures(new ReportingClient(system.reporting.baseUrl)),
      spread: {
        statementStore: await spreadOf(system, STATEMENT_STORE_GROUP),
        learning: await spreadOf(system, learningGroupName(1)),
      },
    };
  } finally {
    await mongo.close();
  }
}

/** Partitions per member once every projector is a member (a loaded box can delay a rejoin). */
function spreadOf(system: ScaledSystem, group: string): Promise<number[]> {
  return waitFor(
    async () => {
      const spread = await system.partitionsPerMember(group);
      return spread.length === system.projectors.length ? spread : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 1_000, what: `every projector to be a member of ${group}` },
  );
}

/**
 * GET /statements page by page, starting at one instance and following each `more` link on the
 * next, so a page token must work wherever the load balancer sends it. Answers the ids, sorted.
 */
async function listedIds(system: ScaledSystem, first: number): Promise<string[]> {
  const clients = system.lrs.map(
    (lrs) => new LrsClient(lrs.baseUrl, system.env.LRS_DEV_KEY!, system.env.LRS_DEV_SECRET!),
  );
  const ids: string[] = [];
  let path: string | undefined = '/xapi/statements?format=ids';
  for (let page = first; path; page++) {
    const response = await clients[page % clients.length]!.request(path);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    const body = (await response.json()) as { statements: { id: string }[]; more?: string };
    ids.push(...body.statements.map((statement) => statement.id));
    path = body.more || undefined;
  }
  return ids.sort();
}

/** Every figure the reporting API derives from the counters, plus each department's learners. */
async function reportingFigures(reporting: ReportingClient): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = {
    summary: await reporting.json('/v1/analytics/summary', admin),
  };
  for (const metric of METRICS) {
    figures[`monthly ${metric}`] = await reporting.json(
      `/v1/analytics/monthly?metric=${metric}`,
      admin,
    );
  }
  for (const by of ['qualification', 'level', 'department', 'grade']) {
    figures[`by ${by}`] = await reporting.json(`/v1/analytics/breakdown?by=${by}`, admin);
  }
  const departments = figures['by department'] as { key: string }[];
  for (const { key } of departments) {
    const learners: unknown[] = [];
    let after = '';
    for (;;) {
      const page = await reporting.json<{ items: unknown[]; next: string | null }>(
        `/v1/departments/${encodeURIComponent(key)}/learners?limit=200&after=${encodeURIComponent(after)}`,
        admin,
      );
      learners.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    figures[`learners of ${key}`] = learners;
  }
  return figures;
}
