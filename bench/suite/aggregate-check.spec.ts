import type { ExpectedAggregates } from '../../apps/simulator/src/expected-aggregates';
import { compareAggregates, ReportedAggregates } from './aggregate-check';

const expected: ExpectedAggregates = {
  learners: 3,
  registrationsPerMonth: { '2025-01': 2, '2025-02': 1 },
  completionsPerMonth: { '2025-02': 1 },
  registrations: 3,
  completions: 1,
  onProgramme: 2,
  assessed: 2,
  passedFirstTime: 1,
  passedAllAttempted: 2,
  passRate: 1,
  firstTimePassRate: 0.5,
  statements: 40,
};

const matching: ReportedAggregates = {
  summary: {
    registrations: 3,
    onProgramme: 2,
    completions: 1,
    assessed: 2,
    passedFirstTime: 1,
    passedAllAttempted: 2,
    passRate: 1,
    firstTimePassRate: 0.5,
  },
  // The API fills gaps with zeros and may order months its own way.
  registrationsPerMonth: { '2025-02': 1, '2025-01': 2, '2025-03': 0 },
  completionsPerMonth: { '2025-01': 0, '2025-02': 1, '2025-03': 0 },
};

describe('compareAggregates', () => {
  it('finds every named figure equal when the API shows the simulated programme', () => {
    const checks = compareAggregates(expected, matching);
    expect(checks.map((c) => c.figure)).toEqual(
      expect.arrayContaining([
        'registrations per month',
        'completions',
        'pass rate',
        'first-time pass rate',
        'on programme',
      ]),
    );
    expect(checks.filter((c) => !c.equal)).toEqual([]);
  });

  it('names each figure that differs, with both values', () => {
    const checks = compareAggregates(expected, {
      ...matching,
      summary: { ...matching.summary, onProgramme: 3, firstTimePassRate: 0.4999 },
      registrationsPerMonth: { '2025-01': 2, '2025-02': 2 },
    });
    expect(checks.filter((c) => !c.equal)).toEqual([
      {
        figure: 'registrations per month',
        expected: { '2025-01': 2, '2025-02': 1 },
        reported: { '2025-01': 2, '2025-02': 2 },
        equal: false,
      },
      { figure: 'first-time pass rate', expected: 0.5, reported: 0.4999, equal: false },
      { figure: 'on programme', expected: 2, reported: 3, equal: false },
    ]);
  });

  it('does not take a missing figure for zero', () => {
    const { completions: _, ...withoutCompletions } = matching.summary;
    const checks = compareAggregates(
      { ...expected, completions: 0 },
      { ...matching, summary: withoutCompletions },
    );
    expect(checks.find((c) => c.figure === 'completions')?.equal).toBe(false);
  });
});
