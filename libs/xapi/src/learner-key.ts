import { agentKey } from './statement-index';

/**
 * The partition key of a statement: its store and the learner's identity (the same agentKey the
 * statement store matches agents by), so that one learner's statements stay in order on one
 * partition for every projection downstream.
 */
export function learnerKey(storeId: string, actor: unknown): string {
  return `${storeId}|${agentKey(actor) ?? 'anonymous'}`;
}
