import { Catalogue } from '@lr/catalogue';
import { LearnerProfile } from '../facts/learning-fact';
import { QualificationProgress } from '../progress/qualification-progress';
import { ANY, counterId, levelSelector, UNKNOWN } from './counter-id';
import { counterField, Metric, monthOf } from './metrics';

/** Counter increments: counter _id → field → amount. */
export type CounterIncrements = Map<string, Map<string, number>>;

/**
 * What one learner adds to the counters, as a function of their derived state alone. The change a
 * statement makes is then contributions(after) − contributions(before), so replays and
 * out-of-order arrival cannot drift the totals.
 */
export function contributionsOf(
  storeId: string,
  profile: LearnerProfile | undefined,
  progress: readonly QualificationProgress[],
  catalogue: Catalogue,
): CounterIncrements {
  const increments: CounterIncrements = new Map();
  for (const entry of progress) {
    if (!entry.registeredAt || !catalogue.qualification(entry.qualification)) continue;
    const ids = selectorIds(storeId, entry, profile);
    for (const [metric, instant] of metricsOf(entry)) {
      for (const id of ids) {
        add(increments, id, counterField(metric, monthOf(instant)), 1);
        add(increments, id, counterField(metric, 'total'), 1);
      }
    }
  }
  return increments;
}

function metricsOf(entry: QualificationProgress): [Metric, string][] {
  const registeredAt = entry.registeredAt!;
  const metrics: [Metric, string][] = [['registrations', registeredAt]];
  if (entry.achievedAt) metrics.push(['completions', entry.achievedAt]);
  else metrics.push(['onProgramme', registeredAt]);
  if (entry.firstAttemptAt) {
    metrics.push(['assessed', entry.firstAttemptAt]);
    if (entry.passedFirstTime) metrics.push(['passedFirstTime', entry.firstAttemptAt]);
    if (entry.passedAllAttempted) metrics.push(['passedAllAttempted', entry.firstAttemptAt]);
  }
  return metrics;
}

function selectorIds(
  storeId: string,
  entry: QualificationProgress,
  profile: LearnerProfile | undefined,
): string[] {
  const qualifications = [entry.qualification, levelSelector(entry.level), ANY];
  const departments = [profile?.department ?? UNKNOWN, ANY];
  const grades = [profile?.grade ?? UNKNOWN, ANY];
  return qualifications.flatMap((qualification) =>
    departments.flatMap((department) =>
      grades.map((grade) => counterId({ storeId, qualification, department, grade })),
    ),
  );
}

function add(increments: CounterIncrements, id: string, field: string, amount: number): void {
  const fields = increments.get(id) ?? new Map<string, number>();
  fields.set(field, (fields.get(field) ?? 0) + amount);
  increments.set(id, fields);
}

/** after − before, without zero entries; merged into `into` when given. */
export function difference(
  after: CounterIncrements,
  before: CounterIncrements,
  into: CounterIncrements = new Map(),
): CounterIncrements {
  const apply = (source: CounterIncrements, sign: number) => {
    for (const [id, fields] of source) {
      for (const [field, amount] of fields) add(into, id, field, sign * amount);
    }
  };
  apply(after, 1);
  apply(before, -1);
  for (const [id, fields] of into) {
    for (const [field, amount] of fields) if (amount === 0) fields.delete(field);
    if (fields.size === 0) into.delete(id);
  }
  return into;
}
