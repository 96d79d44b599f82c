import { XapiVersion } from '@lr/xapi';
import { Credential } from '../credentials/credential';
import { normaliseStatement } from './normalise-statement';

export type CompletedStatement = Record<string, unknown> & { id: string; stored: string };

/**
 * Fills what the LRS owns: id (when absent), stored, timestamp (when absent), authority (always
 * the credential's: clients cannot claim another's authority) and version. Pure: the clock
 * reading and the id source are passed in. Expects a statement the validator accepted.
 */
export function completeStatement(
  statement: Record<string, unknown>,
  credential: Credential,
  version: XapiVersion,
  now: Date,
  newId: () => string,
): CompletedStatement {
  const stored = now.toISOString();
  return {
    ...normaliseStatement(statement),
    id: typeof statement.id === 'string' ? statement.id.toLowerCase() : newId(),
    timestamp: statement.timestamp ?? stored,
    stored,
    authority: authorityOf(credential),
    version:
      typeof statement.version === 'string'
        ? statement.version
        : version === '2.0.0'
          ? '2.0.0'
          : '1.0.0',
  };
}

export function authorityOf(credential: Credential): Record<string, unknown> {
  return {
    objectType: 'Agent',
    name: credential.name,
    account: { homePage: 'urn:learning-records:credential', name: credential.key },
  };
}
