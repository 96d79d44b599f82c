import { boxCpuMicros } from './machine';
import { LoadResult, LoadTarget, percentile, runLoad } from './load';

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
}

export interface IngestSizeResult {
  readonly batchSize: number;
  readonly concurrency: number;
  readonly max: IngestPhase;
  readonly atEightyPercent: IngestPhase;
}

export interface IngestStageOptions {
  readonly warmUpSeconds: number;
  readonly maxSeconds: number;
  readonly eightySeconds: number;
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
  for (const size of INGEST_SIZES) {
    log(`batch ${size.batchSize}: warm-up ${options.warmUpSeconds} s`);
    await runLoad(target, { ...size, seconds: options.warmUpSeconds }, () => undefined);
    log(
      `batch ${size.batchSize}: maximum rate, ${size.concurrency} concurrent requests, ${options.maxSeconds} s`,
    );
    const max = await measureLoad(target, { ...size, seconds: options.maxSeconds });
    const rate = 0.8 * max.requestsPerSecond;
    log(
      `batch ${size.batchSize}: 80% of maximum = ${rate.toFixed(0)} requests/s, ${options.eightySeconds} s`,
    );
    const atEightyPercent = await measureLoad(target, {
      ...size,
      seconds: options.eightySeconds,
      ratePerSecond: rate,
    });
    results.push({ ...size, max, atEightyPercent });
  }
  return results;
}

async function measureLoad(
  target: LoadTarget,
  options: { batchSize: number; concurrency: number; seconds: number; ratePerSecond?: number },
): Promise<IngestPhase> {
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

const round = (n: number) => Math.round(n * 10) / 10;
const log = (line: string) => process.stdout.write(`${line}\n`);
