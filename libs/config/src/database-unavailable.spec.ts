import {
  BulkWriteResult,
  MongoBulkWriteError,
  MongoNetworkError,
  MongoServerError,
  MongoServerSelectionError,
} from 'mongodb';
import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises the driver errors of an unreachable database', () => {
    expect(isDatabaseUnavailable(new MongoNetworkError('connection reset'))).toBe(true);
    const selection = new MongoServerSelectionError('connect ECONNREFUSED', {
      type: 'Unknown',
      servers: new Map(),
      stale: false,
      compatible: true,
      heartbeatFrequencyMS: 10_000,
      localThresholdMS: 15,
    } as never);
    expect(isDatabaseUnavailable(selection)).toBe(true);
  });

  it('recognises a bulk write that lost its connection, but not one refused by the server', () => {
    const lost = new MongoBulkWriteError(
      new MongoNetworkError('connect ECONNREFUSED'),
      {} as BulkWriteResult,
    );
    expect(isDatabaseUnavailable(lost)).toBe(true);
    const refused = new MongoBulkWriteError(
      { message: 'E11000', code: 11000, writeErrors: [] },
      {} as BulkWriteResult,
    );
    expect(isDatabaseUnavailable(refused)).toBe(false);
  });

  it('recognises a bulk write interrupted because the driver’s monitor timed out', () => {
    // As the driver builds it when a heartbeat times out under load (seen in the fault suite).
    const interrupted = Object.defineProperty(
      new MongoNetworkError(
        'Connection to 127.0.0.1:27017 interrupted due to server monitor timeout',
      ),
      'name',
      { value: 'PoolClearedOnNetworkError' },
    );
    const bulk = new MongoBulkWriteError(interrupted, {} as BulkWriteResult);
    expect(isDatabaseUnavailable(bulk)).toBe(true);
  });

  it('recognises a bulk write whose socket the server closed under it (EPIPE)', () => {
    const epipe = Object.assign(new Error('This socket has been ended by the other party'), {
      code: 'EPIPE',
    });
    expect(isDatabaseUnavailable(new MongoBulkWriteError(epipe, {} as BulkWriteResult))).toBe(true);
    expect(isDatabaseUnavailable(epipe)).toBe(true);
  });

  it('recognises a command that timed out in mongoose’s buffer', () => {
    const buffered = new Error(
      'Operation `statements.insertOne()` buffering timed out after 10000ms',
    );
    buffered.name = 'MongooseError';
    expect(isDatabaseUnavailable(buffered)).toBe(true);
  });

  it('recognises a write that FerretDB refused because SQLite was busy', () => {
    const busy = new MongoBulkWriteError(
      {
        message:
          '[msg_update.go:133 handler.(*Handler).updateDocument] [collection.go:135 sqlite.(*collection).InsertAll.func1] database is locked (5) (SQLITE_BUSY)',
        code: 1,
        writeErrors: [],
      },
      {} as BulkWriteResult,
    );
    expect(isDatabaseUnavailable(busy)).toBe(true);
  });

  it('leaves errors the database answered, and everything else, alone', () => {
    expect(isDatabaseUnavailable(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('MongoNetworkError')).toBe(false);
  });
});
