import { isJsonObject } from '@lr/xapi';

export const LEARNING_RETRACTION_V1 = 'learning-retraction/v1';

/**
 * Written by the learning projector onto the statement topic, keyed by the learner whose fact a
 * voiding statement retracts: the voiding statement is keyed by whoever voided, so without this
 * record the retraction would race the learner's own statements on another partition.
 */
export interface LearningRetractionMessage {
  readonly type: typeof LEARNING_RETRACTION_V1;
  readonly storeId: string;
  readonly learnerKey: string;
  readonly statementId: string;
  readonly voidedBy: string;
}

export function decodeRetraction(value: Buffer | null): LearningRetractionMessage | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    if (!isJsonObject(parsed) || parsed.type !== LEARNING_RETRACTION_V1) return undefined;
    const { storeId, learnerKey, statementId, voidedBy } = parsed;
    const strings = [storeId, learnerKey, statementId, voidedBy].every(
      (field) => typeof field === 'string',
    );
    return strings ? (parsed as unknown as LearningRetractionMessage) : undefined;
  } catch {
    return undefined;
  }
}
