import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BatchingProducer, ProducedRecord, Topics } from '@lr/messaging';
import { TelemetryContext, telemetryFields } from '@lr/observability';
import {
  encodeStatementRecorded,
  fingerprintOf,
  LearnerKeyring,
  learnerKey,
  sealWith,
  STATEMENT_RECORDED_V1,
} from '@lr/xapi';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError } from '../common/domain-errors';
import { LrsApiEnv } from '../config/lrs-api.env';
import { assertCanWriteStatements } from '../credentials/scopes';
import {
  checkAttachments,
  checkNesting,
  checkStatements,
  isVoiding,
  voidedIdOf,
} from './check-statements';
import { completeStatement } from './complete-statement';
import { ConsistencyTracker } from './consistency-tracker';
import { RecordStatementsCommand } from './record-statements.command';
import { StatementClaimsRepository } from './statement-claims.repository';
import { StatementReadRepository } from './statement-read.repository';
import { timeOrderedUuid } from './statement-id';

@CommandHandler(RecordStatementsCommand)
export class RecordStatementsHandler implements ICommandHandler<RecordStatementsCommand> {
  private readonly logger = new Logger(RecordStatementsHandler.name);

  constructor(
    private readonly producer: BatchingProducer,
    private readonly topics: Topics,
    private readonly claims: StatementClaimsRepository,
    private readonly store: StatementReadRepository,
    private readonly consistency: ConsistencyTracker,
    private readonly clock: Clock,
    private readonly env: LrsApiEnv,
    private readonly attachments: AttachmentsRepository,
    private readonly keyring: LearnerKeyring,
  ) {}

  async execute({
    statements,
    credential,
    version,
    parts,
    work,
    putId,
  }: RecordStatementsCommand): Promise<readonly string[]> {
    assertCanWriteStatements(credential);
    checkNesting(statements, this.env.LRS_MAX_JSON_DEPTH);
    const receivedAt = this.clock.now();
    const received = withIds(checkStatements(statements, version, putId), receivedAt);
    checkAttachments(received, parts, version);
    await this.refuseVoidingOfVoiding(credential.storeId, received);
    const fresh = await this.claim(credential.storeId, received, receivedAt);
    await this.attachments.save(credential.storeId, parts);
    const learners = fresh.map((statement) => learnerKey(credential.storeId, statement.actor));
    const keys = await this.keyring.keysOf(learners);
    // `stored` is taken as late as possible and the write must reach the log within
    // LRS_STORED_LAG_MS of it, which is what keeps Consistent-Through honest.
    const now = this.clock.now();
    const deadline = now.getTime() + this.env.LRS_STORED_LAG_MS;
    const completed = fresh.map((s) =>
      completeStatement(s, credential, version, now, () => timeOrderedUuid(now.getTime())),
    );
    const defines = credential.scopes.some((scope) => scope === 'all' || scope === 'define');
    const records = await this.producer.sendAll(
      completed.map((statement, index) => {
        // Sealed with the learner's key and keyed by its random id: the log holds nothing
        // readable about the learner once the key is destroyed (docs/erasure.md).
        const { keyId, key } = keys.get(learners[index]!)!;
        const record = encodeStatementRecorded({
          type: STATEMENT_RECORDED_V1,
          storeId: credential.storeId,
          statement,
          defines,
        });
        const sealed = sealWith(key, keyId, record);
        return {
          topic: this.topics.statements,
          key: keyId,
          partitionKey: learners[index]!,
          value: sealed.value,
          headers: sealed.headers,
          deadline,
        };
      }),
      work,
    );
    await this.awaitReadable(records, work);
    return received.map((s) => s.id);
  }

  /** Read-your-writes, bounded; LRS_CONSISTENCY_TIMEOUT_MS=0 turns it off (answer on commit). */
  private async awaitReadable(
    records: readonly ProducedRecord[],
    work: TelemetryContext | undefined,
  ): Promise<void> {
    const timeout = this.env.LRS_CONSISTENCY_TIMEOUT_MS;
    if (timeout === 0) return;
    // A stalled store was reported once by the tracker; every write need not say it again.
    if ((await this.consistency.waitFor(records, timeout)) === 'timeout') {
      this.logger.warn(
        `statements accepted but not yet readable after ${timeout} ms`,
        telemetryFields(work),
      );
    }
  }

  /**
   * Claims every id; any conflict refuses the whole batch (and gives back what this batch
   * claimed). Repeats of a statement already stored are not produced again; repeats whose first
   * write never reached the store (a crash between claim and produce) are.
   */
  private async claim(storeId: string, received: readonly WithId[], now: Date): Promise<WithId[]> {
    // An id this LRS generated (74 random bits within its millisecond) cannot collide: only
    // client ids are claimed.
    const requests = received
      .filter((s) => s[CLIENT_ID])
      .map((s) => ({ statementId: s.id, fingerprint: fingerprintOf(s) }));
    if (requests.length === 0) return [...received];
    const { conflicts, repeats } = await this.claims.claim(storeId, requests, now);
    if (conflicts.length > 0) {
      const taken = new Set([...conflicts, ...repeats]);
      const mine = received.map((s) => s.id).filter((id) => !taken.has(id));
      await this.claims.release(storeId, mine);
      throw new ConflictError(`statement ${conflicts[0]} already exists with different content`);
    }
    if (repeats.length === 0) return [...received];
    const stored = await this.store.existingIds(storeId, repeats);
    return received.filter((s) => !stored.has(s.id));
  }

  private async refuseVoidingOfVoiding(
    storeId: string,
    received: readonly WithId[],
  ): Promise<void> {
    const targets = received.filter(isVoiding).map(voidedIdOf);
    if (targets.length === 0) return;
    const voidingTargets = await this.store.voidingIds(storeId, targets);
    if (voidingTargets.size > 0) {
      const [first] = voidingTargets;
      throw new BadRequestError(`statement ${first} is a voiding statement and cannot be voided`);
    }
  }
}

/** Marks statements whose id the client chose; a symbol, so it never reaches the log. */
const CLIENT_ID = Symbol('clientId');

type WithId = Record<string, unknown> & { id: string; [CLIENT_ID]?: true };

/** Ids are fixed before claiming: the client's (lower-cased) or a new, time-ordered one. */
function withIds(statements: readonly Record<string, unknown>[], now: Date): WithId[] {
  return statements.map((s) =>
    typeof s.id === 'string'
      ? { ...s, id: s.id.toLowerCase(), [CLIENT_ID]: true }
      : { ...s, id: timeOrderedUuid(now.getTime()) },
  );
}
