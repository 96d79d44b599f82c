import { BadRequestError } from '../common/domain-errors';
import { Credential } from '../credentials/credential';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export type CompletedStatement = Record<string, unknown> & { id: string; stored: string };

/**
 * Fills what the LRS owns (id, stored, timestamp, authority, version). Pure: the clock reading
 * and the id source are passed in. Only the statement's outline is checked here; the full xAPI
 * rules belong to the statement validator.
 */
export function completeStatement(
  raw: unknown,
  index: number,
  credential: Credential,
  now: Date,
  newId: () => string,
): CompletedStatement {
  const path = `statements[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BadRequestError(`${path} must be a JSON object`);
  }
  const statement = raw as Record<string, unknown>;
  for (const field of ['actor', 'verb', 'object'] as const) {
    if (typeof statement[field] !== 'object' || statement[field] === null) {
      throw new BadRequestError(`${path}.${field} is required and must be an object`);
    }
  }
  if (
    statement.id !== undefined &&
    (typeof statement.id !== 'string' || !UUID.test(statement.id))
  ) {
    throw new BadRequestError(`${path}.id must be a UUID`);
  }
  const stored = now.toISOString();
  return {
    ...statement,
    id: typeof statement.id === 'string' ? statement.id.toLowerCase() : newId(),
    timestamp: statement.timestamp ?? stored,
    stored,
    authority: authorityOf(credential),
    version: typeof statement.version === 'string' ? statement.version : '1.0.0',
  };
}

export function authorityOf(credential: Credential): Record<string, unknown> {
  return {
    objectType: 'Agent',
    name: credential.name,
    account: { homePage: 'urn:learning-records:credential', name: credential.key },
  };
}
