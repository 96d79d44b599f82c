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
 * bulkWrite, in one command where the server copes; on FerretDB in commands of a few operations
 * with a bound on how many are in flight in this process, so that its SQLite pool cannot
 * deadlock. Chunks run one after another: ordered, the first failure stops the rest; unordered,
 * every chunk runs and the first failure is thrown at the end. Answers nothing, since results
 * (and error positions) would be per chunk on FerretDB.
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
  let failure: { error: unknown } | undefined;
  for (let start = 0; start < operations.length; start += FERRETDB_CHUNK) {
    const chunk = operations.slice(start, start + FERRETDB_CHUNK);
    await permits.take(chunk.length);
    try {
      await collection.bulkWrite(chunk, options);
    } catch (error) {
      if (options.ordered !== false) throw error;
      failure ??= { error };
    } finally {
      permits.give(chunk.length);
    }
  }
  if (failure) throw failure.error;
}
