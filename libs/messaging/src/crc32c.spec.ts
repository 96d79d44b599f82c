import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { crc32c } from './crc32c';

const kafkajsCrc32C = createRequire(require.resolve('kafkajs'))(
  './src/protocol/recordBatch/crc32C',
) as (buffer: Buffer) => number;

describe('crc32c', () => {
  it('gives the check value of the CRC-32C catalogue', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('is 0 for no bytes', () => {
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it.each([1, 7, 8, 9, 15, 16, 17, 63, 1_500, 150_001])(
    'agrees with kafkajs on %i random bytes',
    (length) => {
      const bytes = randomBytes(length);
      expect(crc32c(bytes)).toBe(kafkajsCrc32C(bytes));
    },
  );

  it('reads only the view it is given', () => {
    const bytes = randomBytes(100);
    expect(crc32c(bytes.subarray(3, 90))).toBe(kafkajsCrc32C(Buffer.from(bytes.subarray(3, 90))));
  });
});
