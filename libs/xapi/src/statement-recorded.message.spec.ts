import { PoisonMessageError } from '@lr/messaging';
import {
  decodeStatementRecorded,
  encodeStatementRecorded,
  STATEMENT_RECORDED_V1,
  statementTextOf,
} from './statement-recorded.message';

describe('statement-recorded message', () => {
  const message = {
    type: STATEMENT_RECORDED_V1,
    storeId: 's',
    statement: { id: '6fbd600f-d17c-4c74-801a-2ec2e53231c7', stored: '2026-01-01T00:00:00.000Z' },
  } as const;

  it('round-trips', () => {
    expect(decodeStatementRecorded(encodeStatementRecorded(message))).toEqual(message);
  });

  it('is the JSON of the message, whatever its key order', () => {
    const flagged = { ...message, defines: false };
    expect(JSON.parse(encodeStatementRecorded(flagged).toString('utf8'))).toEqual(flagged);
  });

  const awkward = {
    ...message.statement,
    '2': 'integer-like keys come first in V8',
    actor: { name: 'Zoë "Q" \\ \u0007 \ud83d\ude00 \ud800', mbox: 'mailto:z@example.org' },
    result: { score: { scaled: -0, raw: 1e21, min: 0.1 } },
    context: { extensions: { 'https://example.org/x': [null, true, {}, []] } },
  };

  it.each([
    ['without the define flag', { ...message, statement: awkward }],
    ['with it', { ...message, statement: awkward, defines: true }],
  ])(
    "keeps the statement's text from the record, %s, equal to serialising it again",
    (_name, written) => {
      const { statement } = decodeStatementRecorded(encodeStatementRecorded(written));
      expect(statementTextOf(statement)).toBe(JSON.stringify(statement));
      expect(JSON.parse(statementTextOf(statement)!)).toEqual(JSON.parse(JSON.stringify(awkward)));
    },
  );

  it('has no text for records laid out otherwise, nor for a copy of the statement', () => {
    const older = { type: STATEMENT_RECORDED_V1, storeId: 's', statement: awkward, defines: true };
    const { statement } = decodeStatementRecorded(Buffer.from(JSON.stringify(older)));
    expect(statement).toEqual(JSON.parse(JSON.stringify(awkward)));
    expect(statementTextOf(statement)).toBeUndefined();
    const decoded = decodeStatementRecorded(encodeStatementRecorded(message)).statement;
    expect(statementTextOf({ ...decoded })).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['not JSON', Buffer.from('{oops')],
    ['unknown type', Buffer.from(JSON.stringify({ ...message, type: 'other/v9' }))],
    ['no store', Buffer.from(JSON.stringify({ ...message, storeId: undefined }))],
    ['no statement id', Buffer.from(JSON.stringify({ ...message, statement: { stored: 'x' } }))],
  ])('treats %s as poison', (_name, value) => {
    expect(() => decodeStatementRecorded(value)).toThrow(PoisonMessageError);
  });
});
