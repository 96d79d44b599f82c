import { BadRequestError, ConflictError, PreconditionFailedError } from '../common/domain-errors';
import { XapiVersion } from '@lr/xapi';
import { DocumentKind } from './document-address';

export interface Preconditions {
  readonly ifMatch: string | undefined;
  readonly ifNoneMatch: string | undefined;
}

/**
 * HTTP conditional requests on documents (xAPI 1.0.3 §3.1, 2.0 §4.1.4). Pure: given the stored
 * ETag (or null when absent), says whether the write may go ahead.
 * A PUT without either header over an existing document is a 409 for profiles in 1.0.3 and for
 * every document in 2.0: the client may be overwriting what it never saw.
 */
export function checkPreconditions(
  method: 'PUT' | 'POST' | 'DELETE',
  kind: DocumentKind,
  version: XapiVersion,
  current: string | null,
  { ifMatch, ifNoneMatch }: Preconditions,
): void {
  if (ifMatch !== undefined && !matches(ifMatch, current)) {
    throw new PreconditionFailedError('If-Match does not match the document’s current ETag');
  }
  if (
    ifNoneMatch !== undefined &&
    current !== null &&
    (ifNoneMatch.trim() === '*' || matches(ifNoneMatch, current))
  ) {
    throw new PreconditionFailedError('If-None-Match: the document already exists');
  }
  const unconditional = ifMatch === undefined && ifNoneMatch === undefined;
  // 1.0.3 profiles are only ever written conditionally (the 1.0.3 conformance suite expects 400).
  if (
    method === 'PUT' &&
    unconditional &&
    version === '1.0.3' &&
    kind !== 'state' &&
    current === null
  ) {
    throw new BadRequestError('PUT of a profile needs If-Match or If-None-Match (xAPI 1.0.3 §3.1)');
  }
  const guarded = version === '2.0.0' || kind !== 'state';
  if (
    method === 'PUT' &&
    guarded &&
    current !== null &&
    ifMatch === undefined &&
    ifNoneMatch === undefined
  ) {
    throw new ConflictError(
      'the document exists: send If-Match with its ETag (or If-None-Match: *) to overwrite it',
    );
  }
}

function matches(header: string, current: string | null): boolean {
  if (current === null) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === current || t.replace(/^W\//, '') === current;
  });
}
