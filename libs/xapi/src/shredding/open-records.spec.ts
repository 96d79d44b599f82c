import { randomBytes } from 'node:crypto';
import { ConsumedMessage } from '@lr/messaging';
import { encodeStatementRecorded, STATEMENT_RECORDED_V1 } from '../statement-recorded.message';
import { learnerKey } from '../learner-key';
import { sealWith } from './learner-envelope';
import { learnerErasedHeaders } from './learner-erased.message';
import { openRecords, RecordKeyring } from './open-records';

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
});
