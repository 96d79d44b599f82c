import { Catalogue } from '@lr/catalogue';
import { CounterIncrements, contributionsOf, difference } from '../counters/contributions';
import { eventsFor } from '../events/events-for';
import { LearningEvent } from '../events/learning-event';
import { LearningFact } from '../facts/learning-fact';
import { deriveProfile, deriveProgress } from '../progress/derive-progress';
import { deriveSkills } from '../progress/skills-evidence';
import { LearnerDocument } from './learner.document';

export interface LearnerChanges {
  readonly learnerKey: string;
  readonly storeId: string;
  /** The actor as last seen, kept for events and the reporting API. */
  readonly agent?: Readonly<Record<string, unknown>>;
  readonly add: readonly LearningFact[];
  readonly retract: readonly string[];
  readonly seq: number;
}

export interface LearnerOutcome {
  readonly before: LearnerDocument | undefined;
  readonly document: LearnerDocument;
  readonly changed: boolean;
  /** What the counters must change by: contributions after minus before. */
  readonly increments: CounterIncrements;
  readonly events: LearningEvent[];
}

/**
 * The decision at the heart of the learning projections: a learner's document after some facts
 * are added and some retracted. Pure, with the clock passed in; adding a fact twice or retracting
 * one that is absent changes nothing, which is what makes redelivery harmless.
 */
export function applyChanges(
  before: LearnerDocument | undefined,
  changes: LearnerChanges,
  catalogue: Catalogue,
  now: string,
): LearnerOutcome {
  const retracted = new Set([...(before?.retracted ?? []), ...changes.retract]);
  const facts = new Map<string, LearningFact>();
  for (const fact of [...(before?.facts ?? []), ...changes.add]) {
    if (!retracted.has(fact.id) && !facts.has(fact.id)) facts.set(fact.id, fact);
  }
  const kept = [...facts.values()];
  const changed =
    kept.length !== (before?.facts.length ?? 0) ||
    retracted.size !== (before?.retracted.length ?? 0) ||
    !before;
  if (before && !changed)
    return { before, document: before, changed, increments: new Map(), events: [] };
  const profile = deriveProfile(kept);
  const qualifications = deriveProgress(kept, catalogue);
  const draft: LearnerDocument = {
    _id: changes.learnerKey,
    storeId: changes.storeId,
    agent: changes.agent ?? before?.agent ?? {},
    facts: kept,
    factIds: kept.map((fact) => fact.id),
    retracted: [...retracted],
    ...(profile ? { profile } : {}),
    ...(profile?.lineManager ? { managerKey: `${changes.storeId}|${profile.lineManager}` } : {}),
    qualifications,
    skills: deriveSkills(qualifications, catalogue),
    emitted: before?.emitted ?? [],
    seq: Math.max(changes.seq, before?.seq ?? -1),
    updatedAt: now,
  };
  const { events, emitted } = eventsFor(draft, catalogue);
  const increments = difference(
    contributionsOf(changes.storeId, profile, qualifications, catalogue),
    before
      ? contributionsOf(before.storeId, before.profile, before.qualifications, catalogue)
      : new Map<string, Map<string, number>>(),
  );
  return { before, document: { ...draft, emitted }, changed, increments, events };
}
