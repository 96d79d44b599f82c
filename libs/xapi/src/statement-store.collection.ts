import { NamedIndex } from '@lr/persistence';
import { StatementIndexFields } from './statement-index';
import { statementTextOf } from './statement-recorded.message';

/**
 * The statement store's storage shape, shared by the projector (writer) and the LRS (reader).
 * It is never returned as is: the API maps it back to the statement.
 */
export const STATEMENT_COLLECTION = 'statements';

export interface StatementDocument extends StatementIndexFields {
  /** `${storeId}:${statementId}`: first write wins on this key. */
  readonly _id: string;
  readonly storeId: string;
  readonly statementId: string;
  /** ISO 8601 UTC with milliseconds, as the LRS assigns it: sorts as text. */
  readonly stored: string;
  readonly statement: Record<string, unknown>;
  /** Set when a voiding statement for this one has been stored. */
  readonly voided: boolean;
  /** Whether it may change canonical activity definitions (see StatementRecordedMessage). */
  readonly defines: boolean;
  readonly partition: number;
  readonly offset: string;
}

/**
 * A statement store document as the server keeps it: the statement as its JSON text. xAPI
 * extensions are keyed by IRIs, and FerretDB 1.x (like MongoDB before 5.0) refuses field names
 * with a dot or a leading `$`; as text, the server also stores one string instead of a tree of
 * fields. Documents written before this keep the object, which readers still take.
 */
export type StoredStatementDocument = Omit<StatementDocument, 'statement'> & {
  readonly statement: string | Record<string, unknown>;
};

export function toStoredStatementDocument(doc: StatementDocument): StoredStatementDocument {
  return { ...doc, statement: storedStatementText(doc.statement) };
}

/** How a statement is written into its document (see StoredStatementDocument). */
export function storedStatementText(statement: Record<string, unknown>): string {
  return statementTextOf(statement) ?? JSON.stringify(statement);
}

/** The statement of a stored document, whichever way it was written. */
export function statementOfStored(
  statement: string | Record<string, unknown>,
): Record<string, unknown> {
  return typeof statement === 'string'
    ? (JSON.parse(statement) as Record<string, unknown>)
    : statement;
}

export function statementDocumentId(storeId: string, statementId: string): string {
  return `${storeId}:${statementId}`;
}

/**
 * One index per filter, each ending in the sort order, so every query is an index range. Voiding
 * and StatementRef lookups go by `_id` (here and in `statement_refs`), so `refId` and `voidsId`
 * have no index: they were two more entries per statement that no query read.
 */
export const STATEMENT_INDEXES: readonly NamedIndex[] = [
  { key: { storeId: 1, stored: -1, _id: -1 }, name: 'by_stored' },
  { key: { storeId: 1, agents: 1, stored: -1 }, name: 'by_agent' },
  { key: { storeId: 1, relatedAgents: 1, stored: -1 }, name: 'by_related_agent' },
  { key: { storeId: 1, verbs: 1, stored: -1 }, name: 'by_verb' },
  { key: { storeId: 1, activities: 1, stored: -1 }, name: 'by_activity' },
  { key: { storeId: 1, relatedActivities: 1, stored: -1 }, name: 'by_related_activity' },
  { key: { storeId: 1, registrations: 1, stored: -1 }, name: 'by_registration' },
];

/**
 * The consumer group that writes the statement store (prefixed per environment by
 * Topics.group); the LRS watches its committed offsets.
 */
export const STATEMENT_STORE_GROUP = 'projector.statement-store';
