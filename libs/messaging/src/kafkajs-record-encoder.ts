/**
 * kafkajs 2.2.4 encodes every record of a produce request through a fresh Encoder (a zero-filled
 * 512-byte buffer, grown by copying), one more Encoder per header, and 64-bit Long arithmetic for
 * the timestamp delta, then copies the records into a growing batch buffer and the batch twice
 * more: under bench:ingest at batch 100 that was a fifth of lrs-api's CPU. This writes the same
 * bytes, each record and each batch into one buffer of the exact size. Anything unusual (a
 * timestamp delta past 2^30 ms, a value that is neither text nor bytes, a compressed batch) goes
 * to kafkajs's own encoders.
 *
 * kafkajs's produce request binds the record encoder when its module loads, so it is swapped in
 * the module cache; installing checks the encoder is the one measured and fails the boot
 * otherwise (the version is pinned in package.json).
 */
import { createRequire } from 'node:module';
import { crc32c } from './crc32c';

type Bytes = Buffer | string | null | undefined;
type HeaderValue = Buffer | string;

export interface RecordInput {
  readonly offsetDelta?: number;
  readonly timestampDelta?: number;
  readonly key?: Bytes;
  readonly value?: Bytes;
  readonly headers?: Readonly<Record<string, HeaderValue | readonly HeaderValue[] | undefined>>;
}

/** What kafkajs's record batch takes from a record: an Encoder's `buf` and `buffer`. */
export interface EncodedRecord {
  readonly buf: Buffer;
  readonly buffer: Buffer;
}

type RecordEncoder = (record: RecordInput) => EncodedRecord;

const SMALL = 2 ** 30;

/** Zig-zag encoding of a 32-bit integer, as a Kafka varint stores it. */
function zigzag(value: number): number {
  return (value << 1) ^ (value >> 31);
}

function uvarintSize(value: number): number {
  let bytes = 1;
  while ((value & 0xffffff80) !== 0) {
    bytes += 1;
    value >>>= 7;
  }
  return bytes;
}

function writeUVarInt(buf: Buffer, offset: number, value: number): number {
  while ((value & 0xffffff80) !== 0) {
    buf[offset++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  buf[offset++] = value & 0x7f;
  return offset;
}

function isBytes(value: unknown): value is Bytes {
  return value == null || typeof value === 'string' || Buffer.isBuffer(value);
}

function byteLength(value: Bytes): number {
  if (value == null) return -1;
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}

function bytesSize(length: number): number {
  return length < 0 ? 1 : uvarintSize(zigzag(length)) + length;
}

function writeBytes(buf: Buffer, offset: number, value: Bytes, length: number): number {
  offset = writeUVarInt(buf, offset, zigzag(length));
  if (value == null) return offset;
  if (typeof value === 'string') buf.write(value, offset, length, 'utf8');
  else value.copy(buf, offset);
  return offset + length;
}

interface Header {
  readonly key: string;
  readonly value: HeaderValue;
  readonly keyLength: number;
  readonly valueLength: number;
}

/** kafkajs's order: each key in turn, an array value giving one header per element. */
function headersOf(record: RecordInput): Header[] | undefined {
  const headers: Header[] = [];
  for (const [key, raw] of Object.entries(record.headers ?? {})) {
    const values = Array.isArray(raw) ? (raw as readonly unknown[]) : [raw];
    for (const value of values) {
      if (typeof value !== 'string' && !Buffer.isBuffer(value)) return undefined;
      const keyLength = Buffer.byteLength(key, 'utf8');
      headers.push({ key, value, keyLength, valueLength: byteLength(value) });
    }
  }
  return headers;
}

/** The record's bytes, or undefined when kafkajs's own encoder must take it. */
export function encodeRecord(record: RecordInput): EncodedRecord | undefined {
  const offsetDelta = record.offsetDelta ?? 0;
  const timestampDelta = record.timestampDelta ?? 0;
  const { key, value } = record;
  if (!Number.isInteger(timestampDelta) || Math.abs(timestampDelta) >= SMALL) return undefined;
  if (!Number.isInteger(offsetDelta) || offsetDelta < 0 || offsetDelta >= SMALL) return undefined;
  if (!isBytes(key) || !isBytes(value)) return undefined;
  const headers = headersOf(record);
  if (!headers) return undefined;
  const keyLength = byteLength(key);
  const valueLength = byteLength(value);
  let body =
    1 +
    uvarintSize(zigzag(timestampDelta)) +
    uvarintSize(zigzag(offsetDelta)) +
    bytesSize(keyLength) +
    bytesSize(valueLength) +
    uvarintSize(zigzag(headers.length));
  for (const header of headers) body += bytesSize(header.keyLength) + bytesSize(header.valueLength);
  const buf = Buffer.allocUnsafe(uvarintSize(zigzag(body)) + body);
  let offset = writeUVarInt(buf, 0, zigzag(body));
  buf[offset++] = 0; // attributes: none are used per record
  offset = writeUVarInt(buf, offset, zigzag(timestampDelta));
  offset = writeUVarInt(buf, offset, zigzag(offsetDelta));
  offset = writeBytes(buf, offset, key, keyLength);
  offset = writeBytes(buf, offset, value, valueLength);
  offset = writeUVarInt(buf, offset, zigzag(headers.length));
  for (const header of headers) {
    offset = writeBytes(buf, offset, header.key, header.keyLength);
    offset = writeBytes(buf, offset, header.value, header.valueLength);
  }
  return { buf, buffer: buf };
}

/** What kafkajs's produce request passes to its record batch encoder. */
export interface RecordBatchInput {
  readonly compression?: number;
  readonly firstOffset?: unknown;
  readonly firstTimestamp?: number;
  readonly maxTimestamp?: number;
  readonly partitionLeaderEpoch?: number;
  readonly lastOffsetDelta?: number;
  readonly transactional?: boolean;
  readonly producerId?: unknown;
  readonly producerEpoch?: number;
  readonly firstSequence?: number;
  readonly records?: readonly EncodedRecord[];
}

/** What the produce request takes from a record batch: an Encoder's `buf`, `buffer`, `size()`. */
export interface EncodedBatch extends EncodedRecord {
  size(): number;
}

interface KafkajsLong {
  getHighBits(): number;
  getLowBits(): number;
}

/** kafkajs's 64-bit integer from whatever it passes (number, text or its own Long). */
export type ToLong = (value: unknown) => KafkajsLong;

const MAGIC_BYTE = 2;
const TRANSACTIONAL = 16;
/** attributes, lastOffsetDelta, two timestamps, producer id and epoch, firstSequence, count. */
const BODY_HEAD = 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4;

function writeInt64(buf: Buffer, offset: number, long: KafkajsLong): number {
  buf.writeInt32BE(long.getHighBits(), offset);
  buf.writeInt32BE(long.getLowBits(), offset + 4);
  return offset + 8;
}

/**
 * An uncompressed record batch (magic 2) in one buffer of the exact size, where kafkajs copies
 * its records into a growing buffer and the whole batch twice more. Undefined when compressed.
 */
export function encodeRecordBatch(
  input: RecordBatchInput,
  toLong: ToLong,
): EncodedBatch | undefined {
  if ((input.compression ?? 0) !== 0) return undefined;
  const records = input.records ?? [];
  let recordBytes = 0;
  for (const record of records) recordBytes += record.buffer.length;
  const batchLength = 4 + 1 + 4 + BODY_HEAD + recordBytes;
  const total = 8 + 4 + batchLength;
  const buf = Buffer.allocUnsafe(total);
  let offset = writeInt64(buf, 0, toLong(input.firstOffset ?? 0));
  offset = buf.writeInt32BE(batchLength, offset);
  offset = buf.writeInt32BE(input.partitionLeaderEpoch ?? 0, offset);
  offset = buf.writeInt8(MAGIC_BYTE, offset);
  const crcAt = offset;
  const bodyStart = crcAt + 4;
  offset = buf.writeInt16BE(input.transactional ? TRANSACTIONAL : 0, bodyStart);
  offset = buf.writeInt32BE(input.lastOffsetDelta ?? 0, offset);
  const now = Date.now();
  offset = writeInt64(buf, offset, toLong(input.firstTimestamp ?? now));
  offset = writeInt64(buf, offset, toLong(input.maxTimestamp ?? now));
  offset = writeInt64(buf, offset, toLong(input.producerId ?? -1));
  offset = buf.writeInt16BE(input.producerEpoch ?? 0, offset);
  offset = buf.writeInt32BE(input.firstSequence ?? 0, offset);
  offset = buf.writeInt32BE(records.length, offset);
  for (const record of records) offset += record.buffer.copy(buf, offset);
  buf.writeUInt32BE(crc32c(buf.subarray(bodyStart)), crcAt);
  return { buf, buffer: buf, size: () => total };
}

const RECORD_MODULE = './src/protocol/recordBatch/record/v0';
const BATCH_MODULE = './src/protocol/recordBatch/v0';
/** Every module that binds the encoders when it loads (v4 to v7 reuse v3's). */
const PRODUCE_REQUESTS = [3, 4, 5, 6, 7].map(
  (v) => `./src/protocol/requests/produce/v${v}/request`,
);
const INSTALLED = Symbol.for('learning-records.kafkajs-record-encoder');

type BatchEncoder = (input: RecordBatchInput) => Promise<EncodedBatch>;

export function installKafkajsRecordEncoder(): void {
  const fromKafkajs = createRequire(require.resolve('kafkajs'));
  const recordPath = fromKafkajs.resolve(RECORD_MODULE);
  const batchPath = fromKafkajs.resolve(BATCH_MODULE);
  const original = fromKafkajs(recordPath) as RecordEncoder & { [INSTALLED]?: true };
  if (original[INSTALLED]) return;
  const batchModule = fromKafkajs(batchPath) as { RecordBatch?: BatchEncoder };
  const originalBatch = batchModule.RecordBatch;
  const cachedRecord = fromKafkajs.cache[recordPath];
  const cachedBatch = fromKafkajs.cache[batchPath];
  if (
    !cachedRecord ||
    !cachedBatch ||
    typeof original !== 'function' ||
    original.length !== 1 ||
    typeof originalBatch !== 'function' ||
    originalBatch.length !== 1
  ) {
    throw new Error('kafkajs internals changed: review libs/messaging/src/kafkajs-record-encoder');
  }
  const Long = fromKafkajs('./src/utils/long') as { fromValue(value: unknown): KafkajsLong };
  const toLong: ToLong = (value) => Long.fromValue(value);
  cachedRecord.exports = Object.assign(
    (record: RecordInput) => encodeRecord(record) ?? original(record),
    { [INSTALLED]: true as const },
  );
  cachedBatch.exports = {
    ...batchModule,
    RecordBatch: (input: RecordBatchInput) => {
      const batch = encodeRecordBatch(input, toLong);
      return batch ? Promise.resolve(batch) : originalBatch(input);
    },
  };
  // A produce request module loaded before this holds the old encoders: kafkajs requires it
  // afresh for every request, so dropping it from the cache is enough.
  for (const path of PRODUCE_REQUESTS) delete fromKafkajs.cache[fromKafkajs.resolve(path)];
}
