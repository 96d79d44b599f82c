import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { loadCatalogue } from '@lr/catalogue';
import { sampleProgramme } from '@lr/learning';
import { partitionFor } from '@lr/messaging';
import { encodeStatementRecorded, learnerKey, STATEMENT_RECORDED_V1 } from '@lr/xapi';
import { boxCpuMicros, describeMachine, residentMiB } from '../ingest/machine';
import { ROOT, startApp, stopApp, waitReady } from '../common/app-processes';
import { adminToken, loadReporting, reportingMix } from '../common/reporting-load';
import { ConsumerLag } from '../suite/consumer-lag';

/**
 * npm run bench:learning — the learning projections and the reporting API on the local stack:
 * 1. a backlog of a sample programme (BENCH_LEARNERS learners, 20,000 by default) is produced
 *    straight onto the statement topic, then the projector is started and timed until its
 *    learning group has read it all (sustained statements/s into every read model);
 * 2. the reporting API is loaded with a mix of queries over those learners (p50/p99).
 */
const env = process.env;
const LEARNERS = Number(env.BENCH_LEARNERS ?? 20_000);
const PARTITIONS = Number(env.KAFKA_STATEMENT_PARTITIONS ?? 6);
const REPORT_SECONDS = Number(env.BENCH_REPORT_SECONDS ?? 20);
const REPORT_CONCURRENCY = Number(env.BENCH_REPORT_CONCURRENCY ?? 8);
const prefix = env.KAFKA_TOPIC_PREFIX!;
const topic = `${prefix}.xapi.statements.v1`;
const catalogue = loadCatalogue();
const kafka = new Kafka({ brokers: env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
const logs = resolve(ROOT, '.local/bench');

async function main(): Promise<void> {
  mkdirSync(logs, { recursive: true });
  const records = await produceBacklog();
  const projection = await measureProjector(records);
  const reporting = await measureReporting();
  const result = {
    benchmark: 'learning',
    at: new Date().toISOString(),
    machine: describeMachine(),
    learners: LEARNERS,
    projection,
    reporting,
    targets: { projectorStatementsPerSecond: 3_000, reportingP99Ms: 20 },
  };
  const out = resolve(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'learning.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(resolve(out, 'learning.md'), markdownOf(result));
  console.log(markdownOf(result));
}

async function produceBacklog(): Promise<number> {
  const statements = sampleProgramme(catalogue, { learners: LEARNERS, seed: 42, voidShare: 0.02 });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const chunk = 5_000;
  for (let i = 0; i < statements.length; i += chunk) {
    const messages = statements.slice(i, i + chunk).map((statement, j) => {
      const key = learnerKey('default', statement.actor);
      const stored = new Date(Date.parse('2026-06-01T00:00:00Z') + i + j).toISOString();
      return {
        key,
        partition: partitionFor(key, PARTITIONS),
        value: encodeStatementRecorded({
          type: STATEMENT_RECORDED_V1,
          storeId: 'default',
          statement: { ...statement, stored } as never,
        }),
      };
    });
    await producer.send({ topic, acks: -1, messages });
    process.stderr.write(
      `\rproducing backlog: ${Math.min(i + chunk, statements.length)}/${statements.length}`,
    );
  }
  process.stderr.write('\n');
  await producer.disconnect();
  return statements.length;
}

async function measureProjector(records: number) {
  const log = resolve(logs, 'projector-learning.log');
  const cpuBefore = boxCpuMicros();
  const started = Date.now();
  const projector = startApp('projector', { LOG_LEVEL: 'log' }, log);
  const lag = new ConsumerLag(env.KAFKA_BROKERS!, prefix);
  await lag.connect();
  let peakRss = 0;
  const rss = setInterval(() => {
    peakRss = Math.max(peakRss, residentMiB(projector.pid!) ?? 0);
  }, 1_000);
  const waitStarted = Date.now();
  const catchUp = await lag
    .waitCaughtUp(1_200, `projector over ${records} records`)
    .finally(() => clearInterval(rss))
    .catch(async (error: unknown) => {
      await stopApp(projector);
      throw error;
    });
  await lag.disconnect();
  const cpuMicros = boxCpuMicros() - cpuBefore;
  await stopApp(projector);
  const spawnToWait = (waitStarted - started) / 1000;
  const seconds = (value: number) => Math.round(value * 1000) / 1000;
  const learningSeconds = seconds(spawnToWait + catchUp.learningSeconds);
  return {
    records,
    learningSeconds,
    learningStatementsPerSecond: Math.round(records / learningSeconds),
    statementStoreSeconds: seconds(spawnToWait + catchUp.statementStoreSeconds),
    boxCpuMicrosPerStatement: Math.round(cpuMicros / records),
    projectorPeakRssMiB: peakRss,
    phasesMs: phasesFrom(log),
  };
}

/** Sums the projector's periodic "learning projection stats" lines: where the time went. */
function phasesFrom(log: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const match = /learning projection stats (\{.*\})/.exec(messageOf(line));
    if (!match) continue;
    for (const [key, value] of Object.entries(JSON.parse(match[1]!) as Record<string, number>)) {
      if (key.endsWith('Ms') || key === 'batches' || key === 'records')
        totals[key] = (totals[key] ?? 0) + value;
    }
  }
  return totals;
}

/** Log lines are JSON objects (the message under `msg`); older logs were plain text. */
function messageOf(line: string): string {
  try {
    const parsed = JSON.parse(line) as { msg?: unknown };
    return typeof parsed.msg === 'string' ? parsed.msg : line;
  } catch {
    return line;
  }
}

async function measureReporting() {
  const port = Number(env.BENCH_REPORTING_PORT ?? 18082);
  const app = startApp(
    'reporting-api',
    { REPORTING_PORT: String(port), LOG_LEVEL: 'warn' },
    resolve(logs, 'reporting-api.log'),
  );
  await waitReady(port);
  const mix = reportingMix(
    catalogue,
    (n) => `learner${(n * 7919) % LEARNERS}@sample.example.gov.uk`,
  );
  const result = await loadReporting(port, adminToken(env.REPORTING_JWT_SECRET!), mix, {
    seconds: REPORT_SECONDS,
    concurrency: REPORT_CONCURRENCY,
  });
  const rss = residentMiB(app.pid!);
  await stopApp(app);
  return { ...result, reportingRssMiB: rss };
}

function markdownOf(result: {
  machine: Record<string, unknown>;
  learners: number;
  projection: Awaited<ReturnType<typeof measureProjector>>;
  reporting: Awaited<ReturnType<typeof measureReporting>>;
}): string {
  const p = result.projection;
  const r = result.reporting;
  const rows = Object.entries(r.byQuery)
    .map(([name, s]) => `| ${name} | ${s.requests} | ${s.p50Ms} | ${s.p99Ms} |`)
    .join('\n');
  const phases = Object.entries(p.phasesMs)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return `# Learning projections and reporting API

Machine: ${String(result.machine.cores)} cores, ${String(result.machine.memoryGiB)} GiB, ${String(result.machine.mongo)}, commit ${String(result.machine.commit)}.

## Projector (${result.learners} learners, ${p.records} statements as a backlog)

| figure | value | target |
|---|---|---|
| learning read models, sustained | ${p.learningStatementsPerSecond} statements/s (${p.learningSeconds} s) | ≥ 3,000/s |
| statement store, same run | ${p.statementStoreSeconds} s | |
| box CPU per statement | ${p.boxCpuMicrosPerStatement} µs | |
| projector peak RSS | ${p.projectorPeakRssMiB} MiB | |

Where the learning projection's time went (summed over its concurrent partitions): ${phases}

## Reporting API (${r.concurrency} concurrent clients, ${r.seconds} s, ${r.requestsPerSecond} req/s, ${r.errors} errors)

| query | requests | p50 ms | p99 ms |
|---|---|---|---|
| all | ${r.overall.requests} | ${r.overall.p50Ms} | ${r.overall.p99Ms} |
${rows}

Target: p99 under 20 ms.
`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
