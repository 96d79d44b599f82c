import { randomFillSync } from 'node:crypto';

const RANDOM_BYTES = 10;
const POOLED_IDS = 512;

/** One getrandom call per POOLED_IDS ids, as crypto.randomUUID pools its entropy too. */
const pool = Buffer.allocUnsafe(RANDOM_BYTES * POOLED_IDS);
let used = POOLED_IDS;

function pooledRandom(): Buffer {
  if (used === POOLED_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const start = RANDOM_BYTES * used++;
  return pool.subarray(start, start + RANDOM_BYTES);
}

/**
 * A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Statement ids
 * the LRS assigns are keys of the statement store's unique index; a random (v4) key lands on a
 * random leaf of that index, so every write touches a different page, while time-ordered keys
 * all land at its right edge. The spec accepts any UUID version (see isUuid), and the time it
 * carries is within milliseconds of the statement's `stored`, which the statement shows anyway.
 * Pure given `random`.
 */
export function timeOrderedUuid(msSinceEpoch: number, random: Uint8Array = pooledRandom()): string {
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(msSinceEpoch, 0, 6);
  bytes[6] = 0x70 | (random[0]! & 0x0f);
  bytes[7] = random[1]!;
  bytes[8] = 0x80 | (random[2]! & 0x3f);
  bytes.set(random.subarray(3, RANDOM_BYTES), 9);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
