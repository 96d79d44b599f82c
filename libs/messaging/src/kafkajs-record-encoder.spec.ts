import { join } from 'node:path';
import {
  encodeRecord,
  encodeRecordBatch,
  installKafkajsRecordEncoder,
  RecordBatchInput,
  RecordInput,
  ToLong,
} from './kafkajs-record-encoder';
import { fromKafkajs, kafkajsOriginal } from './testing/kafkajs-internals';
import { runInPlainNode } from './testing/plain-node';

const RECORD_PATH = fromKafkajs.resolve('./src/protocol/recordBatch/record/v0');
const kafkajs = kafkajsOriginal<(record: RecordInput) => { buffer: Buffer }>(RECORD_PATH);
const kafkajsBatch = kafkajsOriginal<{
  RecordBatch: (input: RecordBatchInput) => Promise<{ buffer: Buffer }>;
}>('./src/protocol/recordBatch/v0').RecordBatch;
const Long = fromKafkajs('./src/utils/long') as { fromValue(value: unknown): never };
const toLong: ToLong = (value) => Long.fromValue(value);

function expectSameBytes(record: RecordInput): void {
  const ours = encodeRecord(record);
  expect(ours).toBeDefined();
  expect(ours!.buffer.equals(kafkajs(record).buffer)).toBe(true);
}

describe('kafkajs record encoder', () => {
  it('writes the bytes kafkajs writes for a sealed statement record', () => {
    expectSameBytes({
      offsetDelta: 7,
      timestampDelta: 0,
      key: 'k-3f2a',
      value: Buffer.alloc(1_500, 7),
      headers: { 'lr-envelope': 'learner/v1', 'lr-key-id': 'k-3f2a', traceparent: '00-ab-cd-01' },
    });
  });

  it.each([
    ['no key, headers or value', { key: null, value: null }],
    ['text key and value with multi-byte characters', { key: 'clé', value: 'énoncé ✓' }],
    [
      'buffer header values and an array header',
      { headers: { a: Buffer.from('x'), b: ['1', '2'] } },
    ],
    ['a negative timestamp delta', { timestampDelta: -1_234, value: 'v' }],
    [
      'offsets and timestamps needing several varint bytes',
      { offsetDelta: 300_000, timestampDelta: 70_000 },
    ],
    ['a value whose length needs a three-byte varint', { value: Buffer.alloc(20_000, 1) }],
    ['an empty value and an empty header', { value: Buffer.alloc(0), headers: { e: '' } }],
  ] as const)('writes the same bytes for %s', (_, record) => {
    expectSameBytes(record);
  });

  it('leaves timestamp deltas past 2^30 ms and values of other types to kafkajs', () => {
    expect(encodeRecord({ timestampDelta: 2 ** 31, value: 'v' })).toBeUndefined();
    expect(encodeRecord({ value: 42 as unknown as string })).toBeUndefined();
    expect(encodeRecord({ headers: { n: 1 as unknown as string } })).toBeUndefined();
  });

  it.each<[string, Partial<RecordBatchInput>]>([
    ['an idempotent batch of three records', { producerId: 4_711, firstSequence: 12 }],
    [
      'a transactional batch with a Long producer id',
      { transactional: true, producerId: Long.fromValue(2 ** 40 + 5) },
    ],
    ['an empty batch', { records: [] }],
  ])('writes the record batch kafkajs writes for %s', async (_, overrides) => {
    const records = [0, 1, 2].map((i) =>
      kafkajs({ offsetDelta: i, key: `k${i}`, value: Buffer.alloc(700 + i, i) }),
    ) as unknown as RecordBatchInput['records'];
    const input: RecordBatchInput = {
      records,
      firstTimestamp: 1_764_000_000_000,
      maxTimestamp: 1_764_000_000_050,
      producerEpoch: 3,
      lastOffsetDelta: 2,
      ...overrides,
    };
    const ours = encodeRecordBatch(input, toLong)!;
    const theirs = await kafkajsBatch(input);
    expect(ours.buffer.equals(theirs.buffer)).toBe(true);
    expect(ours.size()).toBe(theirs.buffer.length);
  });

  it('leaves compressed record batches to kafkajs', () => {
    expect(encodeRecordBatch({ compression: 1, records: [] }, toLong)).toBeUndefined();
  });

  it('falls back to kafkajs once installed, for what it leaves alone', () => {
    installKafkajsRecordEncoder();
    const installed = fromKafkajs(RECORD_PATH) as (record: RecordInput) => { buffer: Buffer };
    expect(installed).not.toBe(kafkajs);
    const record = { key: 'k', value: Buffer.from('v'), headers: { h: 'x' } };
    expect(installed(record).buffer.equals(kafkajs(record).buffer)).toBe(true);
    const far = { timestampDelta: 2 ** 31, value: 'v' };
    expect(installed(far).buffer.equals(kafkajs(far).buffer)).toBe(true);
  });

  it('makes produce requests loaded before it load again, in plain Node', () => {
    const script = `
      const v3 = kafkajs('src/protocol/requests/produce/v3/request');
      const record = kafkajs('src/protocol/recordBatch/record/v0');
      const batch = kafkajs('src/protocol/recordBatch/v0');
      require(v3);
      require(${JSON.stringify(join(__dirname, 'kafkajs-record-encoder.ts'))}).installKafkajsRecordEncoder();
      const evicted = require.cache[v3] === undefined;
      let calls = 0;
      const installed = require.cache[record].exports;
      require.cache[record].exports = (r) => { calls += 1; return installed(r); };
      const installedBatch = require.cache[batch].exports.RecordBatch;
      require.cache[batch].exports = { RecordBatch: (b) => { calls += 10; return installedBatch(b); } };
      require(v3)({ acks: -1, timeout: 1000, topicData: [{ topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages: [{ key: 'k', value: 'v' }] }] }] }).encode()
        .then(() => process.stdout.write(JSON.stringify({ evicted, calls })));
    `;
    expect(runInPlainNode(script, __dirname)).toEqual({ evicted: true, calls: 11 });
  });
});
