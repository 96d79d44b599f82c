import { CounterDocument, Metric, METRICS } from '@lr/learning';

export interface AnalyticsSummary {
  readonly registrations: number;
  /** Registered (in the period, if one is given) and not yet achieved. */
  readonly onProgramme: number;
  readonly completions: number;
  readonly assessed: number;
  readonly passedFirstTime: number;
  readonly passedAllAttempted: number;
  /** passedAllAttempted / assessed, or null when nobody has been assessed. */
  readonly passRate: number | null;
  /** passedFirstTime / assessed, or null when nobody has been assessed. */
  readonly firstTimePassRate: number | null;
}

export interface Period {
  readonly from?: string;
  readonly to?: string;
}

/** Reads a counter document's figures for a period: sums of its months, or its totals. */
export function summarise(doc: CounterDocument | undefined, period: Period): AnalyticsSummary {
  const figures = Object.fromEntries(
    METRICS.map((metric) => [metric, countOf(doc, metric, period)]),
  ) as Record<Metric, number>;
  const rate = (part: number) =>
    figures.assessed === 0 ? null : Math.round((10_000 * part) / figures.assessed) / 10_000;
  return {
    ...figures,
    passRate: rate(figures.passedAllAttempted),
    firstTimePassRate: rate(figures.passedFirstTime),
  };
}

function countOf(doc: CounterDocument | undefined, metric: Metric, period: Period): number {
  const fields = doc?.[metric] ?? {};
  if (!period.from && !period.to) return fields.total ?? 0;
  return Object.entries(fields)
    .filter(([month]) => month !== 'total' && inPeriod(month, period))
    .reduce((sum, [, count]) => sum + count, 0);
}

export function inPeriod(month: string, period: Period): boolean {
  return (!period.from || month >= period.from) && (!period.to || month <= period.to);
}

export interface MonthlyPoint {
  readonly month: string;
  readonly count: number;
}

/** A metric month by month, gaps filled with zeros, from the first month with data (or from). */
export function monthlySeries(
  doc: CounterDocument | undefined,
  metric: Metric,
  period: Period,
): MonthlyPoint[] {
  const fields = doc?.[metric] ?? {};
  const months = Object.keys(fields)
    .filter((month) => month !== 'total' && inPeriod(month, period))
    .sort();
  const first = period.from ?? months[0];
  const last = period.to ?? months.at(-1);
  if (!first || !last) return [];
  const points: MonthlyPoint[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    points.push({ month, count: fields[month] ?? 0 });
    if (points.length > 1200) break;
  }
  return points;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
