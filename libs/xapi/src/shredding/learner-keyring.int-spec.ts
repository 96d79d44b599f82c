import { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { Connection } from 'mongoose';
import { MongoEnv, validateEnv } from '@lr/config';
import { MongoModule } from '@lr/persistence';
import { isolatedEnv } from '@lr/testing';
import { learnerRef } from './learner-envelope';
import {
  ERASURES_COLLECTION,
  LEARNER_KEYS_COLLECTION,
  LEARNER_KEY_REFS_COLLECTION,
  LearnerKeyring,
} from './learner-keyring';

/** The keyring against the real MongoDB-wire server: racing writers, wrapping, destruction. */
describe('LearnerKeyring on a real MongoDB-wire server', () => {
  let app: INestApplicationContext;
  let connection: Connection;
  const masterKey = randomBytes(32);
  const keyring = (options = {}) => new LearnerKeyring(connection, { masterKey, ...options });

  beforeAll(async () => {
    const env = validateEnv(MongoEnv, isolatedEnv());
    app = await (
      await Test.createTestingModule({ imports: [MongoModule.forRoot(env)] }).compile()
    ).init();
    connection = app.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await app.close();
  });

  it('gives racing writers one key per learner, stored wrapped and indexed by hash only', async () => {
    const learners = Array.from(
      { length: 20 },
      (_, i) => `s|Agent|mbox:mailto:l${i}@example.gov.uk`,
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => keyring().keysOf(learners)));
    for (const learner of learners) {
      const ids = new Set(answers.map((answer) => answer.get(learner)!.keyId));
      expect(ids.size).toBe(1);
      const keys = new Set(answers.map((answer) => answer.get(learner)!.key.toString('hex')));
      expect(keys.size).toBe(1);
    }
    expect(await connection.collection(LEARNER_KEYS_COLLECTION).countDocuments()).toBe(20);
    const stored = JSON.stringify([
      ...(await connection.collection(LEARNER_KEYS_COLLECTION).find().toArray()),
      ...(await connection.collection(LEARNER_KEY_REFS_COLLECTION).find().toArray()),
    ]);
    expect(stored).not.toMatch(/example\.gov\.uk/);
    const first = answers[0]!.get(learners[0]!)!;
    expect(stored).not.toContain(first.key.toString('base64'));
    expect((await keyring().keysById([first.keyId])).get(first.keyId)).toEqual(first.key);
  });

  it('gives every learner a key when writers race with overlapping, staggered requests', async () => {
    // Unlike identical batches, these collide at different places in each other's upserts: on
    // FerretDB one duplicate key used to skip the rest of its command and leave learners keyless.
    for (const round of [1, 2, 3]) await overlappingRace(round);
  });

  async function overlappingRace(round: number): Promise<void> {
    const learners = Array.from(
      { length: 40 },
      (_, i) => `s|Agent|mbox:mailto:o${round}-${i}@x.gov.uk`,
    );
    const writers = [keyring(), keyring()];
    const requests = learners.map(async (_, j) => {
      const wanted = [learners[j]!, learners[(j * 7) % 40]!, learners[(j * 13 + 1) % 40]!];
      await new Promise((resolve) => setTimeout(resolve, (j * 37) % 15));
      const keys = await writers[j % 2]!.keysOf(wanted);
      return wanted.map((learner) => [learner, keys.get(learner)?.keyId] as const);
    });
    const answers = (await Promise.all(requests)).flat();
    expect(answers.filter(([, keyId]) => keyId === undefined)).toEqual([]);
    const byLearner = new Map<string, Set<string | undefined>>();
    for (const [learner, keyId] of answers) {
      byLearner.set(learner, (byLearner.get(learner) ?? new Set()).add(keyId));
    }
    expect([...byLearner.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(byLearner.size).toBe(40);
  }

  it('destroys keys for good: readers find none, writers make a new one', async () => {
    const learner = 's|Agent|mbox:mailto:gone@example.gov.uk';
    const writer = keyring();
    const reader = keyring();
    const before = (await writer.keysOf([learner])).get(learner)!;
    expect((await reader.keysById([before.keyId])).has(before.keyId)).toBe(true);
    expect(await keyring().destroy([learner])).toEqual(new Map([[learner, before.keyId]]));
    reader.forget(before.keyId);
    expect((await reader.keysById([before.keyId])).has(before.keyId)).toBe(false);
    expect(await keyring().destroy([learner])).toEqual(new Map());
    const after = (await keyring().keysOf([learner])).get(learner)!;
    expect(after.keyId).not.toBe(before.keyId);
  });

  it('drops a writer’s cached key once the erasure list names its learner, and no other', async () => {
    const erasedLearner = 's|Agent|mbox:mailto:erased-elsewhere@example.gov.uk';
    const keptLearner = 's|Agent|mbox:mailto:kept@example.gov.uk';
    // Another instance's writer: a cache far longer than this test, the erasure list re-read often.
    const writer = keyring({ cacheTtlMs: 3_600_000, erasureRefreshMs: 50 });
    const before = await writer.keysOf([erasedLearner, keptLearner]);
    // The erasing instance: tombstone first, then the keys, as the LRS's erasure does.
    await connection.collection(ERASURES_COLLECTION).insertOne({
      _id: 'erasure-elsewhere' as never,
      learnerRefs: [learnerRef(erasedLearner)],
      requestedAt: new Date().toISOString(),
    });
    await keyring().destroy([erasedLearner]);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const after = await writer.keysOf([erasedLearner, keptLearner]);
    expect(after.get(erasedLearner)!.keyId).not.toBe(before.get(erasedLearner)!.keyId);
    expect((await keyring().keysById([after.get(erasedLearner)!.keyId])).size).toBe(1);
    expect(after.get(keptLearner)).toEqual(before.get(keptLearner));
    // The new key is kept: the erasure predates its lookup.
    expect((await writer.keysOf([erasedLearner])).get(erasedLearner)).toEqual(
      after.get(erasedLearner),
    );
  });

  it('refuses wrapped keys without the master key', async () => {
    const learner = 's|Agent|mbox:mailto:wrapped@example.gov.uk';
    const { keyId } = (await keyring().keysOf([learner])).get(learner)!;
    const unwrapped = new LearnerKeyring(connection, {});
    await expect(unwrapped.keysById([keyId])).rejects.toThrow(/no master key/);
  });
});
