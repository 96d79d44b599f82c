import { Collection, Document, IndexDescription, MongoServerError } from 'mongodb';

const NAMESPACE_NOT_FOUND = 26;

/** An index is found again by its name, so every index we ask for has one. */
export type NamedIndex = IndexDescription & { readonly name: string };

/**
 * Creates the named indexes a collection lacks, one command each, and leaves the rest alone.
 * FerretDB 1.24 panics (and drops the connection) on a createIndexes that names several indexes
 * of which more than one exists already: it deletes them from the list it walks by their place
 * in the request. Every restart of an app asks for its indexes again, so it would hit that.
 */
export async function ensureIndexes<T extends Document>(
  collection: Collection<T>,
  specs: readonly NamedIndex[],
): Promise<void> {
  const existing = await existingIndexNames(collection);
  for (const spec of specs) {
    if (!existing.has(spec.name)) await collection.createIndexes([spec]);
  }
}

async function existingIndexNames<T extends Document>(
  collection: Collection<T>,
): Promise<Set<string>> {
  try {
    const indexes: unknown[] = await collection.listIndexes().toArray();
    return new Set(indexes.map((index) => String((index as { name?: unknown }).name)));
  } catch (error) {
    if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return new Set();
    throw error;
  }
}
