import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { breakdown, LatencyBreakdown, MetricsUrls, scrape } from './latency-breakdown';
import { GcPause, GcPauses, pausesWithin, readGcLogs } from './gc-pauses';
import { gcPausesOfApps, NodeGcPauses, scrapeGc } from './node-gc';
import { boxCpuMicros, processCpuMicros } from './machine';
import { LEARNERS, LoadResult, LoadTarget, percentile, runLoad } from './load';
import { tailCauses, TailCauses, TimedRequest } from './tail-causes';

/** Batch sizes of the ingest figures, each with the concurrency that saturates it. */
export const INGEST_SIZES = [
  { batchSize: 1, concurrency: 64 },
  { batchSize: 10, concurrency: 32 },
  { batchSize: 100, concurrency: 8 },
] as const;

export interface IngestPhase {
  readonly statementsPerSecond: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly cpuMicrosPerStatement: number;
  /** CPU per statement of each named process (/proc/<pid>/stat), the load process included. */
  readonly cpuMicrosByProcess: Record<string, number>;
  /** Means of the steps inside a write, from the apps' metrics (when their URLs are given). */
  readonly latency?: LatencyBreakdown;
  /** Stop-the-world GC pauses of the Java servers (Kafka, the MongoDB-wire server) in the phase. */
  readonly gcPauses?: Record<string, GcPauses>;
  /** GC pauses of our Node.js apps in the phase, from their metrics (lrs-api, projector). */
  readonly nodeGcPauses?: Record<string, NodeGcPauses>;
  /** The requests at or above p99, and how many of them met a Java server's GC pause. */
  readonly tail?: TailCauses;
}

export interface IngestSizeResult {
  readonly batchSize: number;
  readonly concurrency: number;
  readonly max: IngestPhase;
  readonly atEightyPercent: IngestPhase;
}

export interface IngestStageOptions {
  readonly warmUpSeconds: number;
  /**
   * The first size's warm-up, when longer. The broker's JIT takes about half a minute of small
   * requests to settle (after 8 s Kafka still spent 350 µs per single-statement POST, against
   * 120-150 µs once warm); later sizes find it warm, and more warm-up there only grows the data.
   */
  readonly firstWarmUpSeconds?: number;
  readonly maxSeconds: number;
  readonly eightySeconds: number;
  /** Processes whose CPU is reported one by one, by name. */
  readonly processes?: Readonly<Record<string, number | undefined>>;
  /** The apps' GET /metrics, for the latency breakdown. */
  readonly metrics?: MetricsUrls;
  /** GC logs of the Java servers, by name (see gc-pauses.ts). */
  readonly gcLogs?: Readonly<Record<string, string | undefined>>;
  /**
   * Where each phase's requests go, one CSV per phase (`b<batch>-<max|80>.csv`: sent at, ms since
   * the epoch, and latency), to line a tail up with the servers' logs.
   */
  readonly traceDir?: string;
  /**
   * Statements carry their own (random) ids, as most xAPI clients send them. Without, the LRS
   * assigns time-ordered ones; with, it also claims each id before producing it.
   */
  readonly clientIds?: boolean;
}

/**
 * For each batch size: a closed-loop phase finds the sustained maximum, then an open-loop phase
 * at 80% of it measures latency as clients would see it. CPU is the whole box's, from /proc/stat.
 */
export async function runIngestStage(
  target: LoadTarget,
  options: IngestStageOptions,
): Promise<IngestSizeResult[]> {
  const results: IngestSizeResult[] = [];
  // Steady state, as an LRS in service sees it: every learner the load posts for already has its
  // key (a learner's first statement also creates one), and the servers' JITs are warm.
  log(
    `priming: one statement for each of ${LEARNERS.toLocaleString('en-GB')} learners, in batches of 100`,
  );
  await runLoad(
    target,
    {
      batchSize: 100,
      concurrency: 8,
      seconds: 120,
      maxStatements: LEARNERS,
      clientIds: options.clientIds,
    },
    (sofar) => progress(sofar),
  );
  process.stdout.write('\n');
  for (const [index, size] of INGEST_SIZES.entries()) {
    const warmUp =
      index === 0 ? (options.firstWarmUpSeconds ?? options.warmUpSeconds) : options.warmUpSeconds;
    log(`batch ${size.batchSize}: warm-up ${warmUp} s`);
    await runLoad(
      target,
      { ...size, seconds: warmUp, clientIds: options.clientIds },
      () => undefined,
    );
    log(
      `batch ${size.batchSize}: maximum rate, ${size.concurrency} concurrent requests, ${options.maxSeconds} s`,
    );
    const max = await measureLoad(target, { ...size, seconds: options.maxSeconds }, options);
    const rate = 0.8 * max.requestsPerSecond;
    log(
      `batch ${size.batchSize}: 80% of maximum = ${rate.toFixed(0)} requests/s, ${options.eightySeconds} s`,
    );
    const atEightyPercent = await measureLoad(
      target,
      {
        ...size,
        seconds: options.eightySeconds,
        ratePerSecond: rate,
      },
      options,
    );
    results.push({ ...size, max, atEightyPercent });
  }
  return results;
}

async function measureLoad(
  target: LoadTarget,
  options: { batchSize: number; concurrency: number; seconds: number; ratePerSecond?: number },
  stage: IngestStageOptions,
): Promise<IngestPhase> {
  const named = stage.processes ?? {};
  const processes = Object.values(named).includes(process.pid)
    ? named
    : { ...named, 'load process': process.pid };
  const metricsBefore = stage.metrics ? await scrape(stage.metrics) : undefined;
  const appGcBefore = await scrapeGc(appMetrics(stage.metrics));
  const perProcessBefore = processCpu(processes);
  const cpuBefore = boxCpuMicros();
  const from = Date.now();
  const result = await runLoad(target, { ...options, clientIds: stage.clientIds }, (sofar) =>
    progress(sofar),
  );
  const cpu = boxCpuMicros() - cpuBefore;
  const to = Date.now();
  const serverPauses = pausesOfServers(stage.gcLogs);
  const perProcess = processCpu(processes);
  const latency =
    stage.metrics && metricsBefore
      ? breakdown(metricsBefore, await scrape(stage.metrics))
      : undefined;
  const nodeGcPauses = gcPausesOfApps(appGcBefore, await scrapeGc(appMetrics(stage.metrics)));
  process.stdout.write('\n');
  const perStatement = (micros: number) =>
    result.statements > 0 ? Math.round(micros / result.statements) : NaN;
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const requests: TimedRequest[] = result.sentAtMs.map((sentAt, i) => ({
    sentAt,
    latencyMs: result.latenciesMs[i]!,
  }));
  if (stage.traceDir) writeTrace(stage.traceDir, options, requests);
  return {
    statementsPerSecond: Math.round(result.statements / result.seconds),
    requestsPerSecond: Math.round(result.requests / result.seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    errors: result.errors,
    cpuMicrosPerStatement: perStatement(cpu),
    cpuMicrosByProcess: Object.fromEntries(
      Object.entries(perProcess).map(([name, micros]) => [
        name,
        perStatement(micros - (perProcessBefore[name] ?? 0)),
      ]),
    ),
    ...(latency ? { latency } : {}),
    ...(serverPauses ? { gcPauses: summarised(serverPauses, from, to) } : {}),
    ...(Object.keys(nodeGcPauses).length > 0 ? { nodeGcPauses } : {}),
    ...(serverPauses ? { tail: tailCauses(requests, percentile(sorted, 99), serverPauses) } : {}),
  };
}

function writeTrace(
  dir: string,
  options: { batchSize: number; ratePerSecond?: number },
  requests: readonly TimedRequest[],
): void {
  const phase = options.ratePerSecond ? '80' : 'max';
  const lines = requests.map((r) => `${r.sentAt.toFixed(1)},${r.latencyMs.toFixed(2)}`);
  writeFileSync(
    resolve(dir, `b${options.batchSize}-${phase}.csv`),
    ['sentAtMs,latencyMs', ...lines].join('\n') + '\n',
  );
}

const appMetrics = (metrics: MetricsUrls | undefined) => ({
  'lrs-api': metrics?.lrs,
  projector: metrics?.projector,
});

/**
 * Each Java server's stop-the-world pauses so far, by name: the summary keeps those that ended
 * within the phase, and the tail count those that overlapped a request (one that began before
 * the phase's last answer and ended after it counts too).
 */
function pausesOfServers(
  logs: IngestStageOptions['gcLogs'],
): Record<string, GcPause[]> | undefined {
  if (!logs) return undefined;
  const read = readGcLogs(logs);
  return Object.keys(read).length > 0 ? read : undefined;
}

/** The count, total and longest of each server's pauses that ended within the phase. */
function summarised(
  pauses: Readonly<Record<string, GcPause[]>>,
  from: number,
  to: number,
): Record<string, GcPauses> {
  return Object.fromEntries(
    Object.entries(pauses).map(([name, all]) => [name, pausesWithin(all, from, to)]),
  );
}

function processCpu(pids: Readonly<Record<string, number | undefined>>): Record<string, number> {
  const cpu: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const micros = pid ? processCpuMicros(pid) : null;
    if (micros !== null) cpu[name] = micros;
  }
  return cpu;
}

function progress(sofar: LoadResult): void {
  const rate = sofar.statements / Math.max(sofar.seconds, 0.001);
  process.stdout.write(
    `\r  ${sofar.seconds.toFixed(0)} s: ${sofar.statements} statements, ${rate.toFixed(0)}/s, ${sofar.errors} errors   `,
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
const log = (line: string) => process.stdout.write(`${line}\n`);
