import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import {
  ACCREDITATION_CLAIMS_COLLECTION,
  LEARNING_META_COLLECTION,
  LEARNING_META_ID,
  learningCollections,
  LearningMetaDocument,
} from '@lr/learning';
import {
  ERASURES_COLLECTION,
  STATEMENT_COLLECTION,
  statementOfStored,
  storedStatementText,
  statementDocumentId,
  statementErasure,
} from '@lr/xapi';

export interface StatementsErased {
  readonly deleted: number;
  readonly redacted: number;
}

export interface ReadModelsErased {
  readonly versions: number;
  readonly learners: number;
  readonly teams: number;
  /** Other learners' statements that name them as line manager (in an extension). */
  readonly managerStatements: string[];
}

/**
 * What is kept of an erasure: the learner's keys hashed (learnerRef), never their identifiers,
 * so that plain records written before sealing can still be recognised and skipped.
 */
export interface ErasureTombstone {
  readonly _id: string;
  readonly storeId: string;
  readonly learnerRefs: readonly string[];
  readonly requestedAt: string;
  readonly completedAt?: string;
  readonly report?: Readonly<Record<string, unknown>>;
}

interface StoredStatement {
  _id: string;
  statement: string | Record<string, unknown>;
  agents: string[];
  relatedAgents: string[];
}

/** The parts of a learning journal that may name a learner. */
interface JournalEntries {
  _id: string;
  teams: { learnerKey: string; managerKey: string }[];
  outputs: { key: string }[];
}

const LEARNERS_COLLECTION = /^learning_v(\d+)_learners$/;

/**
 * Removes a learner from everything MongoDB holds about them, given every agent key they are
 * known by. Each step is idempotent, so an interrupted erasure is finished by running it again.
 */
@Injectable()
export class ErasureRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async recordTombstone(tombstone: ErasureTombstone): Promise<void> {
    await this.connection.collection<ErasureTombstone>(ERASURES_COLLECTION).insertOne(tombstone);
  }

  async completeTombstone(id: string, completedAt: string, report: object): Promise<void> {
    await this.connection
      .collection<ErasureTombstone>(ERASURES_COLLECTION)
      .updateOne({ _id: id }, { $set: { completedAt, report: { ...report } } });
  }

  /** The read-model version live projectors write (1 before any projector ran). */
  async activeLearningVersion(): Promise<number> {
    const meta = await this.connection
      .collection<LearningMetaDocument>(LEARNING_META_COLLECTION)
      .findOne({ _id: LEARNING_META_ID });
    return meta?.active ?? 1;
  }

  /**
   * Their statements, and others' that name them: found by the agent indexes, plus `alsoIds`
   * (statements naming them where no index looks, such as an extension).
   */
  async statements(
    storeId: string,
    agentKeys: readonly string[],
    alsoIds: readonly string[],
  ): Promise<StatementsErased> {
    const collection = this.connection.collection<StoredStatement>(STATEMENT_COLLECTION);
    const keys = [...agentKeys];
    const found = await collection
      .find({
        storeId,
        $or: [
          { agents: { $in: keys } },
          { relatedAgents: { $in: keys } },
          { _id: { $in: alsoIds.map((id) => statementDocumentId(storeId, id)) } },
        ],
      })
      .toArray();
    const wanted = new Set(keys);
    const doomed: string[] = [];
    let redacted = 0;
    for (const doc of found) {
      const outcome = statementErasure(statementOfStored(doc.statement), wanted);
      if (outcome.action === 'delete') {
        doomed.push(doc._id);
        continue;
      }
      if (outcome.action === 'redact') redacted++;
      await collection.updateOne(
        { _id: doc._id },
        {
          $set: {
            ...(outcome.action === 'redact'
              ? { statement: storedStatementText(outcome.statement) }
              : {}),
            agents: doc.agents.filter((key) => !wanted.has(key)),
            relatedAgents: doc.relatedAgents.filter((key) => !wanted.has(key)),
          },
        },
      );
    }
    if (doomed.length > 0) await collection.deleteMany({ _id: { $in: doomed } });
    return { deleted: doomed.length, redacted };
  }

  /** State and agent profile documents addressed to them. */
  async documents(storeId: string, agentKeys: readonly string[]): Promise<number> {
    const result = await this.connection
      .collection('documents')
      .deleteMany({ storeId, agent: { $in: [...agentKeys] } });
    return result.deletedCount;
  }

  async personLinks(storeId: string, agentKeys: readonly string[]): Promise<number> {
    const result = await this.connection
      .collection<{ _id: string }>('person_links')
      .deleteMany({ _id: { $in: agentKeys.map((key) => `${storeId}|${key}`) } });
    return result.deletedCount;
  }

  /**
   * Every version of the learning read models (a rebuild keeps the previous one): their learner
   * documents and team, their place in other teams and as others' line manager, and the team
   * changes still in the journals. Counters are anonymous aggregates and stay.
   */
  async learningReadModels(
    learnerKeys: readonly string[],
    agentKeys: readonly string[],
  ): Promise<ReadModelsErased> {
    const keys = [...learnerKeys];
    const names = await this.connection.db!.listCollections({}, { nameOnly: true }).toArray();
    const versions = names
      .map((entry) => LEARNERS_COLLECTION.exec(entry.name)?.[1])
      .filter((version): version is string => version !== undefined)
      .map((version) => learningCollections(Number(version)));
    let learners = 0;
    let teams = 0;
    const managerStatements = new Set<string>();
    for (const version of versions) {
      const learnerDocs = this.connection.collection<{ _id: string; factIds?: string[] }>(
        version.learners,
      );
      learners += (await learnerDocs.deleteMany({ _id: { $in: keys } })).deletedCount;
      for (const doc of await learnerDocs.find({ managerKey: { $in: keys } }).toArray()) {
        for (const id of doc.factIds ?? []) managerStatements.add(id);
        await learnerDocs.replaceOne({ _id: doc._id }, withoutManager(doc, new Set(agentKeys)));
      }
      const teamDocs = this.connection.collection<{
        _id: string;
        manager?: string;
        members: string[];
      }>(version.teams);
      // A manager's team is a document per partition shard (and one from before shards).
      teams += (
        await teamDocs.deleteMany({ $or: [{ _id: { $in: keys } }, { manager: { $in: keys } }] })
      ).deletedCount;
      await teamDocs.updateMany({ members: { $in: keys } }, { $pull: { members: { $in: keys } } });
      const journal = this.connection.collection<JournalEntries>(version.journal);
      await journal.updateMany({}, { $pull: { teams: { learnerKey: { $in: keys } } } });
      await journal.updateMany({}, { $pull: { teams: { managerKey: { $in: keys } } } });
      // Outputs written before records were sealed name the learner in their key.
      await journal.updateMany({}, { $pull: { outputs: { key: { $in: keys } } } });
    }
    return {
      versions: versions.length,
      learners,
      teams,
      managerStatements: [...managerStatements],
    };
  }

  /** The gateway's claims carry the learner's name and email. */
  async accreditationClaims(storeId: string, learnerKeys: readonly string[]): Promise<number> {
    const result = await this.connection
      .collection(ACCREDITATION_CLAIMS_COLLECTION)
      .deleteMany({ storeId, learnerKey: { $in: [...learnerKeys] } });
    return result.deletedCount;
  }
}

/** A report's learner document without their (erased) line manager, in its profile and facts. */
function withoutManager<T extends object>(doc: T, agentKeys: ReadonlySet<string>): T {
  const scrub = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(scrub);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([field, inner]) => {
          if (field === 'managerKey') return false;
          return !(field === 'lineManager' && typeof inner === 'string' && agentKeys.has(inner));
        })
        .map(([field, inner]) => [field, scrub(inner)]),
    );
  };
  return scrub(doc) as T;
}
