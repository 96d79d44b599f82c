import { randomBytes } from 'node:crypto';
import { ConsumedMessage } from '@lr/messaging';
import { encodeStatementRecorded, STATEMENT_RECORDED_V1 } from '../statement-recorded.message';
import { learnerKey } from '../learner-key';
import { sealWith } from './learner-envelope';
import { learnerErasedHeaders } from './learner-erased.message';
import { openRecords, RecordKeyring } from './open-records';
import { OpenedValues, unsharedOpenedValues } from './opened-values';

const ann = { mbox: 'mailto:ann@example.gov.uk' };
const bob = { mbox: 'mailto:bob@example.gov.uk' };
const recordOf = (actor: object) =>
  encodeStatementRecorded({
    type: STATEMENT_RECORDED_V1,
    storeId: 's',
    statement: { id: 'x', stored: '2026-01-01T00:00:00.000Z', actor: { ...actor } },
  });

function message(value: Buffer | string, headers: Record<string, string> = {}): ConsumedMessage {
  return {
    topic: 't',
    partition: 0,
    offset: '0',
    key: null,
    value: Buffer.from(value),
    headers,
    timestamp: String(Date.parse('2026-05-01T00:00:00.000Z')),
    raw: {} as ConsumedMessage['raw'],
  };
}

class FakeKeyring implements RecordKeyring {
  readonly forgotten: string[] = [];
  constructor(
    readonly keys: Map<string, Buffer>,
    readonly erased = new Set<string>(),
  ) {}
  keysById(ids: readonly string[]) {
    return Promise.resolve(
      new Map(ids.flatMap((id) => (this.keys.has(id) ? [[id, this.keys.get(id)!] as const] : []))),
    );
  }
  forget(keyId: string) {
    this.forgotten.push(keyId);
    this.keys.delete(keyId);
  }
  erasedSince(key: string, at: string) {
    return Promise.resolve(this.erased.has(key) && at < '2026-06-01T00:00:00.000Z');
  }
}

describe('openRecords', () => {
  const annKey = randomBytes(32);
  const bobKey = randomBytes(32);

  it('opens sealed records, passes plain ones, and skips those whose key is gone', async () => {
    const keyring = new FakeKeyring(new Map([['bob', bobKey]]));
    const sealedBob = sealWith(bobKey, 'bob', recordOf(bob));
    const sealedAnn = sealWith(annKey, 'ann', recordOf(ann));
    const opened = await openRecords(keyring, [
      message(sealedBob.value, sealedBob.headers),
      message(sealedAnn.value, sealedAnn.headers),
      message(recordOf(bob)),
    ]);
    expect(opened.map((r) => r.state)).toEqual(['opened', 'shredded', 'plain']);
    expect(opened[0]!.message.value!.toString()).toBe(recordOf(bob).toString());
    expect(opened[1]!.message.value).toBeNull();
  });

  it('forgets a key at its erasure record, before opening the batch', async () => {
    const keyring = new FakeKeyring(new Map([['ann', annKey]]));
    const sealedAnn = sealWith(annKey, 'ann', recordOf(ann));
    const opened = await openRecords(keyring, [
      message('{}', learnerErasedHeaders('ann')),
      message(sealedAnn.value, sealedAnn.headers),
    ]);
    expect(keyring.forgotten).toEqual(['ann']);
    expect(opened[1]!.state).toBe('shredded');
  });

  it('skips plain records of erased learners and marks broken envelopes unreadable', async () => {
    const keyring = new FakeKeyring(new Map([['ann', annKey]]), new Set([learnerKey('s', ann)]));
    const sealedAnn = sealWith(annKey, 'ann', recordOf(ann));
    const opened = await openRecords(keyring, [
      message(recordOf(ann)),
      message(Buffer.concat([sealedAnn.value, Buffer.from('x')]), sealedAnn.headers),
    ]);
    expect(opened.map((r) => r.state)).toEqual(['shredded', 'unreadable']);
  });

  it('reads plain records written after the erasure: that is a new learner', async () => {
    const keyring = new FakeKeyring(new Map(), new Set([learnerKey('s', ann)]));
    const later = { ...message(recordOf(ann)), timestamp: String(Date.parse('2026-07-01')) };
    expect((await openRecords(keyring, [later]))[0]!.state).toBe('plain');
  });

  describe('read by two groups in one process', () => {
    const sealedAnn = () => sealWith(annKey, 'ann', recordOf(ann));

    it('decrypts a record once: the second group takes what the first opened', async () => {
      const shared = new OpenedValues();
      const sealed = sealedAnn();
      const record = message(sealed.value, sealed.headers);
      const first = await openRecords(
        new FakeKeyring(new Map([['ann', annKey]])),
        [record],
        shared,
      );
      expect(shared.size).toBe(1);
      const second = await openRecords(
        new FakeKeyring(new Map([['ann', annKey]])),
        [record],
        shared,
      );
      expect(shared.size).toBe(0);
      expect(second[0]!.state).toBe('opened');
      expect(second[0]!.message.value).toBe(first[0]!.message.value);
      expect(second[0]!.message.value!.equals(recordOf(ann))).toBe(true);
    });

    it("keeps an erased learner's record unreadable to the group that reads it after the erasure", async () => {
      const shared = new OpenedValues();
      const sealed = sealedAnn();
      const record = message(sealed.value, sealed.headers);
      await openRecords(new FakeKeyring(new Map([['ann', annKey]])), [record], shared);
      const afterErasure = await openRecords(new FakeKeyring(new Map()), [record], shared);
      expect(afterErasure[0]!.state).toBe('shredded');
      expect(afterErasure[0]!.message.value).toBeNull();
    });

    it('decrypts another record met at the same position (a recreated topic)', async () => {
      const shared = new OpenedValues();
      const keyring = new FakeKeyring(new Map([['ann', annKey]]));
      const before = sealedAnn();
      await openRecords(keyring, [message(before.value, before.headers)], shared);
      const other = sealWith(annKey, 'ann', recordOf(bob));
      const opened = await openRecords(keyring, [message(other.value, other.headers)], shared);
      expect(opened[0]!.message.value!.equals(recordOf(bob))).toBe(true);
      const tampered = sealedAnn();
      tampered.value[tampered.value.length - 1]! ^= 1;
      await openRecords(keyring, [message(before.value, before.headers)], shared);
      const refused = await openRecords(
        keyring,
        [message(tampered.value, tampered.headers)],
        shared,
      );
      expect(refused[0]!.state).toBe('unreadable');
    });

    it('knows a record by its IV and tag: a change in either is another record', () => {
      const values = new OpenedValues();
      const at = message('x');
      const sealed = Buffer.concat([Buffer.alloc(12, 1), Buffer.alloc(40, 2), Buffer.alloc(16, 3)]);
      const variant = (position: number) => {
        const copy = Buffer.from(sealed);
        copy[position]! ^= 1;
        return copy;
      };
      for (const [position, taken] of [
        [0, false],
        [11, false],
        [12, true],
        [51, true],
        [52, false],
        [67, false],
      ] as const) {
        values.keep(at, 'k', sealed, Buffer.from('plain'));
        expect(values.take(at, 'k', variant(position)) !== undefined).toBe(taken);
      }
      values.keep(at, 'k', sealed, Buffer.from('plain'));
      expect(values.take(at, 'k', Buffer.alloc(20))).toBeUndefined();
    });

    it('keeps nothing when unshared, as the accreditation gateway reads', () => {
      const seal = Buffer.alloc(28, 1);
      unsharedOpenedValues.keep(message('x'), 'k', seal, Buffer.alloc(4));
      expect(unsharedOpenedValues.size).toBe(0);
      expect(unsharedOpenedValues.take(message('x'), 'k', seal)).toBeUndefined();
    });

    it('keeps at most its bounds, dropping the oldest first', () => {
      const values = new OpenedValues(2, 10);
      const at = (offset: string) => ({ ...message('x'), offset });
      const seal = Buffer.alloc(28, 1);
      values.keep(at('1'), 'k', seal, Buffer.alloc(4));
      values.keep(at('2'), 'k', seal, Buffer.alloc(4));
      values.keep(at('3'), 'k', seal, Buffer.alloc(4));
      expect(values.size).toBe(2);
      expect(values.take(at('1'), 'k', seal)).toBeUndefined();
      values.keep(at('4'), 'k', seal, Buffer.alloc(8));
      expect(values.size).toBe(1);
      expect(values.take(at('4'), 'k', seal)).toHaveLength(8);
      expect(values.take(at('4'), 'k', seal)).toBeUndefined();
    });
  });
});
