/**
 * npm run bench (scripts/bench.sh starts a fresh private stack, then this load process):
 *   1. ingest: statements/s and p50/p99 at batch sizes 1, 10 and 100;
 *   2. freshness at 80% of the maximum ingest rate;
 *   3. a soak at 50% of it: consumer lag must not grow; freshness at 50% measured meanwhile;
 *   4. the programme simulation posted through the LRS, the projector timed on it, and the
 *      reporting API's figures checked against the simulator's own count (fails loudly if not);
 *   5. reporting API p50/p99 over the simulated learners;
 *   6. cost: CPU per statement and resident memory of each process, from /proc.
 * Results: bench/results/bench.json and bench.md (BENCH_RESULTS_DIR).
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalogue } from '@lr/catalogue';
import { validateEnv } from '@lr/config';
import { ROOT } from '../common/app-processes';
import { adminToken, loadReporting, reportingMix } from '../common/reporting-load';
import { runIngestStage } from '../ingest/ingest-stage';
import { describeBox } from '../ingest/machine';
import { BenchEnv } from './bench.env';
import { benchMarkdown } from './bench-markdown';
import { BenchResults } from './bench-results';
import { ConsumerLag, ProjectorStalledError } from './consumer-lag';
import { runPacedStage } from './paced-stage';
import { ResourceMeter } from './resource-meter';
import { runSimulationStage, simulatedProgramme } from './simulation-stage';
import { SystemUnderTest } from './system-under-test';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every environment started, so a failure or Ctrl-C stops its apps rather than orphaning them. */
const systems: SystemUnderTest[] = [];

async function main(): Promise<void> {
  const env = validateEnv(BenchEnv);
  const startedAt = env.BENCH_STARTED_AT ? env.BENCH_STARTED_AT * 1000 : Date.now();
  const catalogue = loadCatalogue();
  const meter = new ResourceMeter();
  meter.track('kafka', env.KAFKA_PID);
  meter.track('mongo', env.MONGO_PID);
  meter.track('bench load process', process.pid);
  meter.start();
  const machine = describeBox({ kafkaPid: env.KAFKA_PID, mongoPid: env.MONGO_PID });
  const run = `bench${Date.now().toString(36)}`;
  const logDir = resolve(ROOT, '.local/bench/logs');
  mkdirSync(logDir, { recursive: true });
  const defaults = new BenchEnv();
  const sizes = [
    'BENCH_LEARNERS',
    'BENCH_MONTHS',
    'BENCH_INGEST_SECONDS',
    'BENCH_INGEST_80_SECONDS',
    'BENCH_FRESHNESS_SECONDS',
    'BENCH_SOAK_SECONDS',
    'BENCH_REPORT_SECONDS',
  ] as const;
  const results: Mutable<BenchResults> = {
    benchmark: 'bench',
    generatedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtStart: machine.loadAverage },
    settings: Object.fromEntries(
      Object.entries(env).filter(([key]) => key.startsWith('BENCH_') && key !== 'BENCH_STARTED_AT'),
    ),
    reduced:
      sizes.some((key) => env[key] < defaults[key]) || env.BENCH_MONTHS !== defaults.BENCH_MONTHS,
    stageSeconds: {},
    totalSeconds: 0,
    errors: [],
  };
  const errors: string[] = [];
  let stageNumber = 0;
  const stage = async <T>(name: string, body: () => Promise<T>): Promise<T | undefined> => {
    stageNumber += 1;
    log(`\n==> [${stageNumber}/6] ${name}`);
    const began = performance.now();
    try {
      return await body();
    } catch (error) {
      errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      log(`  FAILED: ${errors[errors.length - 1]}`);
      return undefined;
    } finally {
      const seconds = Math.round((performance.now() - began) / 100) / 10;
      results.stageSeconds[name] = seconds;
      log(
        `  ${name}: ${seconds} s (${Math.round((Date.now() - startedAt) / 1000)} s since npm run bench began)`,
      );
    }
  };
  const base = {
    KAFKA_BROKERS: env.KAFKA_BROKERS,
    MONGO_URL: env.MONGO_URL,
    KAFKA_STATEMENT_PARTITIONS: env.KAFKA_STATEMENT_PARTITIONS,
  };

  // Stages 1-3 share one environment; the simulation gets a clean one, so its figures are its own.
  const load = new SystemUnderTest(`${run}l`, logDir, meter, base);
  systems.push(load);
  const loadLag = new ConsumerLag(env.KAFKA_BROKERS, load.prefix);
  log(
    `starting lrs-api, projector and reporting-api (topic prefix and database ${load.prefix}; logs in ${logDir})`,
  );
  // One after the other: on a fresh broker, two apps creating the topics at once can race (the
  // projector has been seen to exit on UNKNOWN_TOPIC_OR_PARTITION).
  await load.start(['lrs-api']);
  await load.start(['projector', 'reporting-api']);
  await loadLag.connect();

  results.ingest = await stage('ingest', async () => {
    const url = new URL(load.lrsUrl);
    return runIngestStage(
      { host: url.hostname, port: Number(url.port), auth: load.lrsAuth },
      {
        warmUpSeconds: env.BENCH_INGEST_WARM_UP_SECONDS,
        firstWarmUpSeconds: env.BENCH_INGEST_FIRST_WARM_UP_SECONDS,
        maxSeconds: env.BENCH_INGEST_SECONDS,
        eightySeconds: env.BENCH_INGEST_80_SECONDS,
        processes: meter.processes(),
      },
    );
  });
  const best = results.ingest?.reduce((a, b) =>
    b.max.statementsPerSecond > a.max.statementsPerSecond ? b : a,
  );
  if (best) {
    results.maxIngest = {
      batchSize: best.batchSize,
      statementsPerSecond: best.max.statementsPerSecond,
    };
    log(
      `  maximum ingest rate: ${best.max.statementsPerSecond} statements/s at batch ${best.batchSize}`,
    );
  }
  const paced = (label: string, share: number, seconds: number, seed: number) => async () => {
    await loadLag
      .waitCaughtUp(env.BENCH_CATCH_UP_SECONDS, 'projector catching up first')
      .catch((error: unknown) => {
        // Measured anyway (new traffic may move it on), but the run reports it and fails.
        if (!(error instanceof ProjectorStalledError)) throw error;
        errors.push(error.message);
        log(`  ${error.message}`);
      });
    return runPacedStage(load, loadLag, meter, catalogue, {
      label,
      share,
      maxStatementsPerSecond: best!.max.statementsPerSecond,
      batchSize: best!.batchSize,
      seconds,
      probeGapMs: env.BENCH_PROBE_GAP_MS,
      seed,
    });
  };
  if (best) {
    results.freshnessAt80 = await stage(
      'freshness at 80% load',
      paced('80% load', 0.8, env.BENCH_FRESHNESS_SECONDS, 100_000),
    );
    results.soakAt50 = await stage(
      'soak at 50% load',
      paced('soak, 50% load', 0.5, env.BENCH_SOAK_SECONDS, 200_000),
    );
  }
  await loadLag.disconnect();
  await load.stopAll();
  await load.dropDatabase();

  const sim = new SystemUnderTest(`${run}s`, logDir, meter, base);
  systems.push(sim);
  const simLag = new ConsumerLag(env.KAFKA_BROKERS, sim.prefix);
  await simLag.connect();
  const programme = simulatedProgramme(catalogue, {
    learners: env.BENCH_LEARNERS,
    months: env.BENCH_MONTHS,
    seed: env.BENCH_SEED,
  });
  results.simulation = await stage('programme simulation through the LRS', () =>
    runSimulationStage(sim, simLag, meter, programme, {
      batchSize: env.BENCH_POST_BATCH,
      concurrency: env.BENCH_POST_CONCURRENCY,
      catchUpSeconds: env.BENCH_CATCH_UP_SECONDS,
    }),
  );
  if (results.simulation?.projectorStalled) errors.push(results.simulation.projectorStalled);
  if (results.simulation) {
    const learners = programme.learners;
    results.reporting = await stage('reporting API', () =>
      loadReporting(
        sim.port('reporting-api'),
        adminToken(sim.env.REPORTING_JWT_SECRET!),
        reportingMix(catalogue, (n) => learners[(n * 7919) % learners.length]!.email),
        { seconds: env.BENCH_REPORT_SECONDS, concurrency: env.BENCH_REPORT_CONCURRENCY },
      ),
    );
  }
  await stage('cost', () => {
    meter.stop();
    results.memory = { peakRssMiB: meter.peakRssMiB() };
    log(`  peak resident memory (MiB): ${JSON.stringify(results.memory.peakRssMiB)}`);
    return Promise.resolve();
  });
  await simLag.disconnect();
  await sim.stopAll();
  await sim.dropDatabase();

  results.totalSeconds = Math.round((Date.now() - startedAt) / 1000);
  results.errors = errors;
  const unequal = results.simulation?.aggregates.checks.filter((check) => !check.equal) ?? [];
  const outDir = resolve(ROOT, env.BENCH_RESULTS_DIR);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  const markdown = benchMarkdown(results);
  writeFileSync(resolve(outDir, 'bench.md'), markdown);
  log(`\n${markdown}\nwrote ${outDir}/bench.json and bench.md`);
  if (unequal.length > 0) {
    log('\n!!! THE REPORTING API DOES NOT SHOW THE SIMULATED PROGRAMME !!!');
    for (const check of unequal) {
      log(
        `  ${check.figure}: simulator ${JSON.stringify(check.expected)}, reporting API ${JSON.stringify(check.reported)}`,
      );
    }
  }
  if (unequal.length > 0 || errors.length > 0) process.exit(1);
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function stopEverything(): Promise<void> {
  await Promise.all(systems.map((system) => system.stopAll().catch(() => undefined)));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the apps`);
    void stopEverything().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopEverything();
  process.exit(1);
});
