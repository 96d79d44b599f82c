/**
 * Whether the statement store has stopped moving: a read-your-writes wait ran out while the store
 * group's committed offsets stayed where they were when it began (its projector is down or
 * restarting). Until they move again, writes answer as soon as Kafka has them instead of each
 * waiting out its timeout: in the fault suite, a projector restart held every write for the whole
 * timeout, and the LRS accepted nothing for ten seconds. Consistent-Through keeps telling the truth.
 */
export class StoreStall {
  private stalledAt: ReadonlyMap<number, bigint> | undefined;

  /** After a wait ran out: `before`, the committed offsets when it began; `now`, as they are. */
  waitRanOut(before: ReadonlyMap<number, bigint>, now: ReadonlyMap<number, bigint>): boolean {
    if (!sameOffsets(before, now)) return false;
    this.stalledAt = new Map(now);
    return true;
  }

  /** True while the offsets are those the stall was seen at; it ends once any of them moves. */
  stalled(now: ReadonlyMap<number, bigint>): boolean {
    if (!this.stalledAt) return false;
    if (sameOffsets(this.stalledAt, now)) return true;
    this.stalledAt = undefined;
    return false;
  }
}

function sameOffsets(a: ReadonlyMap<number, bigint>, b: ReadonlyMap<number, bigint>): boolean {
  if (a.size !== b.size) return false;
  for (const [partition, offset] of a) if (b.get(partition) !== offset) return false;
  return true;
}
