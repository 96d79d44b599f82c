import { StatementBuilder } from '@lr/testing';
import { BadRequestError } from '../common/domain-errors';
import { Credential } from '../credentials/credential';
import { completeStatement } from './complete-statement';

describe('completeStatement', () => {
  const credential: Credential = {
    key: 'k1',
    name: 'content',
    storeId: 's',
    scopes: ['all'],
    revoked: false,
  };
  const now = new Date('2026-11-23T10:00:00.000Z');
  const newId = () => '00000000-0000-4000-8000-000000000001';

  it('fills id, stored, timestamp, authority and version', () => {
    const result = completeStatement(
      StatementBuilder.aStatement().build(),
      0,
      credential,
      now,
      newId,
    );
    expect(result).toMatchObject({
      id: newId(),
      stored: now.toISOString(),
      timestamp: now.toISOString(),
      version: '1.0.0',
      authority: {
        objectType: 'Agent',
        account: { homePage: 'urn:learning-records:credential', name: 'k1' },
      },
    });
  });

  it('keeps a given id (lower-cased) and timestamp', () => {
    const statement = StatementBuilder.aStatement()
      .with({ id: 'AAAAAAAA-0000-4000-8000-000000000002', timestamp: '2026-01-01T00:00:00Z' })
      .build();
    const result = completeStatement(statement, 0, credential, now, newId);
    expect(result.id).toBe('aaaaaaaa-0000-4000-8000-000000000002');
    expect(result.timestamp).toBe('2026-01-01T00:00:00Z');
  });

  it('ignores an authority the client tried to set', () => {
    const statement = StatementBuilder.aStatement()
      .with({ authority: { mbox: 'mailto:me@evil.example' } })
      .build();
    expect(completeStatement(statement, 0, credential, now, newId).authority).not.toHaveProperty(
      'mbox',
    );
  });

  it.each([
    ['a non-object', 'text', 'statements[3] must be a JSON object'],
    [
      'a missing verb',
      StatementBuilder.aStatement().without('verb').build(),
      'statements[3].verb is required',
    ],
    [
      'a bad id',
      StatementBuilder.aStatement().with({ id: 'nope' }).build(),
      'statements[3].id must be a UUID',
    ],
  ])('rejects %s naming the path', (_name, raw, message) => {
    expect(() => completeStatement(raw, 3, credential, now, newId)).toThrow(BadRequestError);
    expect(() => completeStatement(raw, 3, credential, now, newId)).toThrow(message);
  });
});
