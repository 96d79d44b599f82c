import { StatementBuilder } from '@lr/testing';
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
      credential,
      '1.0.3',
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

  it('records version 2.0.0 for a 2.0 client that names none, and keeps one that is named', () => {
    expect(
      completeStatement(StatementBuilder.aStatement().build(), credential, '2.0.0', now, newId)
        .version,
    ).toBe('2.0.0');
    const named = StatementBuilder.aStatement().with({ version: '1.0.3' }).build();
    expect(completeStatement(named, credential, '2.0.0', now, newId).version).toBe('1.0.3');
  });

  it('keeps a given id (lower-cased) and timestamp', () => {
    const statement = StatementBuilder.aStatement()
      .with({ id: 'AAAAAAAA-0000-4000-8000-000000000002', timestamp: '2026-01-01T00:00:00Z' })
      .build();
    const result = completeStatement(statement, credential, '1.0.3', now, newId);
    expect(result.id).toBe('aaaaaaaa-0000-4000-8000-000000000002');
    expect(result.timestamp).toBe('2026-01-01T00:00:00Z');
  });

  it('replaces an authority the client tried to set', () => {
    const statement = StatementBuilder.aStatement()
      .with({ authority: { mbox: 'mailto:me@evil.example' } })
      .build();
    expect(
      completeStatement(statement, credential, '1.0.3', now, newId).authority,
    ).not.toHaveProperty('mbox');
  });
});
