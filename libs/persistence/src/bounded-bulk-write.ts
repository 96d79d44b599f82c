import { AnyBulkWriteOperation, BulkWriteOptions, Collection, Document } from 'mongodb';
import { isSqliteBusy } from '@lr/config';
import { isDuplicateKey } from './duplicate-keys';
import { serverKindOf } from './server-kind';

/** On FerretDB: operations in flight per process (see server-kind), and tries of a busy one. */
const FERRETDB_IN_FLIGHT = 24;
const BUSY_ATTEMPTS = 5;

/** Counts operations in flight and queues commands that would take it over the limit. */
class Permits {
  private free = FERRETDB_IN_FLIGHT;
  private readonly queue: { n: number; go: () => void }[] = [];

  async take(n: number): Promise<void> {
    if (this.queue.length === 0 && this.free >= n) {
      this.free -= n;
      return;
    }
    await new Promise<void>((go) => this.queue.push({ n, go }));
  }

  give(n: number): void {
    this.free += n;
    for (let next = this.queue[0]; next && this.free >= next.n; next = this.queue[0]) {
      this.queue.shift();
      this.free -= next.n;
      next.go();
    }
  }
}

const permits = new Permits();

/**
 * bulkWrite, in one command where the server copes. On FerretDB each operation is a command of
 * its own, with at most 24 in flight per process so that its SQLite pool cannot deadlock: its
 * update command ignores `ordered: false` and skips everything after a failed update (FerretDB
 * issue 2612), so one duplicate key would silently drop the others, and its errors always say
 * index 0. Alone, an operation that SQLite refused as busy did nothing and is simply sent again,
 * and so is an upsert that lost the race to insert its `_id` (MongoDB retries those itself).
 * Ordered, operations run one after another and the first failure stops the rest. Unordered,
 * operations on one `_id` still run one after another in their order (an update there reads,
 * then replaces the whole document), the others at once; the first failure is thrown once every
 * operation has run. Answers nothing, since results would be per command on FerretDB.
 */
export async function boundedBulkWrite<T extends Document>(
  collection: Collection<T>,
  operations: readonly AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions = {},
): Promise<void> {
  if (operations.length === 0) return;
  if ((await serverKindOf(collection)) === 'mongodb') {
    await collection.bulkWrite(operations, options);
    return;
  }
  if (options.ordered !== false) {
    for (const operation of operations) await alone(collection, operation, options);
    return;
  }
  const lanes = new Map<unknown, AnyBulkWriteOperation<T>[]>();
  for (const operation of operations) {
    const key = idOf(operation);
    lanes.set(key, [...(lanes.get(key) ?? []), operation]);
  }
  let failure: { error: unknown } | undefined;
  await Promise.all(
    [...lanes.values()].map(async (lane) => {
      for (const operation of lane) {
        await alone(collection, operation, options).catch((error: unknown) => {
          failure ??= { error };
        });
      }
    }),
  );
  if (failure) throw failure.error;
}

async function alone<T extends Document>(
  collection: Collection<T>,
  operation: AnyBulkWriteOperation<T>,
  options: BulkWriteOptions,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await permits.take(1);
    try {
      await collection.bulkWrite([operation], options);
      return;
    } catch (error) {
      if (attempt >= BUSY_ATTEMPTS || !worthRetrying(operation, error)) throw error;
    } finally {
      permits.give(1);
    }
    await new Promise((resolve) => setTimeout(resolve, attempt * 10 * (1 + Math.random())));
  }
}

/**
 * A single command that did nothing and may well succeed if sent again: SQLite was busy, or two
 * upserts of one new `_id` raced and this one lost; sent again, it finds the winner's document.
 */
function worthRetrying(operation: object, error: unknown): boolean {
  if (isSqliteBusy(error)) return true;
  const body = Object.values(operation)[0] as { upsert?: boolean };
  return body.upsert === true && isDuplicateKey(error);
}

/** The `_id` an operation's filter pins (or the document's, for an insert); else one shared lane. */
function idOf(operation: object): unknown {
  const body = Object.values(operation)[0] as {
    filter?: Document;
    document?: Document;
  };
  const id: unknown = body.filter?._id ?? body.document?._id;
  return id === undefined || (typeof id === 'object' && id !== null) ? SHARED_LANE : id;
}

const SHARED_LANE = Symbol('no plain _id');
