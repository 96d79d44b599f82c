import { Catalogue, Qualification } from '@lr/catalogue';
import { LEARNER_PROFILE_EXTENSION, seededRandom, VERBS } from '@lr/learning';
import { SimulationOptions } from './simulation-options';

const DAY = 86_400_000;

/** One decided assessment attempt, as the simulator planned it. */
export interface PlannedAttempt {
  readonly unit: string;
  readonly at: number;
  readonly success: boolean;
}

/** What the simulator decided for one learner: the ground truth the expected figures come from. */
export interface SimulatedLearner {
  readonly index: number;
  readonly email: string;
  readonly qualification: Qualification;
  readonly department: string;
  readonly grade: string;
  readonly registeredAt: number;
  /** Attempts that happened before the end of the simulated period, in time order. */
  readonly attempts: readonly PlannedAttempt[];
  readonly statements: readonly Record<string, unknown>[];
}

export interface SimulatedProgramme {
  readonly learners: readonly SimulatedLearner[];
  /** Nothing after this instant has happened yet: later steps are not emitted. */
  readonly endsAt: number;
}

/**
 * Generates the ODP programme's traffic: about registrationsPerMonth registrations a month,
 * pathways through e-learning, workshops, workbooks and videos, online tests at levels 2 and 3
 * and assignments above, a first-time pass share, drop-outs, and everyone who keeps going passing
 * eventually. Deterministic for a seed; steps later than the period's end are left out, so recent
 * learners are still on programme.
 */
export function simulateProgramme(
  catalogue: Catalogue,
  options: SimulationOptions,
): SimulatedProgramme {
  const random = seededRandom(options.seed);
  const start = Date.parse(`${options.startMonth}-01T00:00:00Z`);
  const endsAt = addMonths(start, options.months);
  const weighted = weightByLevel(catalogue.qualifications);
  const learners: SimulatedLearner[] = [];
  let ids = 0;
  const newId = () => uuidOf(options.seed, ids++);
  for (let month = 0; month < options.months; month++) {
    const monthStart = addMonths(start, month);
    const monthDays = (addMonths(start, month + 1) - monthStart) / DAY;
    for (let n = 0; n < options.registrationsPerMonth; n++) {
      const index = learners.length;
      const registeredAt = monthStart + Math.floor(random() * monthDays * DAY);
      learners.push(
        simulateLearner(index, weighted[Math.floor(random() * weighted.length)]!, registeredAt, {
          catalogue,
          options,
          random,
          endsAt,
          newId,
        }),
      );
    }
  }
  return { learners, endsAt };
}

interface Context {
  readonly catalogue: Catalogue;
  readonly options: SimulationOptions;
  readonly random: () => number;
  readonly endsAt: number;
  readonly newId: () => string;
}

function simulateLearner(
  index: number,
  qualification: Qualification,
  registeredAt: number,
  context: Context,
): SimulatedLearner {
  const { catalogue, options, random, endsAt } = context;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const department = pick(catalogue.departments).code;
  const grade = pick(gradesFor(qualification.level, catalogue)).code;
  const email = `learner${index}@${department.toLowerCase()}.sim.example.gov.uk`;
  const actor = { objectType: 'Agent', mbox: `mailto:${email}`, name: `Learner ${index}` };
  const statements: Record<string, unknown>[] = [];
  const attempts: PlannedAttempt[] = [];
  const emit = (at: number, verb: string, object: string, extra: Record<string, unknown> = {}) => {
    if (at >= endsAt) return false;
    statements.push(statementOf(context.newId(), actor, verb, object, at, extra));
    return true;
  };
  emit(registeredAt, VERBS.registered, qualification.iri, {
    context: {
      registration: context.newId(),
      extensions: {
        [LEARNER_PROFILE_EXTENSION]: {
          department,
          grade,
          jobFamily: pick(catalogue.jobFamilies).code,
          lineManager: {
            mbox: `mailto:manager${index % 40}@${department.toLowerCase()}.sim.example.gov.uk`,
          },
        },
      },
    },
  });
  const passesFirstTime = random() < options.firstTimePassShare;
  const units = unitsToTake(qualification);
  const stopAfter =
    random() < options.dropoutShare ? Math.floor(random() * units.length) : units.length;
  const failedUnit = passesFirstTime
    ? -1
    : Math.floor(random() * Math.min(stopAfter + 1, units.length));
  let clock = registeredAt;
  for (let u = 0; u < stopAfter; u++) {
    const unit = qualification.units.find((candidate) => candidate.code === units[u])!;
    const step = (options.daysPerUnit * DAY) / (unit.activities.length + 2);
    for (const activity of unit.activities) {
      clock += step * (0.5 + random());
      emit(clock, VERBS.launched, activity.iri);
      clock += step * 0.2;
      emit(clock, activity.type === 'workshop' ? VERBS.attended : VERBS.completed, activity.iri);
    }
    const tries = u === failedUnit ? [false, true] : [true];
    for (const success of tries) {
      clock += step * (0.5 + random());
      const scaled = success ? 0.7 + random() * 0.3 : 0.2 + random() * 0.3;
      const happened = emit(clock, success ? VERBS.passed : VERBS.failed, unit.assessment.iri, {
        result: { success, completion: true, score: { scaled: round(scaled) } },
      });
      if (happened) attempts.push({ unit: unit.code, at: clock, success });
    }
  }
  // A learner failing first who then stops has a failed unit never retaken: keep it so.
  if (failedUnit === stopAfter && stopAfter < units.length) {
    const unit = qualification.units.find((candidate) => candidate.code === units[stopAfter])!;
    clock += options.daysPerUnit * DAY;
    if (
      emit(clock, VERBS.failed, unit.assessment.iri, {
        result: { success: false, score: { scaled: 0.3 } },
      })
    ) {
      attempts.push({ unit: unit.code, at: clock, success: false });
    }
  }
  return { index, email, qualification, department, grade, registeredAt, attempts, statements };
}

/** Mandatory units, then the first minUnits of each optional group: exactly what achievement needs. */
export function unitsToTake(q: Qualification): string[] {
  return [...q.mandatoryUnits, ...q.optionalGroups.flatMap((g) => g.units.slice(0, g.minUnits))];
}

/** Lower levels are taken far more often, as on the real programme. */
function weightByLevel(qualifications: readonly Qualification[]): Qualification[] {
  const weight: Record<number, number> = { 2: 6, 3: 5, 4: 2, 5: 2, 6: 1, 7: 1 };
  return qualifications.flatMap((q) => Array.from({ length: weight[q.level] ?? 1 }, () => q));
}

function gradesFor(level: number, catalogue: Catalogue) {
  const grades = catalogue.grades;
  const from = Math.min(grades.length - 1, Math.max(0, level - 2));
  return grades.slice(from, Math.min(grades.length, from + 3));
}

function statementOf(
  id: string,
  actor: Record<string, unknown>,
  verb: string,
  object: string,
  at: number,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id,
    actor,
    verb: { id: verb, display: { 'en-GB': verb.slice(verb.lastIndexOf('/') + 1) } },
    object: { objectType: 'Activity', id: object },
    timestamp: new Date(Math.floor(at)).toISOString(),
    ...extra,
  };
}

function addMonths(instant: number, months: number): number {
  const date = new Date(instant);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function uuidOf(seed: number, n: number): string {
  const hex = (seed.toString(16).padStart(8, '0') + n.toString(16).padStart(24, '0')).slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
