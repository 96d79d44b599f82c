import { Db } from 'mongodb';
import { STATEMENT_COLLECTION } from '@lr/xapi';
import { StatementLedger } from '../statement-ledger';

export interface StatementStoreFindings {
  readonly accepted: number;
  /** Accepted (200/204) but not in the store. */
  readonly lost: number;
  /** In the store more than once. */
  readonly duplicated: number;
  /** Refused (an error was the final answer) yet in the store. */
  readonly refusedButStored: number;
  readonly refused: number;
  /** No answer ever came: either outcome is allowed. */
  readonly unanswered: number;
  readonly examples: string[];
}

/** Every accepted statement is in the statement store exactly once; none refused is there. */
export async function checkStatementStore(
  db: Db,
  ledger: StatementLedger,
): Promise<StatementStoreFindings> {
  const stored = new Map<string, number>();
  const cursor = db
    .collection<{ statementId: string }>(STATEMENT_COLLECTION)
    .find({}, { projection: { statementId: 1 } });
  for await (const doc of cursor)
    stored.set(doc.statementId, (stored.get(doc.statementId) ?? 0) + 1);
  const accepted = ledger.idsWith('accepted');
  const refused = ledger.idsWith('refused');
  const lost = accepted.filter((id) => !stored.has(id));
  const refusedButStored = refused.filter((id) => stored.has(id));
  const duplicated = [...stored].filter(([, n]) => n > 1).map(([id]) => id);
  return {
    accepted: accepted.length,
    lost: lost.length,
    duplicated: duplicated.length,
    refusedButStored: refusedButStored.length,
    refused: refused.length,
    unanswered: ledger.count('unanswered'),
    examples: [
      ...lost.slice(0, 3).map((id) => `lost ${id} (${ledger.historyOf(id).join(', ')})`),
      ...duplicated.slice(0, 3).map((id) => `duplicated ${id}`),
      ...refusedButStored.slice(0, 3).map((id) => `refused but stored ${id}`),
    ],
  };
}
