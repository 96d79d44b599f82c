import { EachBatchPayload } from 'kafkajs';

/**
 * One offset commit for the partitions whose batches finish together. kafkajs's
 * commitOffsetsIfNecessary sends every resolved offset not yet acknowledged, so batches finishing
 * side by side each sent a commit, the later ones repeating the earlier ones' offsets while those
 * were in flight. Here the batches that resolve in the same turn of the event loop share one
 * commit, and a commit waits for the one in flight, so it carries only what that one did not.
 */
export class SharedCommit {
  private inFlight: Promise<unknown> = Promise.resolve();
  private next: Promise<void> | undefined;

  commit(payload: Pick<EachBatchPayload, 'commitOffsetsIfNecessary'>): Promise<void> {
    this.next ??= this.afterTurn().then(() => {
      this.next = undefined;
      const sent = payload.commitOffsetsIfNecessary();
      this.inFlight = sent.catch(() => undefined);
      return sent;
    });
    return this.next;
  }

  private async afterTurn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.inFlight;
  }
}
