/**
 * Errors the MongoDB driver (and mongoose's command buffer) raise when the database cannot be
 * reached: no server to select, a dropped or refused connection, a cleared pool. They say
 * nothing about the request, so they are answered 503 with Retry-After rather than 500.
 * Matched by name so this library needs no driver.
 */
const UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  // In-use connections interrupted because the driver's monitor timed out (a stalled server).
  'PoolClearedOnNetworkError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/**
 * A socket that broke under the driver mid-write can surface as Node's own error (the write
 * after the server closed its end is EPIPE, "This socket has been ended by the other party"),
 * inside a bulk write, rather than as a MongoNetworkError.
 */
const BROKEN_SOCKET = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ERR_STREAM_WRITE_AFTER_END',
]);

/**
 * FerretDB on SQLite answers a write that met another writer's transaction with SQLITE_BUSY
 * ("database is locked"): nothing was written and the same request can succeed a moment later.
 */
const BUSY = /database is locked|\(SQLITE_BUSY\)/;

export function isSqliteBusy(error: unknown): boolean {
  return error instanceof Error && BUSY.test(error.message);
}

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (UNAVAILABLE.has(error.name)) return true;
  if (BROKEN_SOCKET.has(String((error as { code?: unknown }).code))) return true;
  if (isSqliteBusy(error)) return true;
  // A bulk write that failed for want of a connection carries the driver's error inside.
  if (error.name === 'MongoBulkWriteError') {
    return isDatabaseUnavailable((error as { errorResponse?: unknown }).errorResponse);
  }
  // mongoose queues commands while disconnected and fails them with a plain MongooseError.
  return error.name === 'MongooseError' && /buffering timed out/.test(error.message);
}
