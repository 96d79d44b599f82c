import { PoisonMessageError } from '@lr/messaging';
import { isJsonObject, JsonObject } from './validation/json-value.guard';

export const STATEMENT_RECORDED_V1 = 'statement-recorded/v1';

/** The record on the statement topic: one accepted statement, already completed by the LRS. */
export interface StatementRecordedMessage {
  readonly type: typeof STATEMENT_RECORDED_V1;
  readonly storeId: string;
  readonly statement: JsonObject & { readonly id: string; readonly stored: string };
  /**
   * Whether the writer's credential may (re)define activities (scope `define` or `all`): if not,
   * the statement is stored but does not change canonical definitions. Absent in records written
   * before the flag existed, which were all allowed.
   */
  readonly defines?: boolean;
}

/**
 * The same JSON as JSON.stringify(message), with the statement last: a reader can then take the
 * statement's text from the record as it is (statementTextOf) instead of serialising it again.
 */
export function encodeStatementRecorded(message: StatementRecordedMessage): Buffer {
  return Buffer.from(
    `${prefixOf(message.storeId, message.defines)}${JSON.stringify(message.statement)}}`,
  );
}

function prefixOf(storeId: string, defines: unknown): string {
  const flag = typeof defines === 'boolean' ? `"defines":${defines},` : '';
  return `{"type":"${STATEMENT_RECORDED_V1}","storeId":${JSON.stringify(storeId)},${flag}"statement":`;
}

/** Each decoded statement's text in its record; weak, so it goes when the statement does. */
const recordedText = new WeakMap<object, string>();

/**
 * The JSON text a decoded statement had in its record, if the record was laid out as
 * encodeStatementRecorded does (older records put the statement elsewhere). Only for the object
 * decodeStatementRecorded returned: a changed copy (a redaction) has none.
 */
export function statementTextOf(statement: object): string | undefined {
  return recordedText.get(statement);
}

/** Decodes a record; anything malformed is poison, since no retry can make it readable. */
export function decodeStatementRecorded(value: Buffer | null): StatementRecordedMessage {
  if (!value) throw new PoisonMessageError('empty statement record');
  const text = value.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PoisonMessageError('statement record is not JSON');
  }
  if (!isJsonObject(parsed) || parsed.type !== STATEMENT_RECORDED_V1) {
    throw new PoisonMessageError(
      `unknown statement record type ${JSON.stringify(isJsonObject(parsed) ? parsed.type : parsed)}`,
    );
  }
  const { storeId, statement } = parsed;
  if (
    typeof storeId !== 'string' ||
    !isJsonObject(statement) ||
    typeof statement.id !== 'string' ||
    typeof statement.stored !== 'string'
  ) {
    throw new PoisonMessageError(
      'statement record lacks storeId, statement.id or statement.stored',
    );
  }
  const prefix = prefixOf(storeId, parsed.defines);
  // The object closes right after the statement, so the text between is the statement's.
  if (text.startsWith(prefix) && text.endsWith('}}')) {
    recordedText.set(statement, text.slice(prefix.length, -1));
  }
  return parsed as unknown as StatementRecordedMessage;
}

/**
 * Header naming a record's type when it is not a statement. Other records share the statement
 * topic (keyed by learner) so that they stay in order with that learner's statements.
 */
export const RECORD_TYPE_HEADER = 'lr-type';

export function isStatementRecord(headers: Readonly<Record<string, unknown>>): boolean {
  const type = recordTypeOf(headers);
  return type === undefined || type === STATEMENT_RECORDED_V1;
}

/** Kafka headers arrive as Buffers (or strings, when just produced in-process). */
export function recordTypeOf(headers: Readonly<Record<string, unknown>>): string | undefined {
  const type = headers[RECORD_TYPE_HEADER];
  if (Buffer.isBuffer(type)) return type.toString('utf8');
  return typeof type === 'string' ? type : undefined;
}
