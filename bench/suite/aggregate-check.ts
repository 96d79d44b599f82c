import type { ExpectedAggregates } from '../../apps/simulator/src/expected-aggregates';

/** What the reporting API answered for the whole store. */
export interface ReportedAggregates {
  readonly summary: Readonly<Record<string, number | null>>;
  readonly registrationsPerMonth: Readonly<Record<string, number>>;
  readonly completionsPerMonth: Readonly<Record<string, number>>;
}

export interface FigureCheck {
  readonly figure: string;
  readonly expected: unknown;
  readonly reported: unknown;
  readonly equal: boolean;
}

/** The figures of the summary, by name, and their field in both the simulator's and the API's. */
const SUMMARY_FIGURES = [
  ['registrations', 'registrations'],
  ['completions', 'completions'],
  ['pass rate', 'passRate'],
  ['first-time pass rate', 'firstTimePassRate'],
  ['on programme', 'onProgramme'],
  ['assessed', 'assessed'],
  ['passed first time', 'passedFirstTime'],
  ['passed every attempted unit', 'passedAllAttempted'],
] as const;

/**
 * Every figure the issue names, the simulator's count against the reporting API's, compared
 * exactly (months with no events are left out of both series).
 */
export function compareAggregates(
  expected: ExpectedAggregates,
  reported: ReportedAggregates,
): FigureCheck[] {
  const check = (figure: string, want: unknown, got: unknown): FigureCheck => ({
    figure,
    expected: want,
    reported: got,
    equal: canonical(want) === canonical(got),
  });
  return [
    check(
      'registrations per month',
      expected.registrationsPerMonth,
      nonZero(reported.registrationsPerMonth),
    ),
    check(
      'completions per month',
      expected.completionsPerMonth,
      nonZero(reported.completionsPerMonth),
    ),
    ...SUMMARY_FIGURES.map(([figure, field]) =>
      check(figure, expected[field], reported.summary[field]),
    ),
  ];
}

function nonZero(series: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(series).filter(([, count]) => count !== 0));
}

/** JSON with object keys sorted, so equal figures compare equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
