import { join } from 'node:path';
import {
  BatchContext,
  decodeRecord,
  DecodedRecord,
  installKafkajsRecordDecoder,
  RecordSource,
} from './kafkajs-record-decoder';
import { encodeRecord, RecordInput } from './kafkajs-record-encoder';
import { fromKafkajs, kafkajsOriginal } from './testing/kafkajs-internals';
import { runInPlainNode } from './testing/plain-node';

const RECORD_PATH = fromKafkajs.resolve('./src/protocol/recordBatch/record/v0/decoder');

type Decoder = RecordSource & { readVarIntBytes(): Buffer };
const KafkajsDecoder = fromKafkajs('./src/protocol/decoder') as new (buffer: Buffer) => Decoder;
const kafkajs =
  kafkajsOriginal<(source: RecordSource, context: BatchContext) => DecodedRecord>(RECORD_PATH);

/** A record's bytes as the batch decoder hands them over: without the length prefix. */
function recordBytes(input: RecordInput): Buffer {
  return new KafkajsDecoder(encodeRecord(input)!.buffer).readVarIntBytes();
}

const context: BatchContext = {
  firstOffset: '41',
  firstTimestamp: '1764000000000',
  magicByte: 2,
  isControlBatch: false,
  timestampType: 0,
  maxTimestamp: '1764000000123',
};

function bothDecode(input: RecordInput, ctx: BatchContext) {
  const bytes = recordBytes(input);
  return {
    ours: decodeRecord(new KafkajsDecoder(bytes), ctx),
    theirs: kafkajs(new KafkajsDecoder(bytes), ctx),
  };
}

describe('kafkajs record decoder', () => {
  it.each<[string, RecordInput, BatchContext]>([
    [
      'a sealed statement',
      {
        offsetDelta: 7,
        timestampDelta: 12,
        key: 'k-1',
        value: Buffer.alloc(1500, 7),
        headers: { 'lr-key': 'abc', 'lr-iv': Buffer.from([0, 255]) },
      },
      context,
    ],
    [
      'no key, no value, no headers',
      { offsetDelta: 0, timestampDelta: 0, key: null, value: null },
      context,
    ],
    [
      'a repeated header',
      { offsetDelta: 1, value: 'v', headers: { h: ['one', 'two', 'three'], g: 'x' } },
      context,
    ],
    [
      'multi-byte text',
      {
        offsetDelta: 300,
        timestampDelta: 70_000,
        key: 'Zoë ☃',
        value: '😀',
        headers: { ключ: 'значение' },
      },
      context,
    ],
    ['a negative timestamp delta', { offsetDelta: 2, timestampDelta: -5, value: 'v' }, context],
    [
      'a delta near 2^30',
      { offsetDelta: 2 ** 20, timestampDelta: 2 ** 30 - 1, value: 'v' },
      context,
    ],
    [
      'log append time',
      { offsetDelta: 3, timestampDelta: 9, value: 'v' },
      { ...context, timestampType: 1 },
    ],
    [
      'a control batch',
      { offsetDelta: 0, value: Buffer.from([0, 0, 0, 0, 0, 0]) },
      { ...context, isControlBatch: true },
    ],
    [
      'no timestamp',
      { offsetDelta: 4, timestampDelta: 0, value: 'v' },
      { ...context, firstTimestamp: '-1' },
    ],
  ])('decodes %s as kafkajs does', (_name, input, ctx) => {
    const { ours, theirs } = bothDecode(input, ctx);
    expect(ours).toEqual(theirs);
    expect(Object.keys(ours!)).toEqual(Object.keys(theirs));
    expect(Object.keys(ours!.headers)).toEqual(Object.keys(theirs.headers));
  });

  it('leaves offsets past 2^53 to kafkajs, which it decodes exactly', () => {
    const far = { ...context, firstOffset: '9007199254740990' };
    const { ours, theirs } = bothDecode({ offsetDelta: 5, value: 'v' }, far);
    expect(ours).toBeUndefined();
    expect(theirs.offset).toBe('9007199254740995');
  });

  it('falls back to kafkajs once installed, for what it leaves alone', () => {
    installKafkajsRecordDecoder();
    const installed = fromKafkajs(RECORD_PATH) as typeof kafkajs;
    expect(installed).not.toBe(kafkajs);
    const bytes = recordBytes({ offsetDelta: 5, key: 'k', value: 'v', headers: { h: 'x' } });
    for (const ctx of [context, { ...context, firstOffset: '9007199254740990' }]) {
      const decoded = installed(new KafkajsDecoder(bytes), ctx);
      expect(decoded).toEqual(kafkajs(new KafkajsDecoder(bytes), ctx));
    }
  });

  it('makes fetch responses loaded before it load again, in plain Node', () => {
    const script = `
      const v11 = kafkajs('src/protocol/requests/fetch/v11/response');
      const batch = kafkajs('src/protocol/recordBatch/v0/decoder');
      const record = kafkajs('src/protocol/recordBatch/record/v0/decoder');
      require(v11);
      require(${JSON.stringify(join(__dirname, 'kafkajs-record-decoder.ts'))}).installKafkajsRecordDecoder();
      const evicted = require.cache[v11] === undefined && require.cache[batch] === undefined;
      let calls = 0;
      const installed = require.cache[record].exports;
      require.cache[record].exports = (d, c) => { calls += 1; return installed(d, c); };
      const Encoder = require(kafkajs('src/protocol/encoder'));
      const Decoder = require(kafkajs('src/protocol/decoder'));
      const { RecordBatch } = require(kafkajs('src/protocol/recordBatch/v0'));
      const Record = require(kafkajs('src/protocol/recordBatch/record/v0'));
      const decodeMessages = require(kafkajs('src/protocol/requests/fetch/v4/decodeMessages'));
      (async () => {
        const records = [Record({ offsetDelta: 0, key: 'k', value: 'v' }), Record({ offsetDelta: 1, key: 'k', value: 'w' })];
        const bytes = (await RecordBatch({ firstOffset: 10, records, lastOffsetDelta: 1 })).buffer;
        const messages = await decodeMessages(new Decoder(new Encoder().writeInt32(bytes.length).writeBuffer(bytes).buffer));
        const offsets = messages.map((m) => m.offset);
        const values = messages.map((m) => m.value.toString());
        process.stdout.write(JSON.stringify({ evicted, calls, offsets, values }));
      })();
    `;
    expect(runInPlainNode(script, __dirname)).toEqual({
      evicted: true,
      calls: 2,
      offsets: ['10', '11'],
      values: ['v', 'w'],
    });
  });
});
