import { activityDefinitionsOf, StatementDocument } from '@lr/xapi';

/** One upsert per activity a batch of statements mentions, into the /activities collection. */
export interface ActivityUpsert {
  readonly _id: string;
  readonly storeId: string;
  readonly activityId: string;
  /** `$set` paths, in statement order: a later statement's value for a path wins. */
  readonly set: Record<string, unknown>;
}

/**
 * Merges what a batch says about each activity into one upsert per activity: the same result
 * as one upsert per statement applied in order (set paths never overlap by prefix: language
 * maps are set per language, everything else whole), with a handful of writes where a batch of
 * 100 statements on a dozen activities made 200. Statements without the define scope make an
 * activity known without changing its definition. Pure.
 */
export function activityUpserts(documents: readonly StatementDocument[]): ActivityUpsert[] {
  const byId = new Map<string, ActivityUpsert>();
  for (const doc of documents) {
    for (const update of activityDefinitionsOf(doc.statement)) {
      const _id = `${doc.storeId}|${update.activityId}`;
      const upsert = byId.get(_id) ?? {
        _id,
        storeId: doc.storeId,
        activityId: update.activityId,
        set: {},
      };
      byId.set(_id, doc.defines ? { ...upsert, set: { ...upsert.set, ...update.set } } : upsert);
    }
  }
  return [...byId.values()];
}
