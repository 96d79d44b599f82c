import {
  agentKey,
  isIri,
  isIso8601Timestamp,
  isUuid,
  parseAgentParam,
  XapiVersion,
} from '@lr/xapi';
import { BadRequestError } from './domain-errors';

/**
 * Query parameter readers shared by the statement and document resources; each answers a 400
 * naming the parameter. Pure.
 */
export function agentParam(name: string, raw: string, version: XapiVersion): string {
  const parsed = parseAgentParam(raw, version);
  if (!parsed.ok) throw new BadRequestError(`${name} parameter: ${parsed.failure.message}`);
  const key = agentKey(parsed.agent);
  if (!key)
    throw new BadRequestError(`${name} parameter must identify an Agent or identified Group`);
  return key;
}

export function iriParam(name: string, raw: string): string {
  if (!isIri(raw)) throw new BadRequestError(`${name} parameter must be an IRI`);
  return raw;
}

export function uuidParam(name: string, raw: string): string {
  if (!isUuid(raw)) throw new BadRequestError(`${name} parameter must be a UUID`);
  return raw.toLowerCase();
}

/** A timestamp as UTC ISO with milliseconds, comparable as text with `stored`/`updated`. */
export function timestampParam(name: string, raw: string): string {
  const ms = Date.parse(raw);
  if (!isIso8601Timestamp(raw) || Number.isNaN(ms)) {
    throw new BadRequestError(`${name} parameter must be an ISO 8601 timestamp`);
  }
  return new Date(ms).toISOString();
}
