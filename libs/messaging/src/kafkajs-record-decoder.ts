/**
 * kafkajs 2.2.4 decodes every fetched record with 64-bit Long arithmetic (parsing the batch's
 * first offset and timestamp from text, per record) and builds its headers by spreading a new
 * object per header: under bench:ingest at batch 100 that was about 5% of the projector's CPU.
 * This reads the same fields straight from the buffer, with plain numbers while every value is
 * a safe integer (an offset or a millisecond timestamp below 2^53, which is every one Kafka
 * hands out in practice), and gives the record to kafkajs's own decoder otherwise.
 *
 * kafkajs's record batch decoder binds the record decoder when its module loads, so it is
 * swapped in the module cache like the encoders (see kafkajs-record-encoder.ts).
 */
import { createRequire } from 'node:module';

/** The part of kafkajs's Decoder this reads: its buffer and where the record starts. */
export interface RecordSource {
  readonly buffer: Buffer;
  offset: number;
}

/** What kafkajs's record batch decoder passes to the record decoder. */
export interface BatchContext {
  readonly firstOffset: string;
  readonly firstTimestamp: string;
  readonly magicByte?: number;
  readonly isControlBatch?: boolean;
  readonly timestampType?: number;
  readonly maxTimestamp?: string;
}

export type DecodedHeaders = Record<string, Buffer | null | (Buffer | null)[]>;

export interface DecodedRecord {
  readonly magicByte: number | undefined;
  readonly attributes: number;
  readonly timestamp: string;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: DecodedHeaders;
  readonly isControlRecord: boolean;
  readonly batchContext: BatchContext;
}

/** kafkajs's TimestampTypes.LOG_APPEND_TIME. */
const LOG_APPEND_TIME = 1;
/** Seven varint bytes carry 49 bits: always a safe integer. */
const MAX_VARLONG_BYTES = 7;

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
  ) {}

  /** A zig-zag varint of at most 32 bits, as kafkajs's readVarInt reads it. */
  varInt(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.buf[this.pos++]!;
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return (result >>> 1) ^ -(result & 1);
  }

  /** A zig-zag varlong as a number; undefined if it could exceed a safe integer. */
  varLong(): number | undefined {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARLONG_BYTES; i++) {
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
      scale *= 128;
    }
    return undefined;
  }

  bytes(): Buffer | null {
    const length = this.varInt();
    if (length === -1) return null;
    const bytes = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  text(): string | null {
    const length = this.varInt();
    if (length === -1) return null;
    const text = this.buf.toString('utf8', this.pos, this.pos + length);
    this.pos += length;
    return text;
  }
}

/** The last batch's first offset and timestamp as numbers: every record of a batch needs them. */
let parsedFor: BatchContext | undefined;
let firstOffset = 0;
let firstTimestamp = 0;

function parseOnce(context: BatchContext): void {
  if (parsedFor === context) return;
  firstOffset = Number(context.firstOffset);
  firstTimestamp = Number(context.firstTimestamp);
  parsedFor = context;
}

/** `base + delta` as kafkajs's Long would print it, if both stay safe integers. */
function plus(start: number, delta: number): string | undefined {
  const sum = start + delta;
  return Number.isSafeInteger(start) && Number.isSafeInteger(sum) ? String(sum) : undefined;
}

/**
 * Decodes one record (a v2 record batch's record) as kafkajs does; undefined where kafkajs's
 * own decoder must, leaving the source untouched.
 */
export function decodeRecord(
  source: RecordSource,
  context: BatchContext,
): DecodedRecord | undefined {
  parseOnce(context);
  const reader = new Reader(source.buffer, source.offset);
  const attributes = source.buffer.readInt8(reader.pos++);
  const timestampDelta = reader.varLong();
  if (timestampDelta === undefined) return undefined;
  const timestamp =
    context.timestampType === LOG_APPEND_TIME && context.maxTimestamp
      ? context.maxTimestamp
      : plus(firstTimestamp, timestampDelta);
  const offset = plus(firstOffset, reader.varInt());
  if (timestamp === undefined || offset === undefined) return undefined;
  const key = reader.bytes();
  const value = reader.bytes();
  const headers = readHeaders(reader);
  source.offset = reader.pos;
  return {
    magicByte: context.magicByte,
    attributes,
    timestamp,
    offset,
    key,
    value,
    headers,
    isControlRecord: context.isControlBatch ?? false,
    batchContext: context,
  };
}

/** A repeated header key collects its values in an array, in order, as kafkajs does. */
function readHeaders(reader: Reader): DecodedHeaders {
  const headers: DecodedHeaders = {};
  const count = reader.varInt();
  for (let i = 0; i < count; i++) {
    const key = String(reader.text());
    const value = reader.bytes();
    const seen = headers[key];
    headers[key] =
      seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return headers;
}

const RECORD_MODULE = './src/protocol/recordBatch/record/v0/decoder';
/** Every module that binds the record decoder, directly or through another, when it loads. */
const BINDING_MODULES = [
  './src/protocol/recordBatch/v0/decoder',
  './src/protocol/requests/fetch/v4/decodeMessages',
  ...[4, 5, 6, 7, 8, 9, 10, 11].map((v) => `./src/protocol/requests/fetch/v${v}/response`),
];
const INSTALLED = Symbol.for('learning-records.kafkajs-record-decoder');

type KafkajsRecordDecoder = (source: RecordSource, context?: BatchContext) => DecodedRecord;

export function installKafkajsRecordDecoder(): void {
  const fromKafkajs = createRequire(require.resolve('kafkajs'));
  const recordPath = fromKafkajs.resolve(RECORD_MODULE);
  const original = fromKafkajs(recordPath) as KafkajsRecordDecoder & { [INSTALLED]?: true };
  if (original[INSTALLED]) return;
  const cached = fromKafkajs.cache[recordPath];
  if (!cached || typeof original !== 'function' || original.length !== 1) {
    throw new Error('kafkajs internals changed: review libs/messaging/src/kafkajs-record-decoder');
  }
  cached.exports = Object.assign(
    (source: RecordSource, context: BatchContext) =>
      decodeRecord(source, context) ?? original(source, context),
    { [INSTALLED]: true as const },
  );
  // Modules loaded before this hold the old decoder; kafkajs requires the fetch response
  // afresh for every request, so dropping them from the cache is enough.
  for (const path of BINDING_MODULES) delete fromKafkajs.cache[fromKafkajs.resolve(path)];
}
