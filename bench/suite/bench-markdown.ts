import { BenchResults, fmt, targetChecks } from './bench-results';
import type { PacedStageResult } from './paced-stage';

/** The short note beside bench.json: every figure against its target, then the detail. */
export function benchMarkdown(r: BenchResults): string {
  const m = r.machine;
  const lines = [
    '# Benchmark (`npm run bench`)',
    '',
    `Run ${r.generatedAt} in ${minutes(r.totalSeconds)} on ${String(m.cores)} cores (${String(m.cpu)}), ${String(m.memoryGiB)} GiB, load average at start ${String(m.loadAverageAtStart ?? m.loadAverage)}.`,
    `Commit ${String(m.commit)}${m.uncommittedChanges ? ' (with uncommitted changes)' : ''}; Node.js ${String(m.node)}, ${String(m.java)}, Kafka ${String(m.kafka)}, ${String(m.mongo)}.`,
    '',
    ...(r.reduced
      ? [
          `> **Reduced rehearsal** (${JSON.stringify(r.settings)}): not issue 7's sizes, so these are not the figures the issue asks for.`,
          '',
        ]
      : []),
    ...(r.errors.length ? ['**Errors:**', '', ...r.errors.map((e) => `- ${e}`), ''] : []),
    '## Against the targets',
    '',
    '| figure | measured | target | result |',
    '| --- | --- | --- | --- |',
    ...targetChecks(r).map(
      (t) =>
        `| ${t.figure} | ${t.measured} | ${t.target} | ${t.pass === null ? 'not run' : t.pass ? 'pass' : '**miss**'} |`,
    ),
    '',
    ...ingest(r),
    ...freshness(r),
    ...simulation(r),
    ...reporting(r),
    ...cost(r),
    '## Stage times',
    '',
    Object.entries(r.stageSeconds)
      .map(([stage, seconds]) => `${stage} ${fmt(seconds)} s`)
      .join(', ') + `; total ${minutes(r.totalSeconds)}.`,
    '',
  ];
  return lines.join('\n');
}

function ingest(r: BenchResults): string[] {
  if (!r.ingest) return [];
  return [
    '## Ingest (POST /xapi/statements, read-your-writes on)',
    '',
    '| batch | max statements/s | p50 / p99 ms at max | statements/s at 80% | p50 / p99 ms at 80% | box CPU µs per statement | errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.ingest.map(
      (s) =>
        `| ${s.batchSize} | ${fmt(s.max.statementsPerSecond)} | ${s.max.p50Ms} / ${s.max.p99Ms} | ${fmt(s.atEightyPercent.statementsPerSecond)} | ${s.atEightyPercent.p50Ms} / ${s.atEightyPercent.p99Ms} | ${fmt(s.max.cpuMicrosPerStatement)} | ${s.max.errors + s.atEightyPercent.errors} |`,
    ),
    '',
  ];
}

function freshness(r: BenchResults): string[] {
  const stages: [string, PacedStageResult | undefined][] = [
    ['50% (during the soak)', r.soakAt50],
    ['80%', r.freshnessAt80],
  ];
  const rows = stages
    .filter((entry): entry is [string, PacedStageResult] => entry[1] !== undefined)
    .map(([label, s]) => {
      const f = s.freshness;
      const figure = (x: typeof f.visibleInStatements) => `${x.p50Ms} / ${x.p99Ms} / ${x.maxMs}`;
      return `| ${label} | ${fmt(s.achievedStatementsPerSecond)} of ${fmt(s.targetStatementsPerSecond)} (batch ${s.batchSize}) | ${fmt(s.seconds)} s | ${f.probes} (${f.failed} failed, ${f.timedOut} timed out) | ${figure(f.visibleInStatements)} | ${figure(f.progressChanged)} | ${fmt(s.lag.statementStore.maxLag)} / ${fmt(s.lag.learning.maxLag)} |`;
    });
  if (rows.length === 0) return [];
  const soak = r.soakAt50?.lag;
  return [
    '## Freshness and consumer lag',
    '',
    'From the moment a POST is answered until the statement is in `GET /xapi/statements?statementId=` and until `GET /v1/learners/progress` shows the learner (probes one at a time, each a new learner registering, while programme traffic runs at the given share of the maximum ingest rate).',
    '',
    '| load | statements/s | for | probes | in GET /statements p50 / p99 / max ms | progress changed p50 / p99 / max ms | max lag store / learning |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(soak
      ? [
          `Soak lag trend (least squares over ${soak.learning.samples} samples): statement store ${soak.statementStore.slopePerSecond} records/s (${soak.statementStore.firstLag} → ${soak.statementStore.lastLag}), learning ${soak.learning.slopePerSecond} records/s (${soak.learning.firstLag} → ${soak.learning.lastLag}); growth beyond two seconds of load or three residual spreads counts as growing.`,
          '',
        ]
      : []),
  ];
}

function simulation(r: BenchResults): string[] {
  const s = r.simulation;
  if (!s) return [];
  const show = (value: unknown) =>
    typeof value === 'object' && value !== null
      ? `${Object.keys(value).length} months, ${fmt(Object.values(value as Record<string, number>).reduce((a, b) => a + b, 0))} in all`
      : JSON.stringify(value);
  return [
    `## Programme simulation: ${fmt(s.learners)} learners over ${s.months} months, through the LRS`,
    '',
    `${fmt(s.statements)} statements posted in batches of ${s.post.batchSize}, ${s.post.concurrency} at a time, with read-your-writes off and no projector running: ${fmt(s.post.statementsPerSecond)} statements/s (${fmt(s.post.seconds)} s). ${projected(s)}`,
    '',
    '| figure | simulator | reporting API | equal |',
    '| --- | --- | --- | --- |',
    ...s.aggregates.checks.map(
      (c) =>
        `| ${c.figure} | ${show(c.expected)} | ${show(c.reported)} | ${c.equal ? 'yes' : '**NO**'} |`,
    ),
    '',
  ];
}

function projected(s: NonNullable<BenchResults['simulation']>): string {
  const p = s.projector;
  if (!p)
    return `Then the projector, started on that backlog, **stalled**: ${s.projectorStalled ?? 'unknown'}.`;
  return `Then the projector, started on that backlog, had every read model up to date after ${fmt(p.seconds)} s: **${fmt(p.statementsPerSecond)} statements/s** (statement store ${fmt(p.statementStoreSeconds)} s, learning read models ${fmt(p.learningSeconds)} s = ${fmt(p.learningStatementsPerSecond)} statements/s; both include the projector's start).`;
}

function reporting(r: BenchResults): string[] {
  const p = r.reporting;
  if (!p) return [];
  return [
    `## Reporting API over the simulated learners (${p.concurrency} concurrent clients, ${p.seconds} s, ${fmt(p.requestsPerSecond)} requests/s, ${p.errors} errors)`,
    '',
    '| query | requests | p50 ms | p99 ms |',
    '| --- | --- | --- | --- |',
    `| all | ${p.overall.requests} | ${p.overall.p50Ms} | ${p.overall.p99Ms} |`,
    ...Object.entries(p.byQuery).map(
      ([name, q]) => `| ${name} | ${q.requests} | ${q.p50Ms} | ${q.p99Ms} |`,
    ),
    '',
  ];
}

function cost(r: BenchResults): string[] {
  const windows = [
    ['soak at 50% load (ingest and projection in step)', r.soakAt50?.cost],
    ['simulation: posting then projecting the backlog', r.simulation?.cost],
  ] as const;
  const rows = windows
    .filter(([, c]) => c !== undefined)
    .map(
      ([label, c]) =>
        `| ${label} | ${fmt(c!.statements)} | ${fmt(c!.boxMicrosPerStatement)} | ${fmt(c!.systemMicrosPerStatement)} | ${Object.entries(
          c!.byProcessMicrosPerStatement,
        )
          .map(([name, micros]) => `${name} ${fmt(micros)}`)
          .join(', ')} |`,
    );
  const rss = r.memory?.peakRssMiB ?? {};
  return [
    '## Cost',
    '',
    "CPU microseconds per statement: the whole box from /proc/stat (includes anything else running on it), and the system's own processes plus the load process from /proc/<pid>/stat.",
    '',
    '| window | statements | box µs/statement | system µs/statement | by process µs/statement |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Peak resident memory (VmRSS, MiB): ${Object.entries(rss)
      .map(([name, mib]) => `${name} ${fmt(mib)}`)
      .join(', ')}.`,
    '',
  ];
}

function minutes(seconds: number): string {
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
