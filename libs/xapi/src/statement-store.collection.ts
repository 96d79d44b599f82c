import { IndexDescription } from 'mongodb';

/**
 * The statement store's storage shape, shared by the projector (writer) and the LRS (reader).
 * It is never returned as is: the API maps it back to the statement.
 */
export const STATEMENT_COLLECTION = 'statements';

export interface StatementDocument {
  /** `${storeId}:${statementId}`: first write wins on this key. */
  readonly _id: string;
  readonly storeId: string;
  readonly statementId: string;
  readonly stored: string;
  readonly statement: Record<string, unknown>;
  readonly partition: number;
  readonly offset: string;
}

export function statementDocumentId(storeId: string, statementId: string): string {
  return `${storeId}:${statementId}`;
}

export const STATEMENT_INDEXES: IndexDescription[] = [
  { key: { storeId: 1, stored: -1 }, name: 'store_stored' },
];
