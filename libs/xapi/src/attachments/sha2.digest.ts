import { createHash } from 'node:crypto';

/** The SHA-2 variants an X-Experience-API-Hash can use, told apart by hex length alone. */
const ALGORITHM_BY_HEX_LENGTH: ReadonlyMap<number, string> = new Map([
  [56, 'sha224'],
  [64, 'sha256'],
  [96, 'sha384'],
  [128, 'sha512'],
]);

const HEX = /^[0-9a-fA-F]+$/;

export function isSha2Hex(value: string): boolean {
  return ALGORITHM_BY_HEX_LENGTH.has(value.length) && HEX.test(value);
}

/**
 * Whether `hex` is the digest of `data`. The spec recommends SHA-256 but allows the other
 * SHA-2 lengths, and the statement validator accepts all of them, so the data is hashed with
 * whichever variant the claimed digest's length implies.
 */
export function sha2Matches(hex: string, data: Buffer): boolean {
  const algorithm = ALGORITHM_BY_HEX_LENGTH.get(hex.length);
  if (algorithm === undefined || !HEX.test(hex)) return false;
  return createHash(algorithm).update(data).digest('hex') === hex.toLowerCase();
}
