import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ensureIndexes, isDuplicateKey } from '@lr/persistence';
import { ClaimAttempt, ClaimDocument, ClaimStatus, CLAIMS_COLLECTION } from './claim.document';
import { Decision } from './retry-decision';

const OPEN: ClaimStatus[] = ['pending', 'sent'];

/** Claims in MongoDB: recorded once, then moved through their states by single-document updates. */
@Injectable()
export class ClaimsRepository implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get claims() {
    return this.connection.collection<ClaimDocument>(CLAIMS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await ensureIndexes(this.claims, [
      { key: { status: 1, nextAttemptAt: 1 }, name: 'due' },
      { key: { body: 1, status: 1 }, name: 'by_body' },
    ]);
  }

  /**
   * Records a claim unless one with its id exists: redeliveries and replays add nothing. A plain
   * insert, not an upsert with $setOnInsert: FerretDB 1.x drops empty arrays from $setOnInsert,
   * which left claims without `attempts`.
   */
  async record(claim: ClaimDocument): Promise<void> {
    try {
      await this.claims.insertOne(claim);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  get(id: string): Promise<ClaimDocument | null> {
    return this.claims.findOne({ _id: id });
  }

  due(now: Date, limit: number): Promise<ClaimDocument[]> {
    return this.claims
      .find({ status: { $in: OPEN }, nextAttemptAt: { $lte: now.toISOString() } })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** Looks at a claim again later without counting an attempt (it is waiting on another). */
  async postpone(id: string, until: Date): Promise<void> {
    await this.claims.updateOne({ _id: id }, { $set: { nextAttemptAt: until.toISOString() } });
  }

  /** Takes a claim for one attempt; another gateway instance holding it makes this false. */
  async lease(id: string, now: Date, ms: number): Promise<boolean> {
    const result = await this.claims.updateOne(
      {
        _id: id,
        status: { $in: OPEN },
        $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lt: now.toISOString() } }],
      },
      { $set: { leaseUntil: new Date(now.getTime() + ms).toISOString() } },
    );
    return result.modifiedCount === 1;
  }

  /** Applies an attempt's outcome, unless the claim was settled meanwhile (say, by a callback). */
  async settleAttempt(
    id: string,
    attempt: ClaimAttempt,
    decision: Decision,
    certificateNumber: string | undefined,
    now: Date,
  ): Promise<void> {
    await this.claims.updateOne(
      { _id: id, status: { $in: OPEN } },
      {
        $push: { attempts: attempt },
        $set: {
          status: decision.status,
          nextAttemptAt: decision.nextAttemptAt.toISOString(),
          updatedAt: now.toISOString(),
          ...(decision.reason ? { reason: decision.reason } : {}),
          ...(certificateNumber ? { certificateNumber } : {}),
        },
        $unset: { leaseUntil: '' },
      },
    );
  }

  /** The awarding body's later answer, from its signed callback. */
  async answer(
    id: string,
    status: 'acknowledged' | 'rejected',
    detail: { certificateNumber?: string; reason?: string },
    now: Date,
  ): Promise<boolean> {
    const result = await this.claims.updateOne(
      { _id: id, status: { $in: OPEN } },
      {
        $set: { status, updatedAt: now.toISOString(), ...detail },
        $push: {
          attempts: {
            at: now.toISOString(),
            outcome: status,
            httpStatus: null,
            detail: 'callback',
            ms: 0,
          },
        },
        $unset: { leaseUntil: '' },
      },
    );
    return result.modifiedCount === 1;
  }

  /** Back from the dead letters for another full round of attempts. */
  async redrive(id: string, now: Date): Promise<boolean> {
    const claim = await this.get(id);
    if (claim?.status !== 'dead') return false;
    const result = await this.claims.updateOne(
      { _id: id, status: 'dead' },
      {
        $set: {
          status: 'pending',
          nextAttemptAt: now.toISOString(),
          updatedAt: now.toISOString(),
          attemptsBase: claim.attempts.length,
        },
        $unset: { reason: '' },
      },
    );
    return result.modifiedCount === 1;
  }

  /** Sends a claim again whatever its state; the body answers a known key as before. */
  async replay(id: string, now: Date): Promise<boolean> {
    const claim = await this.get(id);
    if (!claim) return false;
    await this.claims.updateOne(
      { _id: id },
      {
        $set: {
          status: 'pending',
          nextAttemptAt: now.toISOString(),
          updatedAt: now.toISOString(),
          attemptsBase: claim.attempts.length,
        },
      },
    );
    return true;
  }

  list(filter: { status?: string; body?: string }, limit: number): Promise<ClaimDocument[]> {
    return this.claims
      .find({
        ...(filter.status ? { status: filter.status as ClaimStatus } : {}),
        ...(filter.body ? { body: filter.body as never } : {}),
      })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** How many claims are in each status (statuses without claims are absent). */
  async countByStatus(): Promise<Map<string, number>> {
    const byStatus = await this.claims
      .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }])
      .toArray();
    return new Map(byStatus.map((row) => [row._id, row.n]));
  }

  /** Claims by status, attempts and delivery latency: for operators. */
  async stats(): Promise<Record<string, unknown>> {
    const byStatus = await this.countByStatus();
    const all = await this.claims.find({}, { projection: { attempts: 1 } }).toArray();
    const attempts = all.flatMap((claim) => claim.attempts);
    const latencies = attempts.map((attempt) => attempt.ms).sort((a, b) => a - b);
    return {
      byStatus: Object.fromEntries(byStatus),
      claims: all.length,
      attempts: attempts.length,
      deliveryLatencyMs: {
        p50: latencies[Math.floor(latencies.length * 0.5)] ?? null,
        p99: latencies[Math.floor(latencies.length * 0.99)] ?? null,
      },
    };
  }

  /** Acknowledged certificates whose follow-ups (event, LRS statement) are not yet done. */
  unannounced(limit: number): Promise<ClaimDocument[]> {
    return this.claims
      .find({ status: 'acknowledged', kind: 'certificate', announced: { $ne: true } })
      .limit(limit)
      .toArray();
  }

  async markAnnounced(id: string): Promise<void> {
    await this.claims.updateOne({ _id: id }, { $set: { announced: true } });
  }
}
