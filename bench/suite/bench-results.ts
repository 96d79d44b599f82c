import type { IngestSizeResult } from '../ingest/ingest-stage';
import type { ReportingLoadResult } from '../common/reporting-load';
import type { PacedStageResult } from './paced-stage';
import type { SimulationResult } from './simulation-stage';

/** Everything one `npm run bench` measured; a stage that did not run leaves its field out. */
export interface BenchResults {
  readonly benchmark: 'bench';
  readonly generatedAt: string;
  readonly machine: Record<string, unknown>;
  readonly settings: Record<string, unknown>;
  /** Sizes smaller than issue 7's: a rehearsal, not the figures the issue asks for. */
  readonly reduced: boolean;
  readonly stageSeconds: Record<string, number>;
  readonly totalSeconds: number;
  readonly ingest?: readonly IngestSizeResult[];
  readonly maxIngest?: { readonly batchSize: number; readonly statementsPerSecond: number };
  readonly freshnessAt80?: PacedStageResult;
  readonly soakAt50?: PacedStageResult;
  readonly simulation?: SimulationResult;
  readonly reporting?: ReportingLoadResult;
  readonly memory?: {
    readonly peakRssMiB: Record<string, number>;
  };
  readonly errors: readonly string[];
}

export interface TargetCheck {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  /** null when the stage did not run. */
  readonly pass: boolean | null;
}

export const BUDGET_SECONDS = 20 * 60;

/** Issue 7's targets, each against what this run measured. */
export function targetChecks(r: BenchResults): TargetCheck[] {
  const atLeast = (figure: string, value: number | undefined, target: number, unit: string) =>
    check(figure, value, `≥ ${fmt(target)} ${unit}`, unit, (v) => v >= target);
  const atMost = (figure: string, value: number | undefined, target: number, unit: string) =>
    check(figure, value, `≤ ${fmt(target)} ${unit}`, unit, (v) => v <= target);
  const single = r.ingest?.find((size) => size.batchSize === 1);
  const batched = r.ingest?.filter((size) => size.batchSize > 1);
  const fresh = r.soakAt50?.freshness;
  const lag = r.soakAt50?.lag;
  return [
    atLeast(
      'ingest, batched (best of batch 10 and 100)',
      batched?.length ? Math.max(...batched.map((s) => s.max.statementsPerSecond)) : undefined,
      10_000,
      'statements/s',
    ),
    atLeast(
      'ingest, single-statement POSTs',
      single?.max.statementsPerSecond,
      3_000,
      'statements/s',
    ),
    atMost(
      'freshness p99 at 50% load: POST answered → in GET /statements',
      fresh?.visibleInStatements.p99Ms,
      500,
      'ms',
    ),
    atMost(
      "freshness p99 at 50% load: POST answered → learner's progress changed",
      fresh?.progressChanged.p99Ms,
      500,
      'ms',
    ),
    atLeast(
      'projector, sustained into every read model',
      r.simulation?.projector?.statementsPerSecond,
      3_000,
      'statements/s',
    ),
    {
      figure: 'consumer lag over the soak at 50% load',
      measured: lag
        ? `store ${signed(lag.statementStore.growth)}, learning ${signed(lag.learning.growth)} records over the soak (noise ${fmt(Math.max(lag.statementStore.noise, lag.learning.noise))})`
        : 'not measured',
      target: 'does not grow',
      pass:
        lag && lag.statementStore.grows !== null && lag.learning.grows !== null
          ? !lag.statementStore.grows && !lag.learning.grows
          : null,
    },
    atMost('reporting API p99, all queries', r.reporting?.overall.p99Ms, 20, 'ms'),
    {
      figure: "reporting API equals the simulator's aggregates",
      measured: r.simulation
        ? `${r.simulation.aggregates.checks.filter((c) => c.equal).length} of ${r.simulation.aggregates.checks.length} figures equal`
        : 'not measured',
      target: 'every figure equal',
      pass: r.simulation ? r.simulation.aggregates.equal : null,
    },
    atMost('whole run', Math.round(r.totalSeconds), BUDGET_SECONDS, 's'),
  ];
}

function check(
  figure: string,
  value: number | undefined,
  target: string,
  unit: string,
  ok: (value: number) => boolean,
): TargetCheck {
  if (value === undefined || Number.isNaN(value)) {
    return { figure, measured: 'not measured', target, pass: null };
  }
  return { figure, measured: `${fmt(value)} ${unit}`, target, pass: ok(value) };
}

export function fmt(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

function signed(value: number): string {
  return value > 0 ? `+${fmt(value)}` : fmt(value);
}
