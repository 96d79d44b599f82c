import { ErasedLearners, StatementDocument, statementErasure } from '@lr/xapi';

/**
 * A statement about to be stored, as an erasure since it was stored would have left it: gone if
 * it was an erased learner's, redacted if it names one. Only a replay of the statement topic
 * (or a record written before sealing) can bring such a statement here. Pure.
 */
export function withoutErased(
  doc: StatementDocument,
  erased: ErasedLearners,
): StatementDocument | undefined {
  const named = new Set(
    [...doc.agents, ...doc.relatedAgents].filter((key) =>
      erased.since(`${doc.storeId}|${key}`, doc.stored),
    ),
  );
  if (named.size === 0) return doc;
  const outcome = statementErasure(doc.statement, named);
  if (outcome.action === 'delete') return undefined;
  return {
    ...doc,
    statement: outcome.action === 'redact' ? outcome.statement : doc.statement,
    agents: doc.agents.filter((key) => !named.has(key)),
    relatedAgents: doc.relatedAgents.filter((key) => !named.has(key)),
  };
}
