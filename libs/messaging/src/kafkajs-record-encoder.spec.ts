import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  encodeRecord,
  encodeRecordBatch,
  installKafkajsRecordEncoder,
  RecordBatchInput,
  RecordInput,
  ToLong,
} from './kafkajs-record-encoder';

const fromKafkajs = createRequire(require.resolve('kafkajs'));
const RECORD_PATH = fromKafkajs.resolve('./src/protocol/recordBatch/record/v0');

/** kafkajs's own record encoder, loaded apart from the cached (possibly swapped) module. */
function kafkajsEncoder(): (record: RecordInput) => { buffer: Buffer } {
  const cached = fromKafkajs.cache[RECORD_PATH];
  delete fromKafkajs.cache[RECORD_PATH];
  try {
    return fromKafkajs(RECORD_PATH) as (record: RecordInput) => { buffer: Buffer };
  } finally {
    if (cached) fromKafkajs.cache[RECORD_PATH] = cached;
  }
}

const kafkajs = kafkajsEncoder();
const BATCH_PATH = fromKafkajs.resolve('./src/protocol/recordBatch/v0');

/** kafkajs's own record batch encoder, loaded apart like the record encoder. */
function kafkajsBatchEncoder(): (input: RecordBatchInput) => Promise<{ buffer: Buffer }> {
  const cached = fromKafkajs.cache[BATCH_PATH];
  delete fromKafkajs.cache[BATCH_PATH];
  try {
    return (fromKafkajs(BATCH_PATH) as { RecordBatch: never }).RecordBatch;
  } finally {
    if (cached) fromKafkajs.cache[BATCH_PATH] = cached;
  }
}

const kafkajsBatch = kafkajsBatchEncoder();
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

  // Jest keeps its own module registry, where a cached module cannot be dropped: plain Node,
  // as the apps run, shows that produce requests loaded before installing are loaded again.
  it('makes produce requests loaded before it load again, in plain Node', () => {
    const from = JSON.stringify({ paths: [__dirname] });
    const script = `
      const { transformSync } = require('@swc/core');
      const options = { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
      require.extensions['.ts'] = (m, file) => m._compile(transformSync(require('node:fs').readFileSync(file, 'utf8'), options).code, file);
      const v3 = require.resolve('kafkajs/src/protocol/requests/produce/v3/request', ${from});
      const record = require.resolve('kafkajs/src/protocol/recordBatch/record/v0', ${from});
      const batch = require.resolve('kafkajs/src/protocol/recordBatch/v0', ${from});
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
    const out = execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      cwd: __dirname,
    });
    expect(JSON.parse(out)).toEqual({ evicted: true, calls: 11 });
  });
});
