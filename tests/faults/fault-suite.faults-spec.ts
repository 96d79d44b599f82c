import { MongoClient } from 'mongodb';
import { loadCatalogue } from '@lr/catalogue';
import { StatementBuilder, waitFor } from '@lr/testing';
import { simulateProgramme } from '../../apps/simulator/src/programme-model';
import { DEFAULT_OPTIONS } from '../../apps/simulator/src/simulation-options';
import { checkClaims } from './checks/claims.check';
import { checkReadModels } from './checks/read-models.check';
import { checkStatementStore } from './checks/statement-store.check';
import { diagnose } from './diagnosis';
import { FaultInjector, KafkaOutage } from './fault-injector';
import { report } from './fault-report';
import { FaultStack } from './fault-stack';
import { FaultSystem } from './fault-system';
import { readableValues, readTopic } from '../e2e/topic-reader';
import { KafkaWatch } from './kafka-watch';
import { LoadGenerator } from './load-generator';
import { LrsPoster } from './lrs-poster';
import { MemorySampler } from './memory-sampler';
import { OutageProbe } from './outage-probe';
import { progress } from './progress';
import { settle } from './settle';
import { StatementLedger } from './statement-ledger';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PER_MONTH = setting('FAULTS_REGISTRATIONS_PER_MONTH', 40);
const RATE = setting('FAULTS_RATE', 120);
const KAFKA_DOWN_MS = setting('FAULTS_KAFKA_DOWN_MS', 20_000);
const MONGO_DOWN_MS = setting('FAULTS_MONGO_DOWN_MS', 5_000);
const FREEZE_MS = setting('FAULTS_FREEZE_MS', 15_000);
/** The longest a 503 may take while the broker is down. */
const OUTAGE_ANSWER_BOUND_MS = setting('FAULTS_OUTAGE_ANSWER_MS', 10_000);
/** The LRS must shed load rather than queue it: its resident memory stays under this. */
const RSS_BOUND_MIB = setting('FAULTS_RSS_BOUND_MIB', 400);

/**
 * Programme traffic at a steady rate while each app is killed with SIGKILL, the broker and the
 * MongoDB-wire server are restarted and the projector is frozen; then, once everything has
 * recovered, nothing accepted may be lost or stored twice, nothing refused stored, the read
 * models must equal a rebuild from scratch and every claim must have taken effect exactly once.
 */
describe('fault suite', () => {
  const stack = new FaultStack();
  let system: FaultSystem | undefined;
  let mongo: MongoClient | undefined;
  let watch: KafkaWatch | undefined;

  afterAll(async () => {
    await system?.stop().catch(() => undefined);
    await mongo?.close().catch(() => undefined);
    await watch?.close().catch(() => undefined);
    if (process.env.FAULTS_KEEP_STACK !== '1') await stack.down();
  });

  it('loses, duplicates and mismatches nothing through crashes and outages', async () => {
    progress(
      `starting a private stack (Kafka :${stack.kafkaPort}, MongoDB-wire :${stack.mongoPort})`,
    );
    await stack.up();
    system = await FaultSystem.start(stack);
    const env = system.env;
    progress(`apps ready (prefix ${env.KAFKA_TOPIC_PREFIX}, logs in ${system.logDir})`);
    mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    const db = mongo.db(env.MONGO_DATABASE);
    watch = new KafkaWatch(stack.kafkaBrokers);

    const programme = simulateProgramme(loadCatalogue(), {
      ...DEFAULT_OPTIONS,
      seed: 8,
      months: 12,
      registrationsPerMonth: PER_MONTH,
    });
    const statements = programme.learners.flatMap((learner) => learner.statements);
    const ledger = new StatementLedger();
    const poster = new LrsPoster(system.url('lrs-api'), env.LRS_DEV_KEY!, env.LRS_DEV_SECRET!);
    const load = new LoadGenerator(statements, poster, ledger, {
      batchSize: 20,
      concurrency: 3,
      rate: RATE,
      abandonEvery: 5,
      drainMs: 120_000,
    });
    const accepted = () => ledger.count('accepted');
    const memory = new MemorySampler(() => system!.app('lrs-api').pid);
    memory.start();
    const ticker = setInterval(() => {
      progress(
        `load ${load.posted}/${load.total} posted, ${accepted()} accepted, ${load.retries} retries, answers ${JSON.stringify(Object.fromEntries(load.answers))}, lrs-api ${memory.current()} MiB`,
      );
    }, 10_000);
    ticker.unref();

    progress(
      `posting ${statements.length} statements of ${programme.learners.length} learners at ${RATE}/s`,
    );
    load.start();
    const faults = new FaultInjector(stack, system, load, accepted);
    let outage: KafkaOutage;
    try {
      await waitFor(() => (accepted() >= 1_000 ? true : undefined), {
        timeoutMs: 120_000,
        what: 'the first 1,000 statements to be accepted',
      });
      await faults.crash('lrs-api');
      await faults.crash('projector');
      await faults.crash('accreditation-gateway');
      const probe = new OutageProbe(
        poster,
        ledger,
        (n) =>
          Array.from({ length: 20 }, (_, i) =>
            StatementBuilder.aStatement()
              .withId()
              .byLearner(`probe${n}-${i}@example.gov.uk`)
              .build(),
          ),
        OUTAGE_ANSWER_BOUND_MS,
      );
      outage = await faults.kafkaOutage(probe, memory, KAFKA_DOWN_MS);
      await faults.mongoRestart(MONGO_DOWN_MS);
      await faults.freeze('projector', FREEZE_MS);
    } finally {
      progress('faults done; the load finishes what it has under way');
      await load.stop();
      clearInterval(ticker);
      memory.stop();
    }

    progress('awarding bodies stop failing; waiting for everything to settle');
    await fetch(`${system.url('awarding-body-simulator')}/_sim/behaviour`, {
      method: 'POST',
      body: JSON.stringify({ failureRate: 0, timeoutRate: 0 }),
      headers: { 'content-type': 'application/json' },
    });
    const unsettled = await settle(watch, db, env.KAFKA_TOPIC_PREFIX!);

    progress('checking the statement store');
    const store = await checkStatementStore(db, ledger);
    progress('rebuilding the learning read models from offset 0 to compare');
    const readModels = await checkReadModels(db, env);
    progress('checking claims against the learning events and the awarding bodies');
    // Learning events are sealed with each learner's key: read them as the gateway does.
    const eventRecords = await readTopic(env, `${env.KAFKA_TOPIC_PREFIX}.learning.events.v1`);
    const { readable, unreadable } = await readableValues(env, eventRecords);
    expect(unreadable).toBe(0);
    const events = readable.map((value) => JSON.parse(value) as unknown);
    const bodies = system.url('awarding-body-simulator');
    const effects = (await (await fetch(`${bodies}/_sim/effects`)).json()) as Record<
      string,
      number
    >;
    const received = (await (await fetch(`${bodies}/_sim/received`)).json()) as {
      certificates: number;
      requests: number;
    };
    const claims = await checkClaims(db, events, effects, received.certificates);
    const deadLettered = await watch.deadLettered(env.KAFKA_TOPIC_PREFIX!);

    const failed = report(
      [
        { label: 'faults injected', value: faults.injected.length, bad: false },
        { label: 'statements accepted', value: store.accepted, bad: false },
        { label: 'statements refused (never retried)', value: store.refused, bad: false },
        { label: 'statements unanswered', value: store.unanswered, bad: false },
        { label: 'statements lost', value: store.lost, bad: true },
        { label: 'statements duplicated', value: store.duplicated, bad: true },
        { label: 'refused statements stored', value: store.refusedButStored, bad: true },
        { label: 'read-model mismatches', value: readModels.mismatches, bad: true },
        { label: 'claims expected', value: claims.expectedClaims, bad: false },
        { label: 'claims lost', value: claims.lost, bad: true },
        {
          label: 'claims duplicated',
          value: claims.duplicated + claims.extraCertificates,
          bad: true,
        },
        { label: 'dead-lettered records', value: deadLettered, bad: true },
        { label: 'answers 500 or other unexpected', value: ledger.unexpectedCount, bad: true },
        { label: 'hung requests', value: ledger.hangs, bad: true },
        { label: 'broker-down answers not prompt 503', value: outage!.wrongAnswers, bad: true },
        {
          label: `lrs-api RSS over ${RSS_BOUND_MIB} MiB`,
          value: Math.max(0, outage!.rssPeakMiB - RSS_BOUND_MIB),
          bad: true,
        },
      ],
      {
        at: new Date().toISOString(),
        faults: faults.injected,
        kafkaOutage: outage!,
        load: {
          statements: statements.length,
          rate: RATE,
          answers: Object.fromEntries(load.answers),
        },
        unexpectedAnswers: Object.fromEntries(ledger.unexpected),
        store,
        readModels,
        claims: { ...claims, bodyRequests: received.requests },
      },
    );
    // CI keeps only the end of the output, so a failure carries its own diagnosis.
    const diagnosis = failed.length > 0 ? diagnose(system, unsettled, ledger.unexpected) : '';
    expect({ bad: failed.map((row) => row.label), diagnosis }).toEqual({ bad: [], diagnosis: '' });
  }, 1_500_000);
});
