import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Crypto-shredding of the log: a record about a learner is sealed with AES-256-GCM under that
 * learner's own data key, so destroying the key makes every copy of the record (log, replicas,
 * backups, dead letters) unreadable without rewriting the log. Records carry the key's random id
 * in a header, never the learner's identity.
 */
export const ENVELOPE_HEADER = 'lr-enc';
export const KEY_ID_HEADER = 'lr-key';
/** Envelope version: a record without ENVELOPE_HEADER is a plain record written before it. */
export const LEARNER_ENVELOPE_V1 = 'aes-256-gcm/v1';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs are random, drawn from a pool: one randomBytes call per record cost more than the AES. */
const IV_POOL_BYTES = IV_BYTES * 4096;
let ivPool = Buffer.alloc(0);
let ivAt = 0;

function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}

export interface SealedValue {
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

/** Seals a value; the key id is authenticated too, so a record cannot be moved to another key. */
export function sealWith(key: Buffer, keyId: string, plaintext: Buffer | string): SealedValue {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId));
  // In array order: the tag exists only after final(). One copy of the body, not two.
  const parts = [iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()];
  return {
    value: Buffer.concat(parts),
    headers: { [ENVELOPE_HEADER]: LEARNER_ENVELOPE_V1, [KEY_ID_HEADER]: keyId },
  };
}

/** Opens a sealed value; throws when the key is wrong or the value was tampered with. */
export function openWith(key: Buffer, keyId: string, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
  // GCM is a stream mode: final() only checks the tag, and its (empty) output needs no copy.
  const rest = decipher.final();
  return rest.length === 0 ? body : Buffer.concat([body, rest]);
}

/** The key id of a sealed record, or undefined for a plain one; unknown versions are refused. */
export function sealedKeyIdOf(headers: Readonly<Record<string, unknown>>): string | undefined {
  const version = headerText(headers[ENVELOPE_HEADER]);
  if (version === undefined) return undefined;
  if (version !== LEARNER_ENVELOPE_V1) throw new Error(`unknown record envelope ${version}`);
  const keyId = headerText(headers[KEY_ID_HEADER]);
  if (!keyId) throw new Error('sealed record without a key id');
  return keyId;
}

/** Kafka headers arrive as Buffers (or strings, when just produced in-process). */
export function headerText(value: unknown): string | undefined {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'string' ? value : undefined;
}

/**
 * A learner's reference where their identity must not be kept in clear (key index, erasure
 * tombstones): a SHA-256 of the learner key.
 */
export function learnerRef(learnerKey: string): string {
  return createHash('sha256').update(learnerKey).digest('hex');
}
