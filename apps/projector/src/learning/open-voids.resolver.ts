import { Logger } from '@nestjs/common';
import { BatchingProducer, Topics } from '@lr/messaging';
import { LearnerKeyring } from '@lr/xapi';
import { LearningStoreVersion } from './learning-store';
import { retractionOutput } from './retraction-output';

const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/**
 * Turns each recorded voiding into a retraction on its target learner's partition, as soon as the
 * statement store holds the target (the learner is its actor). Runs on a timer, not with batches,
 * so a voiding processed before its target was stored is still resolved when the topic is quiet.
 * A retraction sent twice (after a crash between sending and closing) changes nothing.
 */
export class OpenVoidsResolver {
  private readonly logger = new Logger(OpenVoidsResolver.name);
  private running = false;

  constructor(
    private readonly store: LearningStoreVersion,
    private readonly producer: BatchingProducer,
    private readonly topics: Topics,
    private readonly clock: () => Date,
    private readonly keyring: Pick<LearnerKeyring, 'keysOf'>,
  ) {}

  async resolveOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const giveUpBefore = new Date(this.clock().getTime() - GIVE_UP_AFTER_MS).toISOString();
      const due: { storeId: string; holder: string; target: string; voidedBy: string }[] = [];
      const closed: string[] = [];
      for (const open of await this.store.openVoids()) {
        const holder = await this.store.learnerOfStatement(open.storeId, open.target);
        if (holder) {
          due.push({ storeId: open.storeId, holder, target: open.target, voidedBy: open.voidedBy });
          closed.push(open._id);
        } else if (open.recordedAt < giveUpBefore) {
          // A target still unknown a day later was never sent: nothing of it was counted.
          closed.push(open._id);
        }
      }
      const keys = await this.keyring.keysOf(due.map((d) => d.holder));
      const outputs = due.map((d) =>
        retractionOutput(
          this.topics,
          d.storeId,
          d.holder,
          keys.get(d.holder)!,
          d.target,
          d.voidedBy,
        ),
      );
      if (outputs.length > 0)
        await this.producer.sendAll(
          outputs.map((output) => ({
            ...output,
            value: Buffer.from(output.value, 'base64'),
            headers: { ...output.headers },
          })),
        );
      await this.store.closeVoids(closed);
      return outputs.length;
    } catch (error) {
      this.logger.warn(`resolving voidings failed, retrying: ${String(error)}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
