import { SimulatedLearner, SimulatedProgramme, unitsToTake } from './programme-model';

/** The figures the reporting API must show for a simulated programme, by the simulator's own count. */
export interface ExpectedAggregates {
  readonly learners: number;
  readonly registrationsPerMonth: Record<string, number>;
  readonly completionsPerMonth: Record<string, number>;
  readonly registrations: number;
  readonly completions: number;
  readonly onProgramme: number;
  readonly assessed: number;
  readonly passedFirstTime: number;
  readonly passedAllAttempted: number;
  readonly passRate: number | null;
  readonly firstTimePassRate: number | null;
  readonly statements: number;
}

/**
 * Counts from the simulator's plan, independently of the projection code, with the metric
 * definitions of docs/vocabulary.md: on programme is registered and not (yet) achieved.
 */
export function expectedAggregates(programme: SimulatedProgramme): ExpectedAggregates {
  const registrationsPerMonth: Record<string, number> = {};
  const completionsPerMonth: Record<string, number> = {};
  let completions = 0;
  let assessed = 0;
  let passedFirstTime = 0;
  let passedAllAttempted = 0;
  for (const learner of programme.learners) {
    bump(registrationsPerMonth, monthOf(learner.registeredAt));
    const achievedAt = achievedAtOf(learner);
    if (achievedAt !== undefined) {
      completions += 1;
      bump(completionsPerMonth, monthOf(achievedAt));
    }
    if (learner.attempts.length === 0) continue;
    assessed += 1;
    const byUnit = attemptsByUnit(learner);
    if ([...byUnit.values()].every((tries) => tries[0]!)) passedFirstTime += 1;
    if ([...byUnit.values()].every((tries) => tries.includes(true))) passedAllAttempted += 1;
  }
  const registrations = programme.learners.length;
  const rate = (part: number) =>
    assessed === 0 ? null : Math.round((10_000 * part) / assessed) / 10_000;
  return {
    learners: registrations,
    registrationsPerMonth: sorted(registrationsPerMonth),
    completionsPerMonth: sorted(completionsPerMonth),
    registrations,
    completions,
    onProgramme: registrations - completions,
    assessed,
    passedFirstTime,
    passedAllAttempted,
    passRate: rate(passedAllAttempted),
    firstTimePassRate: rate(passedFirstTime),
    statements: programme.learners.reduce((sum, learner) => sum + learner.statements.length, 0),
  };
}

function achievedAtOf(learner: SimulatedLearner): number | undefined {
  const passes = new Map<string, number>();
  for (const attempt of learner.attempts) {
    if (attempt.success && !passes.has(attempt.unit)) passes.set(attempt.unit, attempt.at);
  }
  const required = unitsToTake(learner.qualification);
  if (!required.every((unit) => passes.has(unit))) return undefined;
  return Math.max(...required.map((unit) => passes.get(unit)!));
}

function attemptsByUnit(learner: SimulatedLearner): Map<string, boolean[]> {
  const byUnit = new Map<string, boolean[]>();
  for (const attempt of [...learner.attempts].sort((a, b) => a.at - b.at)) {
    byUnit.set(attempt.unit, [...(byUnit.get(attempt.unit) ?? []), attempt.success]);
  }
  return byUnit;
}

function monthOf(instant: number): string {
  return new Date(Math.floor(instant)).toISOString().slice(0, 7);
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
