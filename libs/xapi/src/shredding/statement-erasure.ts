import { agentKey } from '../statement-index';
import { isJsonObject } from '../validation/json-value.guard';

type Json = Record<string, unknown>;

/** What an erased learner's identifiers are replaced with where a statement is someone else's. */
export const ERASED_AGENT: Readonly<Json> = Object.freeze({
  objectType: 'Agent',
  account: Object.freeze({ homePage: 'https://erased.invalid/', name: 'erased' }),
});

export type StatementErasure =
  | { readonly action: 'delete' }
  | { readonly action: 'redact'; readonly statement: Json }
  | { readonly action: 'keep' };

/**
 * Decides what erasing a learner (their agent keys) does to one stored statement. Pure.
 * Their own statements (they are the actor, or the Agent it is about) go. In anyone else's they
 * are replaced by ERASED_AGENT wherever they appear (instructor, team or group member, context
 * agent, sub-statement…), so the other learner's record survives without them. A statement
 * that only targets one of theirs (and so was indexed under them) is kept as it is.
 */
export function statementErasure(
  statement: Json,
  agentKeys: ReadonlySet<string>,
): StatementErasure {
  const isTheirs = (value: unknown) => {
    const key = agentKey(value);
    return key !== null && agentKeys.has(key);
  };
  const object = isJsonObject(statement.object) ? statement.object : undefined;
  const aboutAgent = object?.objectType === 'Agent';
  if (isTheirs(statement.actor) || (aboutAgent && isTheirs(object))) return { action: 'delete' };
  let changed = false;
  const redact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(redact);
    if (!isJsonObject(value)) return value;
    if (isTheirs(value)) {
      changed = true;
      return value.objectType === 'Group' ? { ...ERASED_AGENT, objectType: 'Group' } : ERASED_AGENT;
    }
    return Object.fromEntries(
      Object.entries(value).map(([field, inner]) => [field, redact(inner)]),
    );
  };
  const redacted = redact(statement) as Json;
  return changed ? { action: 'redact', statement: redacted } : { action: 'keep' };
}
