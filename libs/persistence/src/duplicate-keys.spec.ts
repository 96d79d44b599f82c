import { BulkWriteResult, MongoBulkWriteError, MongoNetworkError, MongoServerError } from 'mongodb';
import type { WriteError } from 'mongodb';
import { duplicateKeyPositions, isDuplicateKey } from './duplicate-keys';

const result = {} as BulkWriteResult;

function writeError(index: number, code: number): WriteError {
  // The driver builds these from server replies; its class is not exported.
  return { index, code, errmsg: `error ${code}` } as unknown as WriteError;
}

describe('duplicateKeyPositions', () => {
  it('answers which documents were already there when only duplicate keys were refused', () => {
    const errors = [writeError(0, 11000), writeError(2, 11000)];
    const error = new MongoBulkWriteError(
      { message: 'E11000', code: 11000, writeErrors: errors },
      result,
    );
    expect(duplicateKeyPositions(error)).toEqual([0, 2]);
  });

  it('refuses a connection lost mid-write, which also arrives as a bulk write error', () => {
    const lost = new MongoBulkWriteError(
      new MongoNetworkError('connection 2 to 127.0.0.1:27017 closed'),
      result,
    );
    expect(lost.writeErrors).toEqual([]);
    expect(duplicateKeyPositions(lost)).toBeUndefined();
  });

  it('refuses write errors other than duplicate keys, and other errors', () => {
    const mixed = new MongoBulkWriteError(
      { message: 'E11000', code: 11000, writeErrors: [writeError(0, 11000), writeError(1, 121)] },
      result,
    );
    expect(duplicateKeyPositions(mixed)).toBeUndefined();
    expect(duplicateKeyPositions(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(
      undefined,
    );
  });
});

describe('isDuplicateKey', () => {
  it('recognises a single write refused for a taken key, and nothing else', () => {
    expect(isDuplicateKey(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(true);
    expect(isDuplicateKey(new MongoServerError({ message: 'locked', code: 1 }))).toBe(false);
    expect(isDuplicateKey(new Error('E11000'))).toBe(false);
  });
});
