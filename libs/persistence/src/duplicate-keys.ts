import { MongoBulkWriteError, MongoServerError, WriteError } from 'mongodb';

const DUPLICATE_KEY = 11000;

/** A single write refused because its unique key (its _id, usually) was already taken. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * The positions, in an unordered insertMany, of the documents refused only because their _id
 * was already taken; undefined when the error is anything else. A connection lost mid-write
 * also arrives as a MongoBulkWriteError, with no write errors and another code: taking that for
 * "every document was a duplicate" would acknowledge writes that never happened.
 */
export function duplicateKeyPositions(error: unknown): number[] | undefined {
  if (!(error instanceof MongoBulkWriteError) || error.code !== DUPLICATE_KEY) return undefined;
  const errors = ([] as WriteError[]).concat(error.writeErrors as WriteError | WriteError[]);
  if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY)) return undefined;
  return errors.map((e) => e.index);
}
