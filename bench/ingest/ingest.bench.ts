/**
 * Ingest benchmark: statements/s and latency of POST /xapi/statements at batch sizes 1, 10 and
 * 100, from a separate load process over loopback, against lrs-api + projector on the local
 * stack. For each size: a closed-loop phase finds the sustained maximum, then an open-loop phase
 * at 80% of it measures latency as clients would see it. CPU is the whole box's, from /proc/stat.
 * Started by `npm run bench:ingest` (scripts/bench-ingest.sh), which starts the system first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { boxCpuMicros, describeMachine, residentMiB } from './machine';
import { LoadResult, LoadTarget, percentile, runLoad } from './load';

const SIZES = [
  { batchSize: 1, concurrency: 64 },
  { batchSize: 10, concurrency: 32 },
  { batchSize: 100, concurrency: 8 },
];
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const EIGHTY_SECONDS = Number(process.env.BENCH_80_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;

interface Phase {
  readonly statementsPerSecond: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly cpuMicrosPerStatement: number;
}

async function main(): Promise<void> {
  const url = new URL(process.env.LRS_URL ?? 'http://127.0.0.1:8080/xapi');
  const target: LoadTarget = {
    host: url.hostname,
    port: Number(url.port),
    auth: `Basic ${Buffer.from(`${process.env.LRS_DEV_KEY}:${process.env.LRS_DEV_SECRET}`).toString('base64')}`,
  };
  const results = [];
  for (const size of SIZES) {
    log(`\nbatch ${size.batchSize}: warm-up ${WARM_UP_SECONDS} s`);
    await runLoad(target, { ...size, seconds: WARM_UP_SECONDS }, () => undefined);
    log(
      `batch ${size.batchSize}: maximum rate, ${size.concurrency} concurrent requests, ${MAX_SECONDS} s`,
    );
    const max = await measure(target, { ...size, seconds: MAX_SECONDS });
    const rate = 0.8 * max.requestsPerSecond;
    log(
      `batch ${size.batchSize}: 80% of maximum = ${rate.toFixed(0)} requests/s, ${EIGHTY_SECONDS} s`,
    );
    const eighty = await measure(target, { ...size, seconds: EIGHTY_SECONDS, ratePerSecond: rate });
    results.push({ ...size, max, atEightyPercent: eighty });
  }
  const memory = {
    lrsApiMiB: residentMiB(Number(process.env.LRS_PID)),
    projectorMiB: residentMiB(Number(process.env.PROJECTOR_PID)),
    kafkaMiB: residentMiB(Number(process.env.KAFKA_PID)),
    mongoMiB: residentMiB(Number(process.env.MONGO_PID)),
  };
  // The script passes LRS_CONSISTENCY_TIMEOUT_MS=0 to measure the write path alone.
  const readYourWrites = process.env.LRS_CONSISTENCY_TIMEOUT_MS !== '0';
  const name = readYourWrites ? 'ingest' : 'ingest-write-path';
  const report = {
    benchmark: 'ingest',
    readYourWrites,
    generatedAt: new Date().toISOString(),
    machine: describeMachine(),
    results,
    memory,
  };
  const dir = resolve(process.cwd(), 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${name}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(resolve(dir, `${name}.md`), markdown(report.results, memory));
  log(`\n${markdown(report.results, memory)}\nwrote bench/results/${name}.json and ${name}.md`);
}

async function measure(
  target: LoadTarget,
  options: { batchSize: number; concurrency: number; seconds: number; ratePerSecond?: number },
): Promise<Phase> {
  const cpuBefore = boxCpuMicros();
  const result = await runLoad(target, options, (sofar) => progress(sofar));
  const cpu = boxCpuMicros() - cpuBefore;
  process.stdout.write('\n');
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    statementsPerSecond: Math.round(result.statements / result.seconds),
    requestsPerSecond: Math.round(result.requests / result.seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    errors: result.errors,
    cpuMicrosPerStatement: result.statements > 0 ? Math.round(cpu / result.statements) : NaN,
  };
}

function progress(sofar: LoadResult): void {
  const rate = sofar.statements / Math.max(sofar.seconds, 0.001);
  process.stdout.write(
    `\r  ${sofar.seconds.toFixed(0)} s: ${sofar.statements} statements, ${rate.toFixed(0)}/s, ${sofar.errors} errors   `,
  );
}

function markdown(
  results: { batchSize: number; max: Phase; atEightyPercent: Phase }[],
  memory: Record<string, number | null>,
): string {
  const rows = results.map(
    (r) =>
      `| ${r.batchSize} | ${r.max.statementsPerSecond} | ${r.max.p50Ms} / ${r.max.p99Ms} | ${r.atEightyPercent.statementsPerSecond} | ${r.atEightyPercent.p50Ms} / ${r.atEightyPercent.p99Ms} | ${r.max.cpuMicrosPerStatement} | ${r.max.errors + r.atEightyPercent.errors} |`,
  );
  return [
    '# Ingest benchmark',
    '',
    `Machine: ${JSON.stringify(describeMachine())}`,
    '',
    '| batch | max statements/s | p50 / p99 ms at max | statements/s at 80% | p50 / p99 ms at 80% | box CPU µs per statement | errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Resident memory after the run (MiB): ${JSON.stringify(memory)}`,
    '',
  ].join('\n');
}

const round = (n: number) => Math.round(n * 10) / 10;
const log = (line: string) => process.stdout.write(`${line}\n`);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
