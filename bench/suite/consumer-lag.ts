import { Admin, Kafka, logLevel } from 'kafkajs';
import { learningGroupName } from '@lr/learning';
import { Topics } from '@lr/messaging';
import { STATEMENT_STORE_GROUP } from '@lr/xapi';

export interface GroupLag {
  /** Records (and transaction markers) between the group's committed offsets and the log end. */
  readonly lag: number;
  /** Records the group has read, summed over partitions. */
  readonly read: number;
  /** Every partition committed up to its last record (a trailing commit marker aside). */
  readonly caughtUp: boolean;
  /** The partitions not caught up: committed offset against the log end. */
  readonly behind: readonly { partition: number; committed: number; end: number }[];
}

/** The projector stopped making progress while still behind (see its log). */
export class ProjectorStalledError extends Error {}

export type Lags = Record<'statementStore' | 'learning', GroupLag>;

/** The projector's two consumer groups on the statement topic, measured from committed offsets. */
export class ConsumerLag {
  private readonly admin: Admin;
  private readonly topic: string;
  private readonly groups: Record<keyof Lags, string>;

  constructor(brokers: string, prefix: string) {
    const topics = new Topics(prefix);
    this.topic = topics.statements;
    this.groups = {
      statementStore: topics.group(STATEMENT_STORE_GROUP),
      learning: topics.group(learningGroupName(1)),
    };
    this.admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  /**
   * Both groups' lag now. Retried on Kafka's retriable answers (a fresh broker is still loading
   * its group coordinator, for one) for up to half a minute.
   */
  async sample(): Promise<Lags> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sampleOnce();
      } catch (error) {
        const retriable = (error as { retriable?: unknown } | null)?.retriable === true;
        if (!retriable || attempt >= 60) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async sampleOnce(): Promise<Lags> {
    const ends = await this.admin.fetchTopicOffsets(this.topic);
    const of = async (groupId: string): Promise<GroupLag> => {
      const [committed] = await this.admin.fetchOffsets({ groupId, topics: [this.topic] });
      const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      let lag = 0;
      let read = 0;
      const behind: GroupLag['behind'][number][] = [];
      for (const end of ends) {
        const high = Number(end.high);
        const done = Math.max(at.get(end.partition) ?? -1, Number(end.low));
        lag += Math.max(0, high - done);
        read += Math.min(high, done);
        if (done < high - 1) behind.push({ partition: end.partition, committed: done, end: high });
      }
      return { lag, read, caughtUp: behind.length === 0, behind };
    };
    return {
      statementStore: await of(this.groups.statementStore),
      learning: await of(this.groups.learning),
    };
  }

  /**
   * Polls until both groups have caught up, with progress on stderr; answers when each did,
   * in seconds from the call. Throws after timeoutSeconds, or sooner when nothing has moved for
   * stallSeconds (a stuck partition would otherwise hold the whole run until the timeout).
   */
  async waitCaughtUp(timeoutSeconds: number, label: string, stallSeconds = 90): Promise<CatchUp> {
    const started = Date.now();
    const at: Partial<Record<keyof Lags, number>> = {};
    let progress = '';
    let movedAt = started;
    for (;;) {
      const lags = await this.sample();
      const seconds = (Date.now() - started) / 1000;
      const position = `${lags.statementStore.read}/${lags.learning.read}`;
      if (position !== progress) [progress, movedAt] = [position, Date.now()];
      for (const group of ['statementStore', 'learning'] as const) {
        if (lags[group].caughtUp) at[group] ??= seconds;
      }
      process.stderr.write(
        `\r  ${label}: statement store ${lags.statementStore.lag} behind (${lags.statementStore.read} read), learning ${lags.learning.lag} behind (${lags.learning.read} read), ${seconds.toFixed(0)} s   `,
      );
      if (at.statementStore !== undefined && at.learning !== undefined) {
        process.stderr.write('\n');
        return { seconds, statementStoreSeconds: at.statementStore, learningSeconds: at.learning };
      }
      if (seconds > timeoutSeconds) {
        process.stderr.write('\n');
        throw new Error(`${label}: the projector did not catch up within ${timeoutSeconds} s`);
      }
      if ((Date.now() - movedAt) / 1000 > stallSeconds) {
        process.stderr.write('\n');
        const stuck = (['statementStore', 'learning'] as const)
          .filter((group) => !lags[group].caughtUp)
          .map(
            (group) =>
              `${group} ${lags[group].behind.map((p) => `partition ${p.partition} at ${p.committed} of ${p.end}`).join(', ')}`,
          );
        throw new ProjectorStalledError(
          `${label}: the projector's committed offsets have not moved for ${stallSeconds} s while behind (${stuck.join('; ')})`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export interface CatchUp {
  /** Until both groups had caught up. */
  readonly seconds: number;
  readonly statementStoreSeconds: number;
  readonly learningSeconds: number;
}
