import { BenchResults, targetChecks } from './bench-results';
import { benchMarkdown } from './bench-markdown';

const phase = (statementsPerSecond: number) => ({
  statementsPerSecond,
  requestsPerSecond: statementsPerSecond,
  p50Ms: 5,
  p99Ms: 9,
  errors: 0,
  cpuMicrosPerStatement: 100,
  cpuMicrosByProcess: { 'lrs-api': 60, 'load process': 10 },
});

const notRun: BenchResults = {
  benchmark: 'bench',
  generatedAt: '2026-11-23T06:00:00.000Z',
  machine: { cores: 2, memoryGiB: 24 },
  settings: {},
  reduced: false,
  stageSeconds: { ingest: 60 },
  totalSeconds: 700,
  errors: [],
};

const withIngest: BenchResults = {
  ...notRun,
  ingest: [
    { batchSize: 1, concurrency: 64, max: phase(3_100), atEightyPercent: phase(2_480) },
    { batchSize: 10, concurrency: 32, max: phase(9_000), atEightyPercent: phase(7_200) },
    { batchSize: 100, concurrency: 8, max: phase(9_900), atEightyPercent: phase(7_920) },
  ],
};

describe('targetChecks', () => {
  it('judges ingest on the best batched rate and on single POSTs', () => {
    const checks = targetChecks(withIngest);
    expect(checks[0]).toEqual({
      figure: 'ingest, batched (best of batch 10 and 100)',
      measured: '9,900 statements/s',
      target: '≥ 10,000 statements/s',
      pass: false,
    });
    expect(checks[1]?.pass).toBe(true);
  });

  it('says a stage that did not run was not measured, rather than passing or missing it', () => {
    const checks = targetChecks(notRun);
    const projector = checks.find((c) => c.figure.startsWith('projector'));
    expect(projector).toEqual(expect.objectContaining({ measured: 'not measured', pass: null }));
    expect(checks.find((c) => c.figure === 'whole run')?.pass).toBe(true);
  });

  it('misses a run over 20 minutes', () => {
    expect(
      targetChecks({ ...notRun, totalSeconds: 1_201 }).find((c) => c.figure === 'whole run')?.pass,
    ).toBe(false);
  });
});

describe('benchMarkdown', () => {
  it('gives every target a result and flags a reduced rehearsal', () => {
    const note = benchMarkdown({ ...withIngest, reduced: true, settings: { BENCH_LEARNERS: 300 } });
    expect(note).toContain('**Reduced rehearsal**');
    expect(note).toContain(
      '| ingest, batched (best of batch 10 and 100) | 9,900 statements/s | ≥ 10,000 statements/s | **miss** |',
    );
    expect(note).toContain('| reporting API p99, all queries | not measured | ≤ 20 ms | not run |');
  });
});
