/**
 * What the counters count, per learner and qualification, each by the month it is dated to:
 * - registrations: registered (registration month);
 * - onProgramme: registered and not yet achieved (registration month);
 * - completions: achieved (month achieved);
 * - assessed: at least one decided assessment attempt (month of the first attempt);
 * - passedFirstTime: every unit attempted passed at its first attempt (same month);
 * - passedAllAttempted: every unit attempted has been passed (same month).
 */
export const METRICS = [
  'registrations',
  'onProgramme',
  'completions',
  'assessed',
  'passedFirstTime',
  'passedAllAttempted',
] as const;

export type Metric = (typeof METRICS)[number];

/** The field of a counter document holding a metric's count for a month (YYYY-MM) or `total`. */
export function counterField(metric: Metric, month: string): string {
  return `${metric}.${month}`;
}

export function monthOf(instant: string): string {
  return instant.slice(0, 7);
}
