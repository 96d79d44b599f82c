import { randomBytes } from 'node:crypto';
import { murmur2 } from './murmur2';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (
  key: Buffer,
) => number;

describe('murmur2', () => {
  it("gives the Java client's values (Kafka's own UtilsTest vectors)", () => {
    const vectors: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, expected] of vectors) {
      expect({ key, hash: murmur2(Buffer.from(key)) }).toEqual({ key, hash: expected });
    }
  });

  it("equals kafkajs's hash on random bytes of every length up to 64", () => {
    for (let length = 0; length <= 64; length++) {
      for (let i = 0; i < 50; i++) {
        const key = randomBytes(length);
        expect({ key: key.toString('hex'), hash: murmur2(key) }).toEqual({
          key: key.toString('hex'),
          hash: kafkajsMurmur2(key),
        });
      }
    }
  });
});
