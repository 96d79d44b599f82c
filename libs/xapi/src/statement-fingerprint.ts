import { createHash } from 'node:crypto';

/**
 * What decides whether two statements with one id are "the same" (xAPI 1.0.3 §2.3.1, 2.0
 * §2.3.1 Statement Comparison): properties the LRS may assign (id, authority, stored,
 * version), activity definitions, verb displays, attachments, member order and case-insensitive
 * text are ignored; everything else, result.duration included, must match exactly.
 * The timestamp is kept apart: an LRS-assigned one must not cause a conflict.
 */
export interface StatementFingerprint {
  readonly hash: string;
  /** The client's timestamp as an instant, or null when the client sent none. */
  readonly timestampMs: number | null;
}

const LRS_ASSIGNED = new Set(['id', 'authority', 'stored', 'version', 'timestamp', 'attachments']);

export function fingerprintOf(statement: Record<string, unknown>): StatementFingerprint {
  const significant: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(statement)) {
    if (!LRS_ASSIGNED.has(key)) significant[key] = value;
  }
  const hash = createHash('sha256')
    .update(canonical(normalise(significant, '')))
    .digest('base64url');
  const timestamp = typeof statement.timestamp === 'string' ? Date.parse(statement.timestamp) : NaN;
  return { hash, timestampMs: Number.isNaN(timestamp) ? null : timestamp };
}

export function sameStatement(a: StatementFingerprint, b: StatementFingerprint): boolean {
  if (a.hash !== b.hash) return false;
  return a.timestampMs === null || b.timestampMs === null || a.timestampMs === b.timestampMs;
}

function normalise(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalise(item, key));
    // Group members are an unordered list.
    return key === 'member'
      ? items.sort((x, y) => canonical(x).localeCompare(canonical(y)))
      : items;
  }
  if (typeof value !== 'object' || value === null) return normaliseScalar(value, key);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'definition' || (key === 'verb' && k === 'display')) continue;
    out[k] = normalise(v, k);
  }
  return out;
}

function normaliseScalar(value: unknown, key: string): unknown {
  if (typeof value !== 'string') return value;
  if (key === 'mbox') return lowerDomain(value);
  if (key === 'registration' || key === 'mbox_sha1sum') return value.toLowerCase();
  return value;
}

function lowerDomain(mbox: string): string {
  const at = mbox.lastIndexOf('@');
  return at < 0 ? mbox : mbox.slice(0, at) + mbox.slice(at).toLowerCase();
}

/** JSON with keys sorted, so that property order never matters. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
