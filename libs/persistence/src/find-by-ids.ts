import { Collection, Document, Filter, FindOptions, WithId } from 'mongodb';
import { serverKindOf } from './server-kind';

/** Point lookups in flight at once per call, when the server needs one per id. */
const POINT_LOOKUPS_AT_ONCE = 8;

/**
 * The documents with these ids, in no particular order; ids not found are left out. One `$in`
 * where the server answers it from the _id index; on FerretDB, which scans the collection for
 * an `$in` (see server-kind.ts), bounded parallel `{ _id }` lookups instead.
 */
export async function findByIds<T extends Document>(
  collection: Collection<T>,
  ids: readonly string[],
  options: FindOptions = {},
): Promise<WithId<T>[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if ((await serverKindOf(collection)) === 'mongodb') {
    return collection.find({ _id: { $in: unique } } as Filter<T>, options).toArray();
  }
  return pointLookups(collection, unique, options);
}

async function pointLookups<T extends Document>(
  collection: Collection<T>,
  ids: readonly string[],
  options: FindOptions,
): Promise<WithId<T>[]> {
  const found: WithId<T>[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const doc = await collection.findOne({ _id: ids[next++] } as Filter<T>, options);
      if (doc) found.push(doc);
    }
  };
  const workers = Math.min(POINT_LOOKUPS_AT_ONCE, ids.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return found;
}
