import { isJsonObject } from '@lr/xapi';
type Json = Record<string, unknown>;

/**
 * Serialisation the LRS may change without changing the statement (xAPI 1.0.3 §2.3.1
 * exceptions; 2.0 requires UTC): timestamps become UTC with milliseconds, and a single context
 * activity becomes a one-element array, in sub-statements too. Pure; everything else is kept
 * exactly as received.
 */
export function normaliseStatement(statement: Json): Json {
  const out: Json = { ...statement };
  if (typeof out.timestamp === 'string') out.timestamp = toUtcIso(out.timestamp) ?? out.timestamp;
  if (isJsonObject(out.context)) out.context = normaliseContext(out.context);
  if (isJsonObject(out.object) && out.object.objectType === 'SubStatement')
    out.object = normaliseStatement(out.object);
  return out;
}

function normaliseContext(context: Json): Json {
  if (!isJsonObject(context.contextActivities)) return context;
  const lists = Object.fromEntries(
    Object.entries(context.contextActivities).map(([kind, value]) => [
      kind,
      Array.isArray(value) ? value : [value],
    ]),
  );
  return { ...context, contextActivities: lists };
}

/**
 * ISO 8601 to UTC with milliseconds. Handles what Date.parse does not: the basic format
 * (20151118T121700Z), hour-only offsets (+01) and comma fractions. Precision past milliseconds
 * is truncated, never rounded.
 */
export function toUtcIso(timestamp: string): string | null {
  const match =
    /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      timestamp,
    );
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const ms = (fraction + '000').slice(0, 3);
  const offset =
    zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '') || '00'}`;
  const parsed = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}
