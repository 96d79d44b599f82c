import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { learningGroupName } from '@lr/learning';
import { BatchingProducer, Topics } from '@lr/messaging';
import { TelemetryContext, telemetryFields } from '@lr/observability';
import {
  agentKey,
  encodeLearnerErased,
  LEARNER_ERASED_V1,
  learnerErasedHeaders,
  LearnerKeyring,
  learnerRef,
  parseAgentParam,
  STATEMENT_STORE_GROUP,
} from '@lr/xapi';
import { Clock } from '../common/clock';
import { BadRequestError, ForbiddenError } from '../common/domain-errors';
import { LrsApiEnv } from '../config/lrs-api.env';
import { PeopleRepository } from '../people/people.repository';
import { ConsumerProgress } from './consumer-progress';
import { EraseLearnerCommand } from './erase-learner.command';
import { ErasureReport } from './erasure-report';
import { ErasureRepository } from './erasure.repository';

/**
 * Erases a learner (GDPR art. 17) by any of their identifiers; see docs/erasure.md. In order:
 * a tombstone (hashed keys only), their keys destroyed (the log becomes unreadable for them), an
 * erasure record on each of their partitions, a wait until the consumers have read past those
 * records (nothing older can be written back), then every MongoDB copy removed.
 * Running it again is harmless and finishes an interrupted erasure.
 */
@CommandHandler(EraseLearnerCommand)
export class EraseLearnerHandler implements ICommandHandler<EraseLearnerCommand> {
  private readonly logger = new Logger(EraseLearnerHandler.name);

  constructor(
    private readonly people: PeopleRepository,
    private readonly keyring: LearnerKeyring,
    private readonly producer: BatchingProducer,
    private readonly topics: Topics,
    private readonly progress: ConsumerProgress,
    private readonly repository: ErasureRepository,
    private readonly clock: Clock,
    private readonly env: LrsApiEnv,
  ) {}

  async execute({ credential, agent, work }: EraseLearnerCommand): Promise<ErasureReport> {
    const fields = telemetryFields(work);
    if (!credential.scopes.includes('all'))
      throw new ForbiddenError('erasing a learner needs a credential with scope all');
    const storeId = credential.storeId;
    const agentKeys = await this.identifiersOf(storeId, agent);
    const learnerKeys = agentKeys.map((key) => `${storeId}|${key}`);
    const erasureId = randomUUID();
    await this.repository.recordTombstone({
      _id: erasureId,
      storeId,
      learnerRefs: learnerKeys.map(learnerRef),
      requestedAt: this.clock.now().toISOString(),
    });
    const keyIds = await this.keyring.destroy(learnerKeys);
    this.logger.log(
      `erasure ${erasureId}: ${keyIds.size} key(s) of ${learnerKeys.length} identifier(s) destroyed; waiting for the consumers`,
      fields,
    );
    const caughtUp = await this.markAndWait(erasureId, learnerKeys, keyIds, work);
    this.logger.log(`erasure ${erasureId}: consumers caught up: ${caughtUp}; deleting`, fields);
    const readModels = await this.repository.learningReadModels(learnerKeys, agentKeys);
    const statements = await this.repository.statements(
      storeId,
      agentKeys,
      readModels.managerStatements,
    );
    const documents = await this.repository.documents(storeId, agentKeys);
    const claims = await this.repository.accreditationClaims(storeId, learnerKeys);
    // Person links last: until they go, running the erasure again finds every identifier.
    const links = await this.repository.personLinks(storeId, agentKeys);
    const report: ErasureReport = {
      erasureId,
      identifiers: agentKeys.length,
      keysDestroyed: keyIds.size,
      statementsDeleted: statements.deleted,
      statementsRedacted: statements.redacted,
      documentsDeleted: documents,
      personLinksDeleted: links,
      readModelVersions: readModels.versions,
      learnerDocumentsDeleted: readModels.learners,
      teamsDeleted: readModels.teams,
      accreditationClaimsDeleted: claims,
      consumersCaughtUp: caughtUp,
    };
    await this.repository.completeTombstone(erasureId, this.clock.now().toISOString(), report);
    this.logger.log(`erasure ${erasureId} done: ${JSON.stringify(report)}`, fields);
    return report;
  }

  /** The identifier given and every identifier linked to it as one person. */
  private async identifiersOf(storeId: string, agent: unknown): Promise<string[]> {
    const parsed = parseAgentParam(JSON.stringify(agent ?? null), '2.0.0');
    if (!parsed.ok) throw new BadRequestError(parsed.failure.message);
    if (parsed.agent.objectType === 'Group')
      throw new BadRequestError('agent must be an Agent, not a Group');
    const key = agentKey(parsed.agent)!;
    const linked = await this.people.identitiesOf(storeId, key);
    return [...new Set([key, ...linked.map(agentKey).filter((k): k is string => k !== null)])];
  }

  /**
   * One erasure record per identifier, on that learner's partition, behind everything written
   * for them; then waits for the statement store, the live learning projection and (after it)
   * the accreditation gateway to read past them.
   */
  private async markAndWait(
    erasureId: string,
    learnerKeys: readonly string[],
    keyIds: ReadonlyMap<string, string>,
    work: TelemetryContext | undefined,
  ): Promise<boolean> {
    const records = await this.producer.sendAll(
      learnerKeys.map((learnerKey) => {
        // A learner whose records were all written before sealing has no key: the record then
        // only marks the place the consumers must reach.
        const keyId = keyIds.get(learnerKey) ?? erasureId;
        return {
          topic: this.topics.statements,
          key: keyId,
          partitionKey: learnerKey,
          value: encodeLearnerErased({ type: LEARNER_ERASED_V1, keyId, erasureId }),
          headers: learnerErasedHeaders(keyId),
        };
      }),
      work,
    );
    const deadline = Date.now() + this.env.LRS_ERASURE_WAIT_MS;
    const version = await this.repository.activeLearningVersion();
    const waits = await Promise.all([
      this.progress.waitPast(this.topics.group(STATEMENT_STORE_GROUP), records, deadline),
      this.progress
        .waitPast(this.topics.group(learningGroupName(version)), records, deadline)
        .then(async (learning) =>
          learning
            ? this.progress.waitForEnd(
                this.topics.group('accreditation-gateway'),
                this.topics.learningEvents,
                deadline,
              )
            : false,
        ),
    ]);
    return waits.every(Boolean);
  }
}
