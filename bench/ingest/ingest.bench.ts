/**
 * Ingest benchmark: statements/s and latency of POST /xapi/statements at batch sizes 1, 10 and
 * 100, from a separate load process over loopback, against lrs-api + projector on the local
 * stack. For each size: a closed-loop phase finds the sustained maximum, then an open-loop phase
 * at 80% of it measures latency as clients would see it. CPU is the whole box's, from /proc/stat.
 * Started by `npm run bench:ingest` (scripts/bench-ingest.sh), which starts the system first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GcPauses } from './gc-pauses';
import { IngestPhase, IngestSizeResult, runIngestStage } from './ingest-stage';
import { describeMachine, residentMiB } from './machine';
import { LoadTarget } from './load';
import { NodeGcPauses } from './node-gc';
import { TailCauses } from './tail-causes';

const MAX_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 15);
const EIGHTY_SECONDS = Number(process.env.BENCH_INGEST_80_SECONDS ?? 10);
const WARM_UP_SECONDS = Number(process.env.BENCH_INGEST_WARM_UP_SECONDS ?? 8);
const FIRST_WARM_UP_SECONDS = Number(process.env.BENCH_INGEST_FIRST_WARM_UP_SECONDS ?? 30);

/**
 * Set when measuring another LRS (BENCH_INGEST_URL, see scripts/bench-ingest.sh): it names the
 * results file and the report, and there are no apps of ours to read metrics from.
 */
const OTHER_LRS = process.env.BENCH_INGEST_LABEL;
/** How the other LRS was set up (version, workers, database, indexes), kept with its figures. */
const SETUP = process.env.BENCH_INGEST_SETUP;
/** Where each phase's requests are written, one CSV per phase (see IngestStageOptions). */
const TRACE_DIR = process.env.BENCH_INGEST_TRACE_DIR;
/** Statements carry their own ids (see IngestStageOptions.clientIds); results get their own name. */
const CLIENT_IDS = process.env.BENCH_INGEST_CLIENT_IDS === '1';

async function main(): Promise<void> {
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  const url = new URL(process.env.LRS_URL ?? 'http://127.0.0.1:8080/xapi');
  const credentials =
    process.env.BENCH_INGEST_CREDENTIALS ??
    `${process.env.LRS_DEV_KEY}:${process.env.LRS_DEV_SECRET}`;
  const target: LoadTarget = {
    host: url.hostname,
    port: Number(url.port),
    auth: `Basic ${Buffer.from(credentials).toString('base64')}`,
    statementsPath: `${url.pathname.replace(/\/$/, '')}/statements`,
    xapiVersion: process.env.BENCH_INGEST_XAPI_VERSION ?? '2.0.0',
  };
  const processes = OTHER_LRS
    ? { ...namedPids(process.env.BENCH_INGEST_PROCESSES ?? ''), ...servers() }
    : { 'lrs-api': pidOf('LRS_PID'), projector: pidOf('PROJECTOR_PID'), ...servers() };
  const results = await runIngestStage(target, {
    warmUpSeconds: WARM_UP_SECONDS,
    firstWarmUpSeconds: FIRST_WARM_UP_SECONDS,
    maxSeconds: MAX_SECONDS,
    eightySeconds: EIGHTY_SECONDS,
    processes,
    gcLogs: { kafka: process.env.KAFKA_GC_LOG, mongo: process.env.MONGO_GC_LOG },
    ...(TRACE_DIR ? { traceDir: TRACE_DIR } : {}),
    clientIds: CLIENT_IDS,
    ...(OTHER_LRS
      ? {}
      : {
          metrics: {
            lrs: `${url.origin}/metrics`,
            ...(process.env.PROJECTOR_URL
              ? { projector: `${process.env.PROJECTOR_URL}/metrics` }
              : {}),
          },
        }),
  });
  const memory = OTHER_LRS
    ? Object.fromEntries(
        Object.entries(processes).map(([name, pid]) => [`${name}MiB`, residentMiB(Number(pid))]),
      )
    : {
        lrsApiMiB: residentMiB(Number(process.env.LRS_PID)),
        projectorMiB: residentMiB(Number(process.env.PROJECTOR_PID)),
        kafkaMiB: residentMiB(Number(process.env.KAFKA_PID)),
        mongoMiB: residentMiB(Number(process.env.MONGO_PID)),
      };
  // The script passes LRS_CONSISTENCY_TIMEOUT_MS=0 to measure the write path alone.
  const readYourWrites = process.env.LRS_CONSISTENCY_TIMEOUT_MS !== '0';
  const base = OTHER_LRS ? `ingest-${OTHER_LRS}` : readYourWrites ? 'ingest' : 'ingest-write-path';
  const name = CLIENT_IDS ? `${base}-client-ids` : base;
  const report = {
    benchmark: 'ingest',
    ...(OTHER_LRS ? { lrs: OTHER_LRS, url: url.href, setup: SETUP } : { readYourWrites }),
    clientIds: CLIENT_IDS,
    generatedAt: new Date().toISOString(),
    machine: describeMachine(),
    results,
    memory,
  };
  const dir = resolve(process.cwd(), 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${name}.json`), JSON.stringify(report, null, 2) + '\n');
  const text = markdown(report.results, memory, report.machine);
  writeFileSync(resolve(dir, `${name}.md`), text);
  log(`\n${text}\nwrote bench/results/${name}.json and ${name}.md`);
}

function markdown(
  results: readonly IngestSizeResult[],
  memory: Record<string, number | null>,
  machine: Record<string, unknown>,
): string {
  const rows = results.map(
    (r) =>
      `| ${r.batchSize} | ${r.max.statementsPerSecond} | ${r.max.p50Ms} / ${r.max.p99Ms} | ${r.atEightyPercent.statementsPerSecond} | ${r.atEightyPercent.p50Ms} / ${r.atEightyPercent.p99Ms} | ${r.max.cpuMicrosPerStatement} | ${byProcess(r.max.cpuMicrosByProcess)} | ${r.max.errors + r.atEightyPercent.errors} |`,
  );
  return [
    OTHER_LRS ? `# Ingest benchmark: ${OTHER_LRS}` : '# Ingest benchmark',
    '',
    `Machine: ${JSON.stringify(machine)}`,
    '',
    ...(OTHER_LRS && SETUP ? [`Setup: ${SETUP}`, ''] : []),
    ...(CLIENT_IDS
      ? ['Every statement carries its own random id, as most xAPI clients send one.', '']
      : []),
    '| batch | max statements/s | p50 / p99 ms at max | statements/s at 80% | p50 / p99 ms at 80% | box CPU µs per statement | by process at max, µs per statement | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(OTHER_LRS ? [] : waits(results)),
    ...gcTable(results),
    ...tailTable(results),
    ...nodeGcTable(results),
    `Resident memory after the run (MiB): ${JSON.stringify(memory)}`,
    '',
  ].join('\n');
}

/** Where a write of ours waits, from our apps' metrics: another LRS has none. */
function waits(results: readonly IngestSizeResult[]): string[] {
  return [
    "Where a write waits at 80% of the maximum (means over the phase, from the apps' histograms): one produce request (a flush of many writes), the wait for the statement store to pass its offsets, and from `stored` until the statement store has written it.",
    '',
    '| batch | produce request ms | read-your-writes wait ms | statement store has it after ms |',
    '| --- | --- | --- | --- |',
    ...results.map(
      ({ batchSize, atEightyPercent: { latency } }) =>
        `| ${batchSize} | ${latency?.produceRequestMs ?? '-'} | ${latency?.readYourWritesWaitMs ?? '-'} | ${latency?.storeHasItMs ?? '-'} |`,
    ),
    '',
  ];
}

/**
 * The Java servers' stop-the-world pauses in each phase: a request that meets one waits it out,
 * so a pause of the local MongoDB-wire server's heap is a tail latency that a real mongod (no
 * garbage collector) would not add.
 */
function gcTable(results: readonly IngestSizeResult[]): string[] {
  return pausesTable(
    results,
    'Garbage-collection pauses of the Java servers (count / total ms / longest ms): while one lasts, every request that needs that server waits.',
    (phase) => phase.gcPauses,
    (pauses: GcPauses) =>
      `${pauses.count} / ${pauses.totalMs} / ${pauses.longestMs}${pauses.full > 0 ? ` (${pauses.full} full)` : ''}`,
  );
}

/** How much of each phase's tail the Java servers' pauses explain. */
function tailTable(results: readonly IngestSizeResult[]): string[] {
  return pausesTable(
    results,
    'The slowest 1% of requests (at or above p99): how many, and how many of them were in flight while each Java server was stopped for garbage collection.',
    (phase) => (phase.tail ? { 'slowest 1%': phase.tail } : undefined),
    (tail: TailCauses) =>
      `${tail.slowest}: ${Object.entries(tail.duringPause)
        .map(([server, n]) => `${server} ${n}`)
        .join(', ')}, any ${tail.duringAnyPause}`,
  );
}

/** Our Node.js apps' GC pauses: each stops the app's one thread, and every request inside it. */
function nodeGcTable(results: readonly IngestSizeResult[]): string[] {
  const over = (n: number | null) => (n === null ? '-' : String(n));
  return pausesTable(
    results,
    "Garbage-collection pauses of our Node.js apps (count / total ms / over 25 ms / over 100 ms), from their `nodejs_gc_duration_seconds`: each stops the app's one thread.",
    (phase) => phase.nodeGcPauses,
    (pauses: NodeGcPauses) =>
      `${pauses.count} / ${pauses.totalMs} / ${over(pauses.over25Ms)} / ${over(pauses.over100Ms)}`,
  );
}

/** One row per batch size, a column per process and phase. */
function pausesTable<T>(
  results: readonly IngestSizeResult[],
  title: string,
  pick: (phase: IngestPhase) => Record<string, T> | undefined,
  format: (pauses: T) => string,
): string[] {
  const names = [...new Set(results.flatMap((r) => Object.keys(pick(r.atEightyPercent) ?? {})))];
  if (names.length === 0) return [];
  const cell = (phase: IngestPhase, name: string) => {
    const pauses = pick(phase)?.[name];
    return pauses === undefined ? '-' : format(pauses);
  };
  return [
    title,
    '',
    `| batch | ${names.map((n) => `${n} at max | ${n} at 80%`).join(' | ')} |`,
    `| --- | ${names.map(() => '--- | ---').join(' | ')} |`,
    ...results.map(
      (r) =>
        `| ${r.batchSize} | ${names.map((n) => `${cell(r.max, n)} | ${cell(r.atEightyPercent, n)}`).join(' | ')} |`,
    ),
    '',
  ];
}

const byProcess = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([name, micros]) => `${name} ${micros}`)
    .join(', ');
const pidOf = (name: string) => Number(process.env[name]) || undefined;
const servers = () => ({ kafka: pidOf('KAFKA_PID'), mongo: pidOf('MONGO_PID') });

/** `name=pid,name=pid`: another LRS's processes, whose CPU is reported one by one. */
function namedPids(list: string): Record<string, number> {
  const named: Record<string, number> = {};
  for (const entry of list.split(',').filter((e) => e.trim() !== '')) {
    const [name, pid] = entry.split('=');
    if (!name || !Number(pid))
      throw new Error(`BENCH_INGEST_PROCESSES: "${entry}" is not name=pid`);
    named[name.trim()] = Number(pid);
  }
  return named;
}
const log = (line: string) => process.stdout.write(`${line}\n`);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
