import { ConsumedMessage } from './consumed-message';
import { PoisonMessageError } from './errors';

type Handler = (messages: readonly ConsumedMessage[]) => Promise<void>;

interface Waiting {
  readonly messages: readonly ConsumedMessage[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs the batches that a fetch hands to several partitions at once as one handler call. kafkajs
 * calls eachBatch per partition, and at a low write rate a fetch holds a few records on each of
 * them: six database round trips and six commits carrying about four records each, where one
 * would do. Batches that arrive in the same turn of the event loop go together; a lone batch
 * runs as it is. Each partition's records keep their order, and the handler must not depend on
 * the batch coming from one partition.
 *
 * A retriable failure fails every batch in the call (each retries on its own). A poison message
 * would otherwise fail its neighbours' batches too, so then each batch runs again alone and gets
 * its own outcome. A merged call goes to `handleMerged` (by default the same handler), so that
 * it can be its own unit of work, carrying every batch's correlation ids.
 */
export class MergedBatches {
  private waiting: Waiting[] = [];

  constructor(
    private readonly handle: Handler,
    private readonly handleMerged: Handler = handle,
  ) {}

  run(messages: readonly ConsumedMessage[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.flush());
      this.waiting.push({ messages, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batches = this.waiting;
    this.waiting = [];
    if (batches.length === 1) return settle(batches[0]!, this.handle);
    try {
      await this.handleMerged(batches.flatMap((batch) => batch.messages));
      for (const batch of batches) batch.resolve();
    } catch (error) {
      if (!(error instanceof PoisonMessageError)) {
        for (const batch of batches) batch.reject(error);
        return;
      }
      await Promise.all(batches.map((batch) => settle(batch, this.handle)));
    }
  }
}

function settle(batch: Waiting, handle: Handler): Promise<void> {
  return handle(batch.messages).then(batch.resolve, batch.reject);
}
