import { LEARNING_RETRACTION_V1, LearningRetractionMessage } from '@lr/learning';
import { Topics } from '@lr/messaging';
import { LearnerKey, RECORD_TYPE_HEADER } from '@lr/xapi';
import { JournalOutput } from './learning-journal';
import { sealedOutput } from './sealed-output';

/** A retraction record for the statement topic, partitioned by the learner, sealed with their key. */
export function retractionOutput(
  topics: Topics,
  storeId: string,
  learnerKey: string,
  key: LearnerKey,
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
  return sealedOutput(topics.statements, learnerKey, key, JSON.stringify(message), {
    [RECORD_TYPE_HEADER]: LEARNING_RETRACTION_V1,
  });
}
