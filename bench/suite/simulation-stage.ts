import { Catalogue } from '@lr/catalogue';
import {
  expectedAggregates,
  ExpectedAggregates,
} from '../../apps/simulator/src/expected-aggregates';
import { postStatements } from '../../apps/simulator/src/lrs-poster';
import { simulateProgramme, SimulatedProgramme } from '../../apps/simulator/src/programme-model';
import { DEFAULT_OPTIONS } from '../../apps/simulator/src/simulation-options';
import { adminToken } from '../common/reporting-load';
import { compareAggregates, FigureCheck, ReportedAggregates } from './aggregate-check';
import { CatchUp, ConsumerLag, ProjectorStalledError } from './consumer-lag';
import { CpuCost, ResourceMeter } from './resource-meter';
import { SystemUnderTest } from './system-under-test';

export interface SimulationOptions {
  readonly batchSize: number;
  readonly concurrency: number;
  readonly catchUpSeconds: number;
}

export interface SimulationResult {
  readonly learners: number;
  readonly months: number;
  readonly statements: number;
  readonly post: {
    readonly batchSize: number;
    readonly concurrency: number;
    readonly seconds: number;
    readonly statementsPerSecond: number;
  };
  /** The whole posted backlog, from the projector's start until each group had read it all. */
  readonly projector: null | {
    readonly seconds: number;
    readonly statementsPerSecond: number;
    readonly statementStoreSeconds: number;
    readonly learningSeconds: number;
    readonly learningStatementsPerSecond: number;
  };
  /** Why the projector figures are missing: it stopped moving before it had read everything. */
  readonly projectorStalled?: string;
  readonly aggregates: {
    readonly equal: boolean;
    readonly checks: readonly FigureCheck[];
    readonly expected: ExpectedAggregates;
  };
  readonly cost: CpuCost;
}

/**
 * The programme simulator's model, BENCH_LEARNERS learners over BENCH_MONTHS months, posted
 * through the LRS with read-your-writes off and no projector running, so that afterwards the
 * projector can be timed on the whole backlog (sustained statements/s into every read model).
 * Then the reporting API's figures must equal the simulator's own count, figure by figure.
 */
export async function runSimulationStage(
  system: SystemUnderTest,
  lagMeter: ConsumerLag,
  meter: ResourceMeter,
  programme: SimulatedProgramme,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const { learners } = programme;
  const months = new Set(learners.map((l) => new Date(l.registeredAt).toISOString().slice(0, 7)))
    .size;
  const expected = expectedAggregates(programme);
  const statements = learners.flatMap((learner) => learner.statements);
  log(`  ${learners.length} learners over ${months} months: ${statements.length} statements`);

  await system.start(['lrs-api'], { LRS_CONSISTENCY_TIMEOUT_MS: '0' });
  const closeCpu = meter.cpuWindow();
  const postStarted = performance.now();
  await postStatements(statements, {
    url: system.lrsUrl,
    key: system.env.LRS_DEV_KEY!,
    secret: system.env.LRS_DEV_SECRET!,
    batchSize: options.batchSize,
    concurrency: options.concurrency,
    onProgress: progressBar('  posting', statements.length, postStarted),
  });
  process.stderr.write('\n');
  const postSeconds = (performance.now() - postStarted) / 1000;

  log('  starting the projector on the backlog');
  const projectorStarted = performance.now();
  await system.start(['projector']);
  const startupSeconds = (performance.now() - projectorStarted) / 1000;
  const catchUp = await lagMeter
    .waitCaughtUp(options.catchUpSeconds, 'projecting')
    .catch((error: unknown) => {
      if (error instanceof ProjectorStalledError) return error;
      throw error;
    });
  const cost = closeCpu(statements.length);

  await system.start(['reporting-api']);
  const aggregates = await checkAggregates(system, expected);
  return {
    learners: learners.length,
    months,
    statements: statements.length,
    post: {
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      seconds: round(postSeconds),
      statementsPerSecond: Math.round(statements.length / postSeconds),
    },
    projector:
      catchUp instanceof Error
        ? null
        : projectorFigures(statements.length, startupSeconds, catchUp),
    ...(catchUp instanceof Error ? { projectorStalled: catchUp.message } : {}),
    aggregates,
    cost,
  };
}

function projectorFigures(statements: number, startupSeconds: number, catchUp: CatchUp) {
  const seconds = startupSeconds + catchUp.seconds;
  const learningSeconds = startupSeconds + catchUp.learningSeconds;
  return {
    seconds: round(seconds),
    statementsPerSecond: Math.round(statements / seconds),
    statementStoreSeconds: round(startupSeconds + catchUp.statementStoreSeconds),
    learningSeconds: round(learningSeconds),
    learningStatementsPerSecond: Math.round(statements / learningSeconds),
  };
}

/** Exactly `learners` learners: whole months of registrations, the last month cut short. */
export function simulatedProgramme(
  catalogue: Catalogue,
  options: { learners: number; months: number; seed: number },
): SimulatedProgramme {
  const programme = simulateProgramme(catalogue, {
    ...DEFAULT_OPTIONS,
    seed: options.seed,
    months: options.months,
    registrationsPerMonth: Math.ceil(options.learners / options.months),
  });
  return { ...programme, learners: programme.learners.slice(0, options.learners) };
}

/**
 * The projector has read everything, but the reporting API may answer from a moment before its
 * last writes: poll until the figures match (or 60 s pass), then compare each figure.
 */
async function checkAggregates(
  system: SystemUnderTest,
  expected: ExpectedAggregates,
): Promise<SimulationResult['aggregates']> {
  const token = adminToken(system.env.REPORTING_JWT_SECRET!);
  const read = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${system.reportingUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const series = async (metric: string) =>
    Object.fromEntries(
      (
        await read<{ month: string; count: number }[]>(`/v1/analytics/monthly?metric=${metric}`)
      ).map((point) => [point.month, point.count]),
    );
  const deadline = performance.now() + 60_000;
  for (;;) {
    const reported: ReportedAggregates = {
      summary: await read<Record<string, number | null>>('/v1/analytics/summary'),
      registrationsPerMonth: await series('registrations'),
      completionsPerMonth: await series('completions'),
    };
    const checks = compareAggregates(expected, reported);
    const equal = checks.every((check) => check.equal);
    if (equal || performance.now() > deadline) return { equal, checks, expected };
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

function progressBar(label: string, total: number, started: number): (done: number) => void {
  let drawn = 0;
  return (done) => {
    if (done < total && performance.now() - drawn < 500) return;
    drawn = performance.now();
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `\r${label}: ${done}/${total} statements (${Math.round((100 * done) / total)}%), ${Math.round(done / Math.max(seconds, 0.001))}/s, ${seconds.toFixed(0)} s   `,
    );
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
