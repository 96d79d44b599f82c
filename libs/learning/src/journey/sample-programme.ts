import { Catalogue } from '@lr/catalogue';
import { VERBS } from '../facts/vocabulary';
import { LearnerJourney } from './learner-journey';

/** A small deterministic random source (mulberry32), so a seed always gives the same sample. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SampleOptions {
  readonly learners: number;
  readonly seed: number;
  /** Share of learners whose last passing attempt is later voided. */
  readonly voidShare?: number;
}

type Statement = Record<string, unknown>;

/**
 * Statements of a mixed programme: learners on several qualifications and departments, some
 * finishing, some failing first, some stopping part-way, a few passes voided. For tests that
 * compare projections run different ways over the same input.
 */
export function sampleProgramme(catalogue: Catalogue, options: SampleOptions): Statement[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let counter = 0;
  const newId = () => uuidOf(options.seed, counter++);
  const statements: Statement[] = [];
  for (let i = 0; i < options.learners; i++) {
    const qualification = pick(catalogue.qualifications.slice(0, 10));
    const month = 1 + Math.floor(random() * 12);
    const learner = {
      email: `learner${i}@sample.example.gov.uk`,
      name: `Learner ${i}`,
      department: pick(catalogue.departments).code,
      grade: pick(catalogue.grades.slice(0, 6)).code,
      lineManager: `manager${i % 7}@sample.example.gov.uk`,
    };
    const start = `2025-${String(month).padStart(2, '0')}-0${1 + (i % 9)}T09:00:00.000Z`;
    let journey = LearnerJourney.of(
      catalogue,
      qualification.code,
      learner,
      start,
      newId,
    ).registered();
    const stopAfter = random() < 0.3 ? Math.floor(random() * qualification.units.length) : Infinity;
    qualification.units.forEach((unit, index) => {
      if (index >= stopAfter) return;
      journey = journey.launched(unit.code).learned(unit.code);
      if (random() < 0.3) journey = journey.assessed(unit.code, false);
      journey = journey.assessed(unit.code, true);
    });
    const built = journey.build();
    statements.push(...built);
    if (random() < (options.voidShare ?? 0.1)) {
      const lastPass = [...built]
        .reverse()
        .find((s) => (s.verb as { id: string }).id === VERBS.passed);
      if (lastPass) statements.push(voiding(newId(), lastPass.id as string));
    }
  }
  return statements;
}

function voiding(id: string, target: string): Statement {
  return {
    id,
    actor: { objectType: 'Agent', mbox: 'mailto:registry@sample.example.gov.uk', name: 'Registry' },
    verb: { id: VERBS.voided, display: { 'en-GB': 'voided' } },
    object: { objectType: 'StatementRef', id: target },
    timestamp: '2026-01-01T00:00:00.000Z',
  };
}

function uuidOf(seed: number, n: number): string {
  const hex = (seed.toString(16).padStart(8, '0') + n.toString(16).padStart(24, '0')).slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
