import { Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { Catalogue } from '@lr/catalogue';
import {
  applyChanges,
  CounterIncrements,
  difference,
  eventPayload,
  LearnerOutcome,
  LearningEvent,
} from '@lr/learning';
import { ConsumedMessage, Topics } from '@lr/messaging';
import { correlationByKey, propagationHeaders } from '@lr/observability';
import { LearnerKey, LearnerKeyring, RECORD_TYPE_HEADER } from '@lr/xapi';
import { BatchPlan, LearnerWork, planBatch } from './learning-batch';
import { CounterIncrement, JournalOutput, LearningJournal, TeamChange } from './learning-journal';
import { journalId, LearningStoreVersion } from './learning-store';
import { PlainOffsetCommit, TransactionalCommitter } from './transactional-committer';
import { retractionOutput } from './retraction-output';
import { LearningStats } from './learning-stats';
import { sealedOutput } from './sealed-output';

export class FencedError extends Error {}

export interface ProcessorOptions {
  readonly groupId: string;
  /** A rebuild fills a new version without announcing events a live version already has. */
  readonly emitEvents: boolean;
}

interface Computed {
  readonly outcomes: LearnerOutcome[];
  readonly added: Map<string, string[]>;
}

/**
 * Applies one partition's batch to one version of the learning read models: journal first, then
 * learner documents, counters and teams, then events and the consumer offset in one Kafka
 * transaction. See LearningJournal for why a crash anywhere in between neither loses nor doubles.
 */
export class LearningBatchProcessor {
  private readonly logger = new Logger(LearningBatchProcessor.name);

  constructor(
    private readonly store: LearningStoreVersion,
    private readonly catalogue: Catalogue,
    private readonly committer: TransactionalCommitter,
    private readonly topics: Topics,
    private readonly eventBus: EventBus,
    private readonly options: ProcessorOptions,
    private readonly clock: () => Date,
    private readonly keyring: Pick<LearnerKeyring, 'keysOf' | 'erasedSince'>,
    private readonly stats: LearningStats = new LearningStats(),
  ) {}

  /**
   * Returns true when the batch was committed, false when it only advanced a replay. With
   * `plainCommit`, a batch without events commits its offset with it instead of a transaction.
   */
  async process(
    partition: number,
    messages: readonly ConsumedMessage[],
    heartbeat: () => Promise<void> = () => Promise.resolve(),
    plainCommit?: PlainOffsetCommit,
  ): Promise<boolean> {
    this.stats.countBatch(messages.length);
    const previous = await this.stats.time('read', () => this.store.journalOf(partition));
    const first = Number(messages[0]!.offset);
    let rest = messages;
    if (previous && previous.end >= first) {
      const inRange = messages.filter((m) => Number(m.offset) <= previous.end);
      const retractions = await this.replay(planBatch(inRange, this.catalogue), previous.end);
      if (Number(messages.at(-1)!.offset) < previous.end) return false;
      this.logger.log(
        `partition ${partition}: finishing journal ${previous.start}..${previous.end}`,
      );
      await this.finish(previous, retractions, [], plainCommit);
      rest = messages.filter((m) => Number(m.offset) > previous.end);
    }
    if (rest.length > 0) {
      await this.processFresh(partition, rest, previous?.end, heartbeat, plainCommit);
    }
    return true;
  }

  private async processFresh(
    partition: number,
    messages: readonly ConsumedMessage[],
    previousEnd: number | undefined,
    heartbeat: () => Promise<void>,
    plainCommit: PlainOffsetCommit | undefined,
  ): Promise<void> {
    const start = Number(messages[0]!.offset);
    const end = Number(messages.at(-1)!.offset);
    const plan = planBatch(messages, this.catalogue);
    const computed = await this.compute(plan, false, end);
    await heartbeat();
    const events = computed.outcomes.flatMap((outcome) => outcome.events);
    const keys = this.options.emitEvents
      ? await this.keyring.keysOf(events.map((event) => event.base.learnerKey))
      : new Map<string, LearnerKey>();
    const origins = events.length > 0 ? correlationByKey(messages) : new Map<string, string>();
    const journal: LearningJournal = {
      _id: journalId(partition),
      partition,
      start,
      end,
      increments: incrementsOf(computed.outcomes),
      teams: teamChangesOf(computed.outcomes),
      outputs: this.options.emitEvents
        ? events.map((e) => this.eventOutput(e, keys.get(e.base.learnerKey)!, origins))
        : [],
      writtenAt: this.clock().toISOString(),
    };
    const needed = journal.increments.length + journal.teams.length + journal.outputs.length > 0;
    const written =
      !needed ||
      (await this.stats.time('journal', () => this.store.writeJournal(previousEnd, journal)));
    if (!written) {
      throw new FencedError(`partition ${partition}: journal moved on under this instance`);
    }
    await this.stats.time('learners', () =>
      this.store.saveLearners(changedDocuments(computed.outcomes)),
    );
    const late = await this.stats.time('voids', () => this.lateRetractions(computed.added));
    await heartbeat();
    await this.finish(journal, late, this.options.emitEvents ? events : [], plainCommit);
  }

  /** Re-applies learner documents of a journal's range (idempotent); returns retractions due. */
  private async replay(plan: BatchPlan, seq: number): Promise<JournalOutput[]> {
    const computed = await this.compute(plan, true, seq);
    await this.store.saveLearners(changedDocuments(computed.outcomes));
    return this.lateRetractions(computed.added);
  }

  private async compute(plan: BatchPlan, replay: boolean, seq: number): Promise<Computed> {
    await this.stats.time('voids', () => this.recordVoids(plan, replay));
    await this.dropErasedManagers(plan);
    const works = [...plan.learners.values()];
    const before = await this.stats.time('load', () =>
      this.store.loadLearners(works.map((w) => w.learnerKey)),
    );
    const now = this.clock().toISOString();
    const outcomes = this.stats.timeSync('decide', () =>
      works.map((work) =>
        applyChanges(before.get(work.learnerKey), { ...work, seq }, this.catalogue, now),
      ),
    );
    const added = new Map(works.map((w) => [w.learnerKey, w.add.map((fact) => fact.id)]));
    return { outcomes, added };
  }

  /**
   * Records this batch's voidings and drops facts already voided. Telling the target's learner
   * is the OpenVoidsResolver's job: it needs the statement store, which may not have the target
   * yet, and it must not wait for the next batch to try again.
   */
  private async recordVoids(plan: BatchPlan, replay: boolean): Promise<void> {
    await this.store.recordVoids(plan.voids, this.clock());
    // In a replay the journal already counts these facts: drop nothing, retract afterwards.
    if (!replay) await this.dropVoided([...plan.learners.values()]);
  }

  /**
   * A registration names the learner's line manager; a manager erased since must not come back
   * as such from other learners' statements (a rebuild replays them all).
   */
  private async dropErasedManagers(plan: BatchPlan): Promise<void> {
    for (const work of plan.learners.values()) {
      for (const [index, fact] of work.add.entries()) {
        if (fact.kind !== 'registered' || !fact.profile?.lineManager) continue;
        const manager = `${work.storeId}|${fact.profile.lineManager}`;
        if (!(await this.keyring.erasedSince(manager, fact.at))) continue;
        const { lineManager: _erased, ...profile } = fact.profile;
        work.add[index] = { ...fact, profile };
      }
    }
  }

  private async dropVoided(works: LearnerWork[]): Promise<void> {
    const ids = works.flatMap((w) => w.add.map((fact) => `${w.storeId}|${fact.id}`));
    const voided = await this.store.voidedAmong(ids);
    if (voided.size === 0) return;
    for (const work of works) {
      const kept = work.add.filter((fact) => !voided.has(`${work.storeId}|${fact.id}`));
      const dropped = work.add.filter((fact) => voided.has(`${work.storeId}|${fact.id}`));
      work.add.splice(0, work.add.length, ...kept);
      work.retract.push(...dropped.map((fact) => fact.id));
    }
  }

  /**
   * A voiding processed on another partition may have looked for these facts' learner just
   * before this batch stored them; it recorded the void first, so checking after storing closes
   * the gap (each side writes before it reads the other's record).
   */
  private async lateRetractions(added: Map<string, string[]>): Promise<JournalOutput[]> {
    const ids = [...added].flatMap(([key, facts]) => facts.map((id) => [key, id] as const));
    const storeOf = (key: string) => key.slice(0, key.indexOf('|'));
    const voided = await this.store.voidedAmong(ids.map(([key, id]) => `${storeOf(key)}|${id}`));
    const due = ids.filter(([key, id]) => voided.has(`${storeOf(key)}|${id}`));
    if (due.length === 0) return [];
    const keys = await this.keyring.keysOf(due.map(([key]) => key));
    return due.map(([key, id]) =>
      retractionOutput(this.topics, storeOf(key), key, keys.get(key)!, id, 'unknown'),
    );
  }

  private async finish(
    journal: LearningJournal,
    extra: readonly JournalOutput[],
    events: readonly LearningEvent[],
    plainCommit: PlainOffsetCommit | undefined,
  ): Promise<void> {
    await this.stats.time('counters', async () => {
      await this.store.applyTeams(journal.partition, journal.teams);
      await this.store.applyIncrements(journal.partition, journal.end, journal.increments);
    });
    await this.stats.time('commit', () =>
      this.committer.commit(
        [...journal.outputs, ...extra],
        {
          groupId: this.options.groupId,
          topic: this.topics.statements,
          partition: journal.partition,
          offset: journal.end + 1,
        },
        plainCommit,
      ),
    );
    if (events.length > 0) this.eventBus.publishAll([...events]);
  }

  /**
   * Events name the learner, so they are sealed with the learner's key like statements; they
   * carry on the correlation ids of the requests that brought the learner's records.
   */
  private eventOutput(
    event: LearningEvent,
    key: LearnerKey,
    origins: Map<string, string>,
  ): JournalOutput {
    return sealedOutput(
      this.topics.learningEvents,
      event.base.learnerKey,
      key,
      JSON.stringify(eventPayload(event)),
      {
        ...propagationHeaders(origins.get(event.base.learnerKey)),
        [RECORD_TYPE_HEADER]: event.type,
        'event-id': event.base.eventId,
      },
    );
  }
}

function changedDocuments(outcomes: readonly LearnerOutcome[]) {
  return outcomes.filter((outcome) => outcome.changed).map((outcome) => outcome.document);
}

function incrementsOf(outcomes: readonly LearnerOutcome[]): CounterIncrement[] {
  const total: CounterIncrements = new Map();
  for (const outcome of outcomes) difference(outcome.increments, new Map(), total);
  return [...total].map(([id, fields]) => ({ id, inc: Object.fromEntries(fields) }));
}

function teamChangesOf(outcomes: readonly LearnerOutcome[]): TeamChange[] {
  return outcomes.flatMap((outcome) => {
    const before = outcome.before?.managerKey;
    const after = outcome.document.managerKey;
    if (before === after) return [];
    const learnerKey = outcome.document._id;
    return [
      ...(before ? [{ managerKey: before, learnerKey, member: false }] : []),
      ...(after ? [{ managerKey: after, learnerKey, member: true }] : []),
    ];
  });
}
