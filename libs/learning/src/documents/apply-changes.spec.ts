import { loadCatalogue } from '@lr/catalogue';
import { CounterIncrements, difference } from '../counters/contributions';
import { counterId } from '../counters/counter-id';
import { factOf } from '../facts/fact-of';
import { LearningFact } from '../facts/learning-fact';
import { LearnerJourney } from '../journey/learner-journey';
import { applyChanges } from './apply-changes';
import { LearnerDocument } from './learner.document';

const catalogue = loadCatalogue();
const STORE = 'store-1';
const KEY = `${STORE}|Agent|mbox:mailto:ada@example.gov.uk`;
const NOW = '2026-11-23T00:00:00.000Z';
const learner = { email: 'ada@example.gov.uk', name: 'Ada', department: 'HMPO', grade: 'EO' };

function factsOf(journey: LearnerJourney): LearningFact[] {
  return journey.build().map((statement) => factOf(statement, catalogue)!);
}

function apply(before: LearnerDocument | undefined, add: LearningFact[], retract: string[] = []) {
  return applyChanges(
    before,
    { learnerKey: KEY, storeId: STORE, add, retract, seq: 1 },
    catalogue,
    NOW,
  );
}

/** Applies facts one at a time, summing the counter changes, as a projector would. */
function applyOneByOne(facts: LearningFact[]) {
  let document: LearnerDocument | undefined;
  const total: CounterIncrements = new Map();
  const events: string[] = [];
  for (const fact of facts) {
    const outcome = apply(document, [fact]);
    document = outcome.document;
    difference(outcome.increments, new Map(), total);
    events.push(...outcome.events.map((event) => event.type));
  }
  return { document: document!, total, events };
}

const everything = `${STORE}|q=*|d=*|g=*`;
const count = (increments: CounterIncrements, id: string, field: string) =>
  increments.get(id)?.get(field) ?? 0;

describe('applyChanges', () => {
  const [u1, u2, u3] = LearnerJourney.of(catalogue, 'ODP-L2-CS', learner).units.map((u) => u.code);
  const walk = LearnerJourney.of(catalogue, 'ODP-L2-CS', learner)
    .registered()
    .learned(u1!, 0)
    .learned(u1!, 1)
    .assessed(u1!, false)
    .assessed(u1!, true)
    .learned(u2!, 0)
    .assessed(u2!, true)
    .assessed(u3!, true);

  it('derives a level 2 walk through to achievement with first-time pass figures', () => {
    const { document, total, events } = applyOneByOne(factsOf(walk));
    const progress = document.qualifications[0]!;
    expect(progress).toMatchObject({
      qualification: 'ODP-L2-CS',
      status: 'achieved',
      percentComplete: 100,
      attemptCount: 4,
      passedFirstTime: false,
      passedAllAttempted: true,
    });
    expect(progress.units.map((unit) => unit.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    expect(progress.units[0]!.firstAttemptPassed).toBe(false);
    const evidenced = new Set(document.skills.flatMap((entry) => entry.units));
    expect(evidenced).toEqual(new Set(progress.units.map((unit) => unit.code)));
    expect(document.skills.every((entry) => catalogue.skillLevels.includes(entry.level))).toBe(
      true,
    );
    expect(count(total, everything, 'registrations.2026-01')).toBe(1);
    expect(count(total, everything, 'onProgramme.total')).toBe(0);
    expect(count(total, everything, 'completions.total')).toBe(1);
    expect(count(total, everything, 'assessed.total')).toBe(1);
    expect(count(total, everything, 'passedFirstTime.total')).toBe(0);
    expect(count(total, `${STORE}|q=L2|d=HMPO|g=EO`, 'completions.total')).toBe(1);
    expect(events.filter((type) => type === 'qualification-achieved/v1')).toHaveLength(1);
    expect(events.filter((type) => type === 'unit-completed/v1')).toHaveLength(3);
    expect(events.filter((type) => type === 'assessment-attempted/v1')).toHaveLength(4);
    expect(events.filter((type) => type === 'learner-registered/v1')).toHaveLength(1);
  });

  it('gives the same document and counters whatever order the facts arrive in', () => {
    const facts = factsOf(walk);
    const inOrder = applyOneByOne(facts);
    for (const seed of [1, 2, 3, 4, 5]) {
      const shuffled = [...facts].sort((a, b) => hash(a.id, seed) - hash(b.id, seed));
      const other = applyOneByOne(shuffled);
      expect(other.document.qualifications).toEqual(inOrder.document.qualifications);
      expect(other.total).toEqual(inOrder.total);
    }
  });

  it('changes nothing when the same facts are delivered again', () => {
    const facts = factsOf(walk);
    const first = apply(undefined, facts);
    const again = apply(first.document, facts);
    expect(again.changed).toBe(false);
    expect(again.increments.size).toBe(0);
    expect(again.events).toEqual([]);
  });

  it('retracts a voided pass, and the counters and status follow; the fact never returns', () => {
    const facts = factsOf(walk);
    const achieved = apply(undefined, facts).document;
    const lastPass = facts.at(-1)!;
    const retracted = apply(achieved, [], [lastPass.id]);
    expect(retracted.document.qualifications[0]!.status).toBe('in-progress');
    expect(count(retracted.increments, everything, 'completions.total')).toBe(-1);
    expect(count(retracted.increments, everything, 'onProgramme.total')).toBe(1);
    expect(retracted.events).toEqual([]);
    const redelivered = apply(retracted.document, [lastPass]);
    expect(redelivered.changed).toBe(false);
  });

  it('moves a learner between department counters when a later registration says so', () => {
    const first = apply(undefined, factsOf(walk));
    const moved = LearnerJourney.of(
      catalogue,
      'ODP-L3-CS',
      { ...learner, department: 'DVLA' },
      '2026-06-01T00:00:00Z',
    );
    const outcome = apply(first.document, factsOf(moved.registered()));
    expect(outcome.document.profile?.department).toBe('DVLA');
    expect(count(outcome.increments, `${STORE}|q=ODP-L2-CS|d=HMPO|g=*`, 'completions.total')).toBe(
      -1,
    );
    expect(count(outcome.increments, `${STORE}|q=ODP-L2-CS|d=DVLA|g=*`, 'completions.total')).toBe(
      1,
    );
    expect(counterId({ storeId: STORE, qualification: '*', department: '*', grade: '*' })).toBe(
      everything,
    );
  });
});

function hash(text: string, seed: number): number {
  let h = seed;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h;
}
