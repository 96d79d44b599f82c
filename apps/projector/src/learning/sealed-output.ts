import { LearnerKey, sealWith } from '@lr/xapi';
import { JournalOutput } from './learning-journal';

/**
 * A record about one learner, sealed with their key (docs/erasure.md): keyed by the key's random
 * id, partitioned by the learner so it stays in order with their statements.
 */
export function sealedOutput(
  topic: string,
  learnerKey: string,
  key: LearnerKey,
  plaintext: string,
  headers: Readonly<Record<string, string>>,
): JournalOutput {
  const sealed = sealWith(key.key, key.keyId, plaintext);
  return {
    topic,
    key: key.keyId,
    partitionKey: learnerKey,
    value: sealed.value.toString('base64'),
    binary: true,
    headers: { ...headers, ...sealed.headers },
  };
}
