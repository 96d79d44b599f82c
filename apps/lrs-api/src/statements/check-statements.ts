import {
  AttachmentPart,
  isUuid,
  matchAttachments,
  validateStatement,
  verifySignedStatements,
  VOIDED_VERB,
  XapiVersion,
} from '@lr/xapi';
import { BadRequestError } from '../common/domain-errors';
import { jsonDepthExceeds, tooDeepMessage } from '../common/json-depth';

/**
 * The checks a batch must pass before anything is claimed or produced; pure. Every message
 * names the offending path, e.g. `statements[2].context.registration`.
 */
export function checkStatements(
  statements: readonly unknown[],
  version: XapiVersion,
  putId: string | undefined,
): Record<string, unknown>[] {
  if (statements.length === 0) throw new BadRequestError('no statements given');
  if (putId !== undefined) checkPut(statements, putId);
  const prefix = (i: number) => (putId !== undefined ? 'statement' : `statements[${i}]`);
  statements.forEach((statement, i) => {
    const failure = validateStatement(statement, version);
    if (failure)
      throw new BadRequestError(`${prefix(i)}${trimRoot(failure.path)}: ${failure.message}`);
  });
  const checked = statements as Record<string, unknown>[];
  checkUniqueIds(checked);
  checkNoVoidingOfVoiding(checked);
  return putId !== undefined ? [{ ...checked[0], id: putId.toLowerCase() }] : checked;
}

/**
 * Bodies parsed as JSON were depth-checked by the body parser; statements from a multipart part
 * or an alternate-syntax form were not, and validation recurses, so nesting is bounded first.
 */
export function checkNesting(statements: readonly unknown[], maxDepth: number): void {
  const index = statements.findIndex((statement) => jsonDepthExceeds(statement, maxDepth));
  if (index >= 0) throw new BadRequestError(`statements[${index}]: ${tooDeepMessage(maxDepth)}`);
}

function checkPut(statements: readonly unknown[], putId: string): void {
  if (!isUuid(putId)) throw new BadRequestError('statementId parameter must be a UUID');
  if (statements.length !== 1) throw new BadRequestError('PUT takes exactly one statement');
  const id = (statements[0] as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id.toLowerCase() !== putId.toLowerCase()) {
    throw new BadRequestError(`statement.id ${id} differs from the statementId parameter ${putId}`);
  }
}

function checkUniqueIds(statements: readonly Record<string, unknown>[]): void {
  const seen = new Set<string>();
  statements.forEach((s, i) => {
    if (typeof s.id !== 'string') return;
    const id = s.id.toLowerCase();
    if (seen.has(id))
      throw new BadRequestError(`statements[${i}].id ${id} repeats an id earlier in the batch`);
    seen.add(id);
  });
}

/** Within the batch itself: a statement that voids another voiding statement of the batch. */
function checkNoVoidingOfVoiding(statements: readonly Record<string, unknown>[]): void {
  const voiding = new Set(
    statements.filter(isVoiding).map((s) => (typeof s.id === 'string' ? s.id : '').toLowerCase()),
  );
  statements.forEach((s, i) => {
    if (isVoiding(s) && voiding.has(voidedIdOf(s))) {
      throw new BadRequestError(`statements[${i}].object: a voiding statement cannot be voided`);
    }
  });
}

export function isVoiding(statement: Record<string, unknown>): boolean {
  return (statement.verb as { id?: unknown } | undefined)?.id === VOIDED_VERB;
}

export function voidedIdOf(statement: Record<string, unknown>): string {
  const id = (statement.object as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id.toLowerCase() : '';
}

function trimRoot(path: string): string {
  return path.replace(/^statement/, '');
}

/** Every attachment without a fileUrl has its data, no data is unclaimed, signatures hold. */
export function checkAttachments(
  statements: readonly Record<string, unknown>[],
  parts: readonly AttachmentPart[],
  version: XapiVersion,
): void {
  const matched = matchAttachments(statements, parts);
  if (!matched.ok) throw new BadRequestError(matched.message);
  const signed = verifySignedStatements(statements, parts, version);
  if (!signed.ok) throw new BadRequestError(signed.message);
}
