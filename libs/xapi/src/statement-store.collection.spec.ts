import {
  statementOfStored,
  StatementDocument,
  toStoredStatementDocument,
} from './statement-store.collection';
import {
  decodeStatementRecorded,
  encodeStatementRecorded,
  STATEMENT_RECORDED_V1,
} from './statement-recorded.message';

const statement = {
  id: '6c2f7d6e-0d1a-4c55-9d6b-2f0b6a1d3e11',
  actor: { mbox: 'mailto:ann@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: 'https://example.org/course' },
  context: { extensions: { 'https://example.org/ext.v1': { $weird: 1 } } },
};

const doc = {
  _id: 's:6c2f7d6e-0d1a-4c55-9d6b-2f0b6a1d3e11',
  storeId: 's',
  statementId: statement.id,
  stored: '2026-11-24T00:00:00.000Z',
  statement,
  voided: false,
} as unknown as StatementDocument;

describe('statement store documents', () => {
  it('keep the statement as its JSON text, so no field name has a dot or a leading $', () => {
    const stored = toStoredStatementDocument(doc);
    expect(typeof stored.statement).toBe('string');
    expect(statementOfStored(stored.statement)).toEqual(statement);
    expect(stored.storeId).toBe('s');
  });

  it("write a decoded record's statement as the text it had in the record", () => {
    const record = encodeStatementRecorded({
      type: STATEMENT_RECORDED_V1,
      storeId: 's',
      statement: { ...statement, stored: doc.stored },
    });
    const decoded = decodeStatementRecorded(record).statement;
    const text = toStoredStatementDocument({ ...doc, statement: decoded }).statement as string;
    expect(record.toString('utf8')).toContain(text);
    expect(text).toBe(JSON.stringify(decoded));
  });

  it('still read a statement stored as an object', () => {
    expect(statementOfStored(statement)).toBe(statement);
  });
});
