import { ForbiddenError } from '../common/domain-errors';
import { Credential, Scope } from './credential';

const WRITE_STATEMENTS: readonly Scope[] = ['all', 'statements/write'];
const READ_STATEMENTS: readonly Scope[] = [
  'all',
  'all/read',
  'statements/read',
  'statements/read/mine',
];
const READ_ALL_STATEMENTS: readonly Scope[] = ['all', 'all/read', 'statements/read'];

function has(credential: Credential, allowed: readonly Scope[]): boolean {
  return credential.scopes.some((scope) => allowed.includes(scope));
}

export function assertCanWriteStatements(credential: Credential): void {
  if (!has(credential, WRITE_STATEMENTS))
    throw new ForbiddenError('credential lacks scope statements/write');
}

/** Answers whether the credential may read only the statements it is the authority of. */
export function assertCanReadStatements(credential: Credential): { onlyOwn: boolean } {
  if (!has(credential, READ_STATEMENTS))
    throw new ForbiddenError('credential lacks scope statements/read');
  return { onlyOwn: !has(credential, READ_ALL_STATEMENTS) };
}
