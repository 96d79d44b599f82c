import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { BatchingProducer, Topics } from '@lr/messaging';
import {
  encodeStatementRecorded,
  fingerprintOf,
  learnerKey,
  STATEMENT_RECORDED_V1,
} from '@lr/xapi';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError } from '../common/domain-errors';
import { LrsApiEnv } from '../config/lrs-api.env';
import { assertCanWriteStatements } from '../credentials/scopes';
import { checkStatements, isVoiding, voidedIdOf } from './check-statements';
import { CompletedStatement, completeStatement } from './complete-statement';
import { ConsistencyTracker } from './consistency-tracker';
import { RecordStatementsCommand } from './record-statements.command';
import { StatementClaimsRepository } from './statement-claims.repository';
import { StatementReadRepository } from './statement-read.repository';

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
  ) {}

  async execute({
    statements,
    credential,
    version,
    putId,
  }: RecordStatementsCommand): Promise<readonly string[]> {
    assertCanWriteStatements(credential);
    const checked = checkStatements(statements, version, putId);
    const now = this.clock.now();
    const completed = checked.map((s) =>
      completeStatement(s, credential, version, now, randomUUID),
    );
    await this.refuseVoidingOfVoiding(credential.storeId, completed);
    const fresh = await this.claim(credential.storeId, checked, completed, now);
    const records = await this.producer.sendAll(
      fresh.map((statement) => ({
        topic: this.topics.statements,
        key: learnerKey(credential.storeId, statement.actor),
        value: encodeStatementRecorded({
          type: STATEMENT_RECORDED_V1,
          storeId: credential.storeId,
          statement,
        }),
      })),
    );
    const visible = await this.consistency.waitFor(records, this.env.LRS_CONSISTENCY_TIMEOUT_MS);
    if (!visible)
      this.logger.warn(
        `statements accepted but not yet readable after ${this.env.LRS_CONSISTENCY_TIMEOUT_MS} ms`,
      );
    return completed.map((s) => s.id);
  }

  /**
   * Claims every id; any conflict refuses the whole batch (and gives back what this batch
   * claimed). Repeats of a statement already stored are not produced again; repeats whose first
   * write never reached the store (a crash between claim and produce) are.
   */
  private async claim(
    storeId: string,
    received: readonly Record<string, unknown>[],
    completed: readonly CompletedStatement[],
    now: Date,
  ): Promise<CompletedStatement[]> {
    const requests = completed.map((s, i) => ({
      statementId: s.id,
      fingerprint: fingerprintOf(received[i]!),
    }));
    const { conflicts, repeats } = await this.claims.claim(storeId, requests, now);
    if (conflicts.length > 0) {
      const taken = new Set([...conflicts, ...repeats]);
      await this.claims.release(
        storeId,
        completed.map((s) => s.id).filter((id) => !taken.has(id)),
      );
      throw new ConflictError(`statement ${conflicts[0]} already exists with different content`);
    }
    if (repeats.length === 0) return [...completed];
    const stored = await this.store.existingIds(storeId, repeats);
    return completed.filter((s) => !stored.has(s.id));
  }

  private async refuseVoidingOfVoiding(
    storeId: string,
    completed: readonly CompletedStatement[],
  ): Promise<void> {
    const targets = completed.filter(isVoiding).map(voidedIdOf);
    if (targets.length === 0) return;
    const voidingTargets = await this.store.voidingIds(storeId, targets);
    if (voidingTargets.size > 0) {
      throw new BadRequestError(
        `statement ${[...voidingTargets][0]} is a voiding statement and cannot be voided`,
      );
    }
  }
}
