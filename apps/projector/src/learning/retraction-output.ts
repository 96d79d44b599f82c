import { LEARNING_RETRACTION_V1, LearningRetractionMessage } from '@lr/learning';
import { Topics } from '@lr/messaging';
import { RECORD_TYPE_HEADER } from '@lr/xapi';
import { JournalOutput } from './learning-journal';

/** A retraction record for the statement topic, keyed (so partitioned) by the learner. */
export function retractionOutput(
  topics: Topics,
  storeId: string,
  learnerKey: string,
  statementId: string,
  voidedBy: string,
): JournalOutput {
  const message: LearningRetractionMessage = {
    type: LEARNING_RETRACTION_V1,
    storeId,
    learnerKey,
    statementId,
    voidedBy,
  };
  return {
    topic: topics.statements,
    key: learnerKey,
    value: JSON.stringify(message),
    headers: { [RECORD_TYPE_HEADER]: LEARNING_RETRACTION_V1 },
  };
}
