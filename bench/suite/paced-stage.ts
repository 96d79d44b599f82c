import { Catalogue } from '@lr/catalogue';
import { LoadTarget, percentile, runLoad } from '../ingest/load';
import { adminToken } from '../common/reporting-load';
import { ConsumerLag, Lags } from './consumer-lag';
import { FreshnessProbe, FreshnessResult } from './freshness-probe';
import { LagSample, LagTrend, lagTrend } from './lag-trend';
import { programmeTraffic } from './programme-load';
import { CpuCost, ResourceMeter } from './resource-meter';
import { SystemUnderTest } from './system-under-test';

export interface PacedStageOptions {
  readonly label: string;
  /** Share of the maximum ingest rate. */
  readonly share: number;
  readonly maxStatementsPerSecond: number;
  readonly batchSize: number;
  readonly seconds: number;
  readonly probeGapMs: number;
  readonly seed: number;
}

export interface PacedStageResult {
  readonly share: number;
  readonly batchSize: number;
  readonly seconds: number;
  readonly targetStatementsPerSecond: number;
  readonly achievedStatementsPerSecond: number;
  readonly postErrors: number;
  readonly postP50Ms: number;
  readonly postP99Ms: number;
  readonly freshness: FreshnessResult;
  readonly lag: {
    readonly statementStore: LagTrend;
    readonly learning: LagTrend;
    readonly samples: readonly { atSeconds: number; statementStore: number; learning: number }[];
  };
  readonly cost: CpuCost;
}

/**
 * Programme traffic at a share of the maximum ingest rate (open loop, so a slow server does not
 * slow the load down), while freshness probes run one after another and consumer lag is sampled
 * every second.
 */
export async function runPacedStage(
  system: SystemUnderTest,
  lagMeter: ConsumerLag,
  meter: ResourceMeter,
  catalogue: Catalogue,
  options: PacedStageOptions,
): Promise<PacedStageResult> {
  const rate = options.share * options.maxStatementsPerSecond;
  const url = new URL(system.lrsUrl);
  const target: LoadTarget = { host: url.hostname, port: Number(url.port), auth: system.lrsAuth };
  const probe = new FreshnessProbe(
    {
      lrs: system.lrsUrl,
      lrsAuth: system.lrsAuth,
      reporting: system.reportingUrl,
      reportingToken: adminToken(system.env.REPORTING_JWT_SECRET!),
    },
    catalogue,
    `${system.prefix}-${options.seed}`,
  );
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const samples: { atSeconds: number; statementStore: number; learning: number }[] = [];
  let latest: Lags | undefined;
  const sampleLag = async () => {
    while (performance.now() < until) {
      latest = await lagMeter.sample();
      samples.push({
        atSeconds: (performance.now() - started) / 1000,
        statementStore: latest.statementStore.lag,
        learning: latest.learning.lag,
      });
      await new Promise((r) => setTimeout(r, 1_000));
    }
  };
  const closeCpu = meter.cpuWindow();
  const [load, freshness] = await Promise.all([
    runLoad(
      target,
      {
        batchSize: options.batchSize,
        concurrency: 32,
        seconds: options.seconds,
        ratePerSecond: rate / options.batchSize,
        source: programmeTraffic(catalogue, options.seed),
      },
      (sofar) =>
        process.stderr.write(
          `\r  ${options.label}: ${sofar.seconds.toFixed(0)}/${options.seconds} s, ${Math.round(sofar.statements / Math.max(sofar.seconds, 0.001))} statements/s (target ${Math.round(rate)}), ${sofar.errors} errors, lag: store ${latest?.statementStore.lag ?? '?'} learning ${latest?.learning.lag ?? '?'}, ${probe.count} probes   `,
        ),
    ),
    probe.run(until, options.probeGapMs),
    sampleLag(),
  ]);
  process.stderr.write('\n');
  const cost = closeCpu(load.statements);
  const sorted = [...load.latenciesMs].sort((a, b) => a - b);
  const trendOf = (pick: (s: (typeof samples)[number]) => number): LagTrend =>
    lagTrend(
      samples.map((s): LagSample => ({ atSeconds: s.atSeconds, lag: pick(s) })),
      rate,
    );
  return {
    share: options.share,
    batchSize: options.batchSize,
    seconds: options.seconds,
    targetStatementsPerSecond: Math.round(rate),
    achievedStatementsPerSecond: Math.round(load.statements / load.seconds),
    postErrors: load.errors,
    postP50Ms: round(percentile(sorted, 50)),
    postP99Ms: round(percentile(sorted, 99)),
    freshness,
    lag: {
      statementStore: trendOf((s) => s.statementStore),
      learning: trendOf((s) => s.learning),
      samples: samples.map((s) => ({ ...s, atSeconds: round(s.atSeconds) })),
    },
    cost,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
