import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { CoalescingLoader, duplicateKeyPositions, findByIds } from '@lr/persistence';
import { sameStatement, StatementFingerprint, statementDocumentId } from '@lr/xapi';

interface ClaimDocument {
  _id: string;
  hash: string;
  timestampMs: number | null;
  claimedAt: Date;
}

/** One caller's claim of one id: a key of its own, so two callers of one id stay two inserts. */
interface PendingClaim {
  readonly doc: ClaimDocument;
}

export interface ClaimRequest {
  readonly statementId: string;
  readonly fingerprint: StatementFingerprint;
}

export interface ClaimOutcome {
  /** Ids already claimed with different content: the write must be refused with 409. */
  readonly conflicts: readonly string[];
  /** Ids already claimed with the same content: the write is a repeat. */
  readonly repeats: readonly string[];
}

/**
 * The write side's record of which statement ids are taken and by what content. Claiming before
 * producing makes conflicting concurrent writes of one id impossible: the unique _id lets exactly
 * one claim win, whatever the statement store has caught up with.
 */
@Injectable()
export class StatementClaimsRepository implements OnModuleInit {
  /**
   * Concurrent requests' claims share one insert: single-statement POSTs with client ids paid a
   * database round trip each, on the write's critical path.
   */
  private readonly inserts = new CoalescingLoader<PendingClaim, boolean>(async (pending) => {
    // In call order: of two callers claiming one id in the same insert, the earlier wins.
    const refused = await this.insertReportingDuplicates(pending.map((p) => p.doc));
    return new Map(pending.map((p, position) => [p, refused.has(position)]));
  });

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<ClaimDocument>('statement_claims');
  }

  async onModuleInit(): Promise<void> {
    // The collection must exist before concurrent first writes race to create it.
    await this.collection.createIndex({ claimedAt: 1 }, { name: 'by_claimed_at' });
  }

  async claim(
    storeId: string,
    requests: readonly ClaimRequest[],
    now: Date,
  ): Promise<ClaimOutcome> {
    const docs = requests.map((r) => ({
      _id: statementDocumentId(storeId, r.statementId),
      hash: r.fingerprint.hash,
      timestampMs: r.fingerprint.timestampMs,
      claimedAt: now,
    }));
    const pending = docs.map((doc) => ({ doc }));
    const refused = await this.inserts.load(pending);
    const taken = new Set(pending.filter((p) => refused.get(p)).map((p) => p.doc._id));
    if (taken.size === 0) return { conflicts: [], repeats: [] };
    const existing = await findByIds(this.collection, [...taken]);
    const byId = new Map(existing.map((doc) => [doc._id, doc]));
    const conflicts: string[] = [];
    const repeats: string[] = [];
    for (const request of requests) {
      const doc = byId.get(statementDocumentId(storeId, request.statementId));
      if (!doc || !taken.has(doc._id)) continue;
      const same = sameStatement(request.fingerprint, {
        hash: doc.hash,
        timestampMs: doc.timestampMs,
      });
      (same ? repeats : conflicts).push(request.statementId);
    }
    return { conflicts, repeats };
  }

  /** Gives back claims this request made, when the request as a whole is refused. */
  async release(storeId: string, statementIds: readonly string[]): Promise<void> {
    if (statementIds.length === 0) return;
    await this.collection.deleteMany({
      _id: { $in: statementIds.map((id) => statementDocumentId(storeId, id)) },
    });
  }

  /** The positions whose _id was already claimed. */
  private async insertReportingDuplicates(
    docs: readonly ClaimDocument[],
  ): Promise<ReadonlySet<number>> {
    try {
      await this.collection.insertMany([...docs], { ordered: false });
      return new Set();
    } catch (error) {
      const taken = duplicateKeyPositions(error);
      if (!taken) throw error;
      return new Set(taken);
    }
  }
}
