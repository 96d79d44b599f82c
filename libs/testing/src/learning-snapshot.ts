import { Db } from 'mongodb';
import {
  CounterShard,
  learningCollections,
  mergeCounterShards,
  mergeTeamShards,
  TeamShard,
} from '@lr/learning';
import { waitFor } from './wait-for';

export type LearningSnapshot = Record<'learners' | 'counters' | 'teams', unknown[]>;

/**
 * The learning read models of one version, with what depends on how the work was spread removed,
 * so runs that processed the same statements differently (other instances, other arrival order,
 * a replay) compare equal exactly when their results are the same.
 */
export async function learningSnapshot(db: Db, version: number): Promise<LearningSnapshot> {
  const names = learningCollections(version);
  const all = (name: string) =>
    db.collection<{ _id: string }>(name).find({}).sort({ _id: 1 }).toArray();
  const learners = (await all(names.learners)).map((doc) => {
    // emitted is the history of announcements and seq an offset: both depend on arrival order.
    const { updatedAt: _u, seq: _s, emitted: _e, ...rest } = doc as Record<string, unknown>;
    const sorted = { ...rest } as Record<string, unknown>;
    for (const key of ['facts', 'factIds', 'retracted'] as const) {
      const list = sorted[key] as unknown[];
      sorted[key] = [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    }
    return sorted;
  });
  // On FerretDB counters and teams are kept in a shard per partition; merged here as readers do.
  const counters = [...mergeCounterShards((await all(names.counters)) as CounterShard[])]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, doc]) => withoutZeros(doc as Record<string, unknown>));
  const teams = [...mergeTeamShards((await all(names.teams)) as TeamShard[])]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .filter(([, members]) => members.length > 0)
    .map(([manager, members]) => ({ _id: manager, members }));
  return { learners, counters, teams };
}

/**
 * The snapshot once the projection has nothing left to do: every voiding has reached its learner
 * (see OpenVoidsResolver) and two reads in a row agree, since retractions written during a run
 * are consumed after it.
 */
export async function settledLearningSnapshot(
  db: Db,
  version: number,
  timeoutMs = 60_000,
): Promise<LearningSnapshot> {
  let previous = '';
  return waitFor(
    async () => {
      const open = await db
        .collection(learningCollections(version).voids)
        .countDocuments({ open: true });
      if (open > 0) return undefined;
      const snapshot = await learningSnapshot(db, version);
      const text = JSON.stringify(snapshot);
      const stable = text === previous;
      previous = text;
      return stable ? snapshot : undefined;
    },
    { timeoutMs, intervalMs: 2_000, what: 'the learning read models to settle' },
  );
}

/** A count that went up and back down reads the same as one never touched. */
function withoutZeros(doc: Record<string, unknown>): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (!value || typeof value !== 'object') {
      entries.push([key, value]);
      continue;
    }
    const counts = Object.entries(value).filter(([, count]) => count !== 0);
    if (counts.length > 0) entries.push([key, Object.fromEntries(counts)]);
  }
  return Object.fromEntries(entries);
}
