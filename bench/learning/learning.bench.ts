import { ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { loadCatalogue } from '@lr/catalogue';
import { learningGroupName, sampleProgramme } from '@lr/learning';
import { partitionFor } from '@lr/messaging';
import { encodeStatementRecorded, learnerKey, STATEMENT_RECORDED_V1 } from '@lr/xapi';
import { boxCpuMicros, describeMachine, residentMiB } from '../ingest/machine';
import { percentile } from '../ingest/load';

/**
 * npm run bench:learning — the learning projections and the reporting API on the local stack:
 * 1. a backlog of a sample programme (BENCH_LEARNERS learners, 20,000 by default) is produced
 *    straight onto the statement topic, then the projector is started and timed until its
 *    learning group has read it all (sustained statements/s into every read model);
 * 2. the reporting API is loaded with a mix of queries over those learners (p50/p99).
 */
const ROOT = resolve(__dirname, '../../../..');
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
  const projector = startApp('projector', { LOG_LEVEL: 'log', PROJECTOR_CONCURRENCY: '3' }, log);
  const admin = kafka.admin();
  await admin.connect();
  const groups = {
    learning: `${prefix}.${learningGroupName(1)}`,
    statementStore: `${prefix}.projector.statement-store`,
  };
  let learningDoneAt = 0;
  let storeDoneAt = 0;
  let peakRss = 0;
  for (;;) {
    const ends = await admin.fetchTopicOffsets(topic);
    const done = async (group: string) => {
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      const at = new Map(
        (committed?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]),
      );
      const read = ends.reduce(
        (sum, end) => sum + Math.min(Number(end.high), at.get(end.partition) ?? 0),
        0,
      );
      const complete = ends.every((end) => (at.get(end.partition) ?? 0) >= Number(end.high) - 1);
      return { read, complete };
    };
    const learning = await done(groups.learning);
    const store = await done(groups.statementStore);
    peakRss = Math.max(peakRss, residentMiB(projector.pid!) ?? 0);
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(
      `\rprojector: learning ${learning.read}/${records} (${Math.round(learning.read / seconds)}/s), statement store ${store.read}/${records}, ${seconds.toFixed(0)}s   `,
    );
    if (learning.complete && !learningDoneAt) learningDoneAt = Date.now();
    if (store.complete && !storeDoneAt) storeDoneAt = Date.now();
    if (learningDoneAt && storeDoneAt) break;
    if (seconds > 1_200) throw new Error('the projector did not catch up within 20 minutes');
    await new Promise((r) => setTimeout(r, 1_000));
  }
  process.stderr.write('\n');
  await admin.disconnect();
  const cpuMicros = boxCpuMicros() - cpuBefore;
  await stopApp(projector);
  const learningSeconds = (learningDoneAt - started) / 1000;
  return {
    records,
    learningSeconds,
    learningStatementsPerSecond: Math.round(records / learningSeconds),
    statementStoreSeconds: (storeDoneAt - started) / 1000,
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

interface Sample {
  readonly name: string;
  readonly path: string;
}

async function measureReporting() {
  const port = Number(env.BENCH_REPORTING_PORT ?? 18082);
  const app = startApp(
    'reporting-api',
    { REPORTING_PORT: String(port), LOG_LEVEL: 'warn' },
    resolve(logs, 'reporting-api.log'),
  );
  await waitReady(port);
  const token = adminToken(env.REPORTING_JWT_SECRET!);
  const departments = catalogue.departments.map((d) => d.code);
  const qualifications = catalogue.qualifications.slice(0, 10).map((q) => q.code);
  let n = 0;
  const next = (): Sample => {
    n += 1;
    const pick = <T>(items: readonly T[]) => items[n % items.length]!;
    switch (n % 5) {
      case 0:
        return {
          name: 'summary',
          path: `/v1/analytics/summary?qualification=${pick(qualifications)}&department=${pick(departments)}`,
        };
      case 1:
        return {
          name: 'registrations per month',
          path: `/v1/analytics/monthly?metric=registrations&level=${2 + (n % 2)}`,
        };
      case 2:
        return {
          name: 'breakdown by department',
          path: `/v1/analytics/breakdown?by=department&from=2025-01&to=2025-12`,
        };
      case 3: {
        const agent = encodeURIComponent(
          JSON.stringify({ mbox: `mailto:learner${(n * 7919) % LEARNERS}@sample.example.gov.uk` }),
        );
        return { name: 'learner progress', path: `/v1/learners/progress?agent=${agent}` };
      }
      default:
        return {
          name: 'summary by level and period',
          path: `/v1/analytics/summary?level=${2 + (n % 2)}&from=2025-03&to=2025-09`,
        };
    }
  };
  const agent = new Agent({ keepAlive: true, maxSockets: REPORT_CONCURRENCY });
  const latencies = new Map<string, number[]>();
  let errors = 0;
  const until = performance.now() + REPORT_SECONDS * 1000;
  const ticker = setInterval(() => {
    const total = [...latencies.values()].reduce((sum, list) => sum + list.length, 0);
    process.stderr.write(`\rreporting load: ${total} requests, ${errors} errors`);
  }, 1_000);
  await Promise.all(
    Array.from({ length: REPORT_CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const sample = next();
        const started = performance.now();
        const status = await get(port, sample.path, token, agent);
        const ms = performance.now() - started;
        if (status !== 200) errors += 1;
        latencies.set(sample.name, [...(latencies.get(sample.name) ?? []), ms]);
      }
    }),
  );
  clearInterval(ticker);
  process.stderr.write('\n');
  agent.destroy();
  const rss = residentMiB(app.pid!);
  await stopApp(app);
  const summary = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return {
      requests: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
    };
  };
  const all = [...latencies.values()].flat();
  return {
    seconds: REPORT_SECONDS,
    concurrency: REPORT_CONCURRENCY,
    errors,
    requestsPerSecond: Math.round(all.length / REPORT_SECONDS),
    overall: summary(all),
    byQuery: Object.fromEntries([...latencies].map(([name, list]) => [name, summary(list)])),
    reportingRssMiB: rss,
  };
}

function get(port: number, path: string, token: string, agent: Agent): Promise<number> {
  return new Promise((done) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', () => done(0));
    req.end();
  });
}

function adminToken(secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'bench', role: 'profession-admin', store: 'default', exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function startApp(name: string, extra: Record<string, string>, logFile: string): ChildProcess {
  const child = spawn(process.execPath, [resolve(ROOT, `dist/apps/${name}/src/main.js`)], {
    cwd: ROOT,
    env: { ...process.env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(logFile);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return child;
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing ready on port ${port}`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
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
