import { Db } from 'mongodb';

/** The learning read models of one version, normalised so that equal content compares equal. */
export interface ReadModelSnapshot {
  readonly learners: Record<string, unknown>[];
  readonly counters: Record<string, unknown>[];
  readonly teams: Record<string, unknown>[];
}

/**
 * Learners without what depends on arrival order or time (updatedAt, seq, and emitted, the
 * history of announcements), lists as sets; counters without their idempotence guard and zero
 * counts; team members as sets. Collection names are given: see learningCollections.
 */
export async function readModelSnapshot(
  db: Db,
  names: { readonly learners: string; readonly counters: string; readonly teams: string },
): Promise<ReadModelSnapshot> {
  const all = (name: string) =>
    db.collection<{ _id: string }>(name).find({}).sort({ _id: 1 }).toArray() as Promise<
      Record<string, unknown>[]
    >;
  const learners = (await all(names.learners)).map((doc) => {
    const { updatedAt: _u, seq: _s, emitted: _e, ...rest } = doc;
    const sorted: Record<string, unknown> = { ...rest };
    for (const key of ['facts', 'factIds', 'retracted'] as const) {
      const list = sorted[key] as unknown[];
      sorted[key] = [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    }
    return sorted;
  });
  const counters = (await all(names.counters)).map((doc) => {
    const { applied: _a, ...rest } = doc;
    return withoutZeros(rest);
  });
  const teams = (await all(names.teams)).map((doc) => ({
    ...doc,
    members: [...((doc as { members?: string[] }).members ?? [])].sort(),
  }));
  return { learners, counters, teams };
}

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
