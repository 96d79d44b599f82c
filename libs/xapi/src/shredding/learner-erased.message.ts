import { RECORD_TYPE_HEADER } from '../statement-recorded.message';
import { KEY_ID_HEADER } from './learner-envelope';

export const LEARNER_ERASED_V1 = 'learner-erased/v1';

/**
 * Written onto the statement topic when a learner is erased, on their partition, after whatever
 * was written for them before. A consumer that reaches it drops the key from memory, so nothing
 * after it can be read with a key kept in a cache. It names only the (destroyed) key id.
 */
export interface LearnerErasedMessage {
  readonly type: typeof LEARNER_ERASED_V1;
  readonly keyId: string;
  readonly erasureId: string;
}

export function learnerErasedHeaders(keyId: string): Record<string, string> {
  return { [RECORD_TYPE_HEADER]: LEARNER_ERASED_V1, [KEY_ID_HEADER]: keyId };
}

export function encodeLearnerErased(message: LearnerErasedMessage): string {
  return JSON.stringify(message);
}
