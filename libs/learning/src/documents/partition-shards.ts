import { METRICS } from '../counters/metrics';
import { CounterDocument } from './counter.document';

/**
 * Counters and teams gather changes from learners on every statement partition. Each partition
 * writes its own shard of them, so no two consumers ever update one document at once: servers
 * whose updates read and then replace the document (FerretDB 1.x) would lose one of two
 * concurrent `$inc`s or `$addToSet`s. A learner's statements all go to one partition, so a
 * learner counts in one shard only and readers merge the shards exactly.
 */
export function shardId(id: string, partition: number): string {
  return `${id}#${partition}`;
}

/** Every shard of these ids, and the ids themselves (documents from before shards). */
export function shardIds(ids: readonly string[], partitions: readonly number[]): string[] {
  return ids.flatMap((id) => [id, ...partitions.map((partition) => shardId(id, partition))]);
}

/** Readers find which partitions have shards in a small collection of these. */
export interface ShardPartitionDocument {
  readonly _id: number;
}

/** A counter's shard for one partition; a document without `counter` is from before shards. */
export type CounterShard = CounterDocument & { readonly counter?: string };

/** A manager's team as seen by one partition; a document without `manager` is from before shards. */
export interface TeamShard {
  readonly _id: string;
  readonly manager?: string;
  readonly members?: readonly string[];
}

/** One counter document per counter id: the sums of its shards' counts (`applied` dropped). */
export function mergeCounterShards(shards: readonly CounterShard[]): Map<string, CounterDocument> {
  const merged = new Map<string, Record<string, Record<string, number>>>();
  for (const shard of shards) {
    const id = shard.counter ?? shard._id;
    const into = merged.get(id) ?? {};
    merged.set(id, into);
    for (const metric of METRICS) {
      for (const [period, count] of Object.entries(shard[metric] ?? {})) {
        const counts = (into[metric] ??= {});
        counts[period] = (counts[period] ?? 0) + count;
      }
    }
  }
  return new Map([...merged].map(([id, metrics]) => [id, { _id: id, ...metrics }]));
}

/** Each manager's members across shards, sorted and without repeats. */
export function mergeTeamShards(shards: readonly TeamShard[]): Map<string, string[]> {
  const merged = new Map<string, Set<string>>();
  for (const shard of shards) {
    const manager = shard.manager ?? shard._id;
    const members = merged.get(manager) ?? new Set<string>();
    merged.set(manager, members);
    for (const member of shard.members ?? []) members.add(member);
  }
  return new Map([...merged].map(([manager, members]) => [manager, [...members].sort()]));
}
