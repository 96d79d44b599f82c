import { randomUUID } from 'node:crypto';
import { Catalogue } from '@lr/catalogue';
import { LEARNER_PROFILE_EXTENSION, VERBS } from '@lr/learning';
import { simulateProgramme } from '../../apps/simulator/src/programme-model';
import { DEFAULT_OPTIONS } from '../../apps/simulator/src/simulation-options';

/**
 * Endless programme traffic for paced load: registrations, activities and assessments from the
 * simulator's model, so the learning read models do real work. Generated a small programme at a
 * time; each one's learners get a prefix of their own, so no two programmes share a learner.
 */
export function programmeTraffic(
  catalogue: Catalogue,
  firstSeed: number,
): () => Record<string, unknown> {
  let seed = firstSeed;
  let pending: Record<string, unknown>[] = [];
  let next = 0;
  return () => {
    if (next >= pending.length) {
      const programme = simulateProgramme(catalogue, {
        ...DEFAULT_OPTIONS,
        seed,
        startMonth: '2025-01',
        months: 12,
        registrationsPerMonth: 20,
      });
      const prefix = `p${seed}.`;
      pending = programme.learners.flatMap((learner) =>
        learner.statements.map((statement) => renamed(statement, prefix)),
      );
      next = 0;
      seed += 1;
    }
    return pending[next++]!;
  };
}

function renamed(statement: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const actor = statement.actor as { mbox: string };
  return {
    ...statement,
    actor: { ...actor, mbox: actor.mbox.replace('mailto:', `mailto:${prefix}`) },
  };
}

/** A registration of a learner nobody has seen: their progress appears once it is projected. */
export function probeRegistration(
  catalogue: Catalogue,
  email: string,
): { id: string; statement: Record<string, unknown> } {
  const id = randomUUID();
  const qualification = catalogue.qualifications[0]!;
  return {
    id,
    statement: {
      id,
      actor: { objectType: 'Agent', mbox: `mailto:${email}` },
      verb: { id: VERBS.registered, display: { 'en-GB': 'registered' } },
      object: { objectType: 'Activity', id: qualification.iri },
      timestamp: new Date().toISOString(),
      context: {
        registration: randomUUID(),
        extensions: {
          [LEARNER_PROFILE_EXTENSION]: {
            department: catalogue.departments[0]!.code,
            grade: catalogue.grades[0]!.code,
            jobFamily: catalogue.jobFamilies[0]!.code,
          },
        },
      },
    },
  };
}
