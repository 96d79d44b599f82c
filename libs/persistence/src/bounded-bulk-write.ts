import { AnyBulkWriteOperation, BulkWriteOptions, Collection, Document } from 'mongodb';
import { serverKindOf } from './server-kind';

/** On FerretDB: operations per command, and operations in flight per process (see server-kind). */
const FERRETDB_CHUNK = 8;
const FERRETDB_IN_FLIGHT = 24;

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
 * bulkWrite, in one command where the server copes; on FerretDB in small commands with a bound
 * on how many operations are in flight in this process, so that its SQLite pool cannot deadlock.
 * Ordered, commands of a few operations run one after another and the first failure stops the
 * rest. Unordered, each operation is a command of its own: FerretDB's update command ignores
 * `ordered: false` and skips everything after a failed update (FerretDB issue 2612), so one
 * duplicate key would silently drop the others. Operations on one `_id` still run one after
 * another, in their order (an update there reads, then replaces the whole document); the first
 * failure is thrown once every operation has run. Answers nothing, since results (and error
 * positions) would be per command on FerretDB.
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
  if (options.ordered === false) return eachAlone(collection, operations, options);
  for (let start = 0; start < operations.length; start += FERRETDB_CHUNK) {
    await command(collection, operations.slice(start, start + FERRETDB_CHUNK), options);
  }
}

async function eachAlone<T extends Document>(
  collection: Collection<T>,
  operations: readonly AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions,
): Promise<void> {
  const lanes = new Map<unknown, AnyBulkWriteOperation<T>[]>();
  for (const operation of operations) {
    const key = idOf(operation);
    lanes.set(key, [...(lanes.get(key) ?? []), operation]);
  }
  let failure: { error: unknown } | undefined;
  await Promise.all(
    [...lanes.values()].map(async (lane) => {
      for (const operation of lane) {
        await command(collection, [operation], options).catch((error: unknown) => {
          failure ??= { error };
        });
      }
    }),
  );
  if (failure) throw failure.error;
}

async function command<T extends Document>(
  collection: Collection<T>,
  chunk: AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions,
): Promise<void> {
  await permits.take(chunk.length);
  try {
    await collection.bulkWrite(chunk, options);
  } finally {
    permits.give(chunk.length);
  }
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
