/**
 * A hang in the mongodb driver (6.20, and still so in 7.9): when a command overruns the socket's
 * buffer (a bulk write, a find with a long `$in`), `Connection.writeCommand` waits for the socket's
 * 'drain' event, listening for 'error' too. When the driver itself then gives up on that
 * connection (its socket timeout, or a pool clear after the server went away), it destroys the
 * socket without an error: neither event ever comes, no socket timeout applies any more, and the
 * operation waits forever.
 *
 * Seen in the fault suite: after the MongoDB-wire server restarted under load, one learner-key
 * lookup in the projector never returned; every later lookup queued behind it, so the statement
 * store and the learning projection stopped for good (heartbeating, so Kafka never moved their
 * partitions). Here the driver's wait for 'drain' also ends when the socket closes, with the
 * network error every caller already retries.
 *
 * This reaches into the driver's internals, so installing checks they are what was read and fails
 * the boot otherwise.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { MongoNetworkError } from 'mongodb';

type Once = (emitter: EventEmitter, name: string, options?: unknown) => Promise<unknown>;

interface DriverUtils {
  once: Once & { [ORIGINAL]?: Once };
}

const ORIGINAL = Symbol.for('learning-records.mongodb-drain-fix');

export function installMongodbDrainFix(): void {
  const utils = driverUtils();
  if (utils.once[ORIGINAL]) return;
  const original = utils.once;
  const patched = Object.assign(
    (emitter: EventEmitter, name: string, options?: unknown) =>
      name === 'drain'
        ? drainOrClose(original, emitter, options)
        : original(emitter, name, options),
    { [ORIGINAL]: original },
  );
  utils.once = patched;
}

/** Puts the driver's own wait back (tests show the hang with it). */
export function removeMongodbDrainFix(): void {
  const utils = driverUtils();
  const original = utils.once[ORIGINAL];
  if (original) utils.once = original;
}

function drainOrClose(original: Once, socket: EventEmitter, options: unknown): Promise<unknown> {
  const closed = () =>
    new MongoNetworkError('connection closed while a command was still being written');
  if ((socket as { destroyed?: boolean }).destroyed) return Promise.reject(closed());
  return new Promise((resolve, reject) => {
    const onClose = () => reject(closed());
    socket.once('close', onClose);
    original(socket, 'drain', options)
      .then(resolve, reject)
      .finally(() => socket.off('close', onClose));
  });
}

function driverUtils(): DriverUtils {
  const fromMongodb = createRequire(require.resolve('mongodb'));
  const utils = fromMongodb('./utils') as Partial<DriverUtils>;
  const connection = fromMongodb('./cmap/connection') as {
    Connection?: { prototype?: { writeCommand?: unknown } };
  };
  const writeCommand = connection.Connection?.prototype?.writeCommand;
  if (typeof utils.once !== 'function' || typeof writeCommand !== 'function') {
    throw new Error('mongodb internals changed: review libs/persistence/src/mongodb-drain-fix');
  }
  if (!String(writeCommand).includes("utils_1.once)(this.socket, 'drain'")) {
    throw new Error('mongodb no longer waits for drain as expected: review mongodb-drain-fix');
  }
  return utils as DriverUtils;
}
