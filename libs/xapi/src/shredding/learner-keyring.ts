import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Binary } from 'mongodb';
import { Connection } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  boundedBulkWrite,
  CoalescingLoader,
  duplicateKeyPositions,
  findByIds,
} from '@lr/persistence';
import { learnerRef, openWith, sealWith } from './learner-envelope';
import { LruCache } from './lru-cache';

export const LEARNER_KEYS_COLLECTION = 'learner_keys';
export const LEARNER_KEY_REFS_COLLECTION = 'learner_key_refs';
export const ERASURES_COLLECTION = 'erasures';

/** A learner's data key: `keyId` is random, so it says nothing about the learner. */
export interface LearnerKey {
  readonly keyId: string;
  readonly key: Buffer;
}

interface KeyDocument {
  _id: string;
  /** The data key itself, when no master key is configured (development). */
  key?: Binary;
  /** The data key sealed with the master key. */
  wrapped?: Binary;
  createdAt: string;
}

interface KeyRefDocument {
  /** learnerRef(learnerKey): the identity is not kept in clear. */
  _id: string;
  keyId: string;
}

/** The hashed learner keys an erasure removed; see ErasureTombstone in the LRS. */
interface ErasureRefsDocument {
  _id: string;
  learnerRefs: string[];
  requestedAt: string;
}

/** Erased learners by learnerRef, with when they were (last) erased. */
export class ErasedLearners {
  constructor(private readonly erasedAt: ReadonlyMap<string, string>) {}

  get size(): number {
    return this.erasedAt.size;
  }

  /** Whether this learner was erased after `at` (ISO 8601). */
  since(learnerKey: string, at: string): boolean {
    const erasedAt = this.erasedAt.get(learnerRef(learnerKey));
    return erasedAt !== undefined && at < erasedAt;
  }
}

export const LEARNER_KEYRING_OPTIONS = Symbol('LEARNER_KEYRING_OPTIONS');

export interface LearnerKeyringOptions {
  /** 32 bytes: data keys are stored sealed with it. Without it they are stored as they are. */
  readonly masterKey?: Buffer;
  /**
   * How long a key is used from memory before being read again (bounds a stale key's life).
   * Writers' keys are also checked against the erasure list, so they keep them ten times as long.
   */
  readonly cacheTtlMs?: number;
  readonly cacheCapacity?: number;
  /** How often the erasure list is read again (5 s). */
  readonly erasureRefreshMs?: number;
}

/** A writer's cached key, with when its lookup began: an erasure after that makes it stale. */
interface CachedLearnerKey {
  readonly key: LearnerKey;
  readonly since: string;
}

const WRITER_TTL_FACTOR = 10;

/**
 * Every learner's data key, in MongoDB. Writers get (or create) keys by learner, readers by key
 * id; both from a bounded cache first, so the hot path costs a lookup per new learner, not per
 * record, and lookups from concurrent requests are merged into one. Destroying a learner's keys
 * is what erases them from the log.
 */
@Injectable()
export class LearnerKeyring {
  private readonly byLearner: LruCache<string, CachedLearnerKey>;
  private readonly byId: LruCache<string, Buffer>;
  private readonly masterKey: Buffer | undefined;
  private readonly erasureRefreshMs: number;
  /** When each erased learner (by learnerRef) was last erased; one read shared by its callers. */
  private erased: { learners: Promise<ErasedLearners>; at: number } | undefined;
  private readonly learnerLoader = new CoalescingLoader<string, LearnerKey>((learners) =>
    this.findOrCreate(learners),
  );
  private readonly idLoader = new CoalescingLoader<string, Buffer>((keyIds) =>
    this.readKeys(keyIds),
  );

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Optional() @Inject(LEARNER_KEYRING_OPTIONS) options: LearnerKeyringOptions | null = null,
  ) {
    const ttl = options?.cacheTtlMs ?? 60_000;
    const capacity = options?.cacheCapacity ?? 100_000;
    this.byLearner = new LruCache(capacity, ttl * WRITER_TTL_FACTOR);
    this.byId = new LruCache(capacity, ttl);
    this.masterKey = options?.masterKey;
    this.erasureRefreshMs = options?.erasureRefreshMs ?? 5_000;
  }

  private get keys() {
    return this.connection.collection<KeyDocument>(LEARNER_KEYS_COLLECTION);
  }

  private get refs() {
    return this.connection.collection<KeyRefDocument>(LEARNER_KEY_REFS_COLLECTION);
  }

  /**
   * The keys of these learners, created for those who have none (one upsert for all of them). A
   * cached key whose learner was erased after it was looked up is looked up again, so a writer
   * seals with a destroyed key for at most one erasure-list refresh, not a cache lifetime.
   */
  async keysOf(learnerKeys: readonly string[]): Promise<Map<string, LearnerKey>> {
    const found = new Map<string, LearnerKey>();
    const missing = new Set<string>();
    const erased = await this.erasures();
    for (const learner of learnerKeys) {
      const cached = this.byLearner.get(learner);
      if (cached && !erased.since(learner, cached.since)) found.set(learner, cached.key);
      else missing.add(learner);
    }
    if (missing.size === 0) return found;
    for (const [learner, key] of await this.learnerLoader.load(missing)) found.set(learner, key);
    return found;
  }

  /** Data keys by id; an id that is absent was destroyed (or never existed). */
  async keysById(keyIds: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const keyId of new Set(keyIds)) {
      const cached = this.byId.get(keyId);
      if (cached) found.set(keyId, cached);
      else missing.push(keyId);
    }
    if (missing.length === 0) return found;
    for (const [keyId, key] of await this.idLoader.load(missing)) found.set(keyId, key);
    return found;
  }

  /** Drops a key from this process's memory: the learner was erased. */
  forget(keyId: string): void {
    this.byId.delete(keyId);
    this.erased = undefined;
  }

  /** Destroys these learners' keys; answers each destroyed key's id by learner. Idempotent. */
  async destroy(learnerKeys: readonly string[]): Promise<Map<string, string>> {
    const byRef = new Map(learnerKeys.map((learner) => [learnerRef(learner), learner]));
    const refs = await findByIds(this.refs, [...byRef.keys()]);
    // The index first: from then on writers make a new key instead of finding this one.
    await this.refs.deleteMany({ _id: { $in: [...byRef.keys()] } });
    const keyIds = refs.map((ref) => ref.keyId);
    if (keyIds.length > 0) await this.keys.deleteMany({ _id: { $in: keyIds } });
    for (const learner of learnerKeys) this.byLearner.delete(learner);
    for (const keyId of keyIds) this.forget(keyId);
    return new Map(refs.map((ref) => [byRef.get(ref._id)!, ref.keyId]));
  }

  /**
   * Whether a learner was erased after `at` (ISO 8601): for plain records written before records
   * were sealed, and for others' records naming them. Someone erased who comes back later is a
   * new learner, so what is written about them after the erasure counts again.
   */
  async erasedSince(learnerKey: string, at: string): Promise<boolean> {
    return (await this.erasures()).since(learnerKey, at);
  }

  /** Every erasure so far, re-read every few seconds and after an erasure record. */
  erasures(): Promise<ErasedLearners> {
    if (!this.erased || Date.now() - this.erased.at > this.erasureRefreshMs) {
      const learners = this.readErasures();
      const erased = { learners, at: Date.now() };
      this.erased = erased;
      learners.catch(() => {
        if (this.erased === erased) this.erased = undefined;
      });
    }
    return this.erased.learners;
  }

  private async readErasures(): Promise<ErasedLearners> {
    const docs = await this.connection
      .collection<ErasureRefsDocument>(ERASURES_COLLECTION)
      .find({}, { projection: { learnerRefs: 1, requestedAt: 1 } })
      .toArray();
    const refs = new Map<string, string>();
    for (const doc of docs) {
      for (const ref of doc.learnerRefs) {
        if ((refs.get(ref) ?? '') < doc.requestedAt) refs.set(ref, doc.requestedAt);
      }
    }
    return new ErasedLearners(refs);
  }

  /** One merged lookup: the keys of these learners, made for those who have none yet. */
  private async findOrCreate(learnerKeys: readonly string[]): Promise<Map<string, LearnerKey>> {
    const since = new Date().toISOString();
    const resolved = await this.existing(learnerKeys);
    const fresh = learnerKeys.filter((learner) => !resolved.has(learner));
    if (fresh.length > 0) for (const [l, key] of await this.create(fresh)) resolved.set(l, key);
    for (const [learner, key] of resolved) {
      this.byLearner.set(learner, { key, since });
      this.byId.set(key.keyId, key.key);
    }
    return resolved;
  }

  private async readKeys(keyIds: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (const doc of await findByIds(this.keys, keyIds)) {
      const key = this.unwrap(doc);
      this.byId.set(doc._id, key);
      found.set(doc._id, key);
    }
    return found;
  }

  private async existing(learnerKeys: readonly string[]): Promise<Map<string, LearnerKey>> {
    const byRef = new Map(learnerKeys.map((learner) => [learnerRef(learner), learner]));
    const refs = await findByIds(this.refs, [...byRef.keys()]);
    const keys = await this.keysById(refs.map((ref) => ref.keyId));
    const found = new Map<string, LearnerKey>();
    for (const ref of refs) {
      const key = keys.get(ref.keyId);
      if (key) found.set(byRef.get(ref._id)!, { keyId: ref.keyId, key });
    }
    return found;
  }

  /**
   * New keys are stored before their index entries; when two writers race for one learner the
   * index entry written first wins and the loser's key is removed again. Which entry won is read
   * back rather than taken from the upsert's result: FerretDB numbers `upserted` by count, not by
   * position in the batch, and its upserts can race each other.
   */
  private async create(learnerKeys: readonly string[]): Promise<Map<string, LearnerKey>> {
    const now = new Date().toISOString();
    const made = learnerKeys.map((learner) => ({
      learner,
      keyId: randomUUID(),
      key: randomBytes(32),
    }));
    await this.keys.insertMany(
      made.map((m) => ({ _id: m.keyId, ...this.wrap(m.keyId, m.key), createdAt: now })),
      { ordered: false },
    );
    await this.upsertRefs(made);
    const refs = await findByIds(
      this.refs,
      made.map((m) => learnerRef(m.learner)),
    );
    const keyIdOf = new Map(refs.map((ref) => [ref._id, ref.keyId]));
    const winners = new Map<string, LearnerKey>();
    const raced: string[] = [];
    for (const m of made) {
      if (keyIdOf.get(learnerRef(m.learner)) === m.keyId) {
        winners.set(m.learner, { keyId: m.keyId, key: m.key });
      } else raced.push(m.learner);
    }
    if (raced.length > 0) for (const [l, key] of await this.existing(raced)) winners.set(l, key);
    const lost = made.filter((m) => winners.get(m.learner)?.keyId !== m.keyId);
    if (lost.length > 0) await this.keys.deleteMany({ _id: { $in: lost.map((m) => m.keyId) } });
    return winners;
  }

  /** Index entries for new keys, where a learner has none yet. */
  private async upsertRefs(made: readonly { learner: string; keyId: string }[]): Promise<void> {
    const operations = made.map((m) => ({
      updateOne: {
        filter: { _id: learnerRef(m.learner) },
        update: { $setOnInsert: { keyId: m.keyId } },
        upsert: true,
      },
    }));
    try {
      await boundedBulkWrite(this.refs, operations, { ordered: false });
    } catch (error) {
      // Two upserts of one new _id can collide; the loser reads the winner's entry.
      if (!duplicateKeyPositions(error)) throw error;
    }
  }

  private wrap(keyId: string, key: Buffer): Pick<KeyDocument, 'key' | 'wrapped'> {
    if (!this.masterKey) return { key: new Binary(key) };
    return { wrapped: new Binary(sealWith(this.masterKey, keyId, key).value) };
  }

  private unwrap(doc: KeyDocument): Buffer {
    if (doc.wrapped) {
      if (!this.masterKey) throw new Error(`learner key ${doc._id} is wrapped: no master key set`);
      return openWith(this.masterKey, doc._id, Buffer.from(doc.wrapped.buffer));
    }
    if (!doc.key) throw new Error(`learner key ${doc._id} has no key material`);
    return Buffer.from(doc.key.buffer);
  }
}
