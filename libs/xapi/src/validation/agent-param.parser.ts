import { agentFailure, groupFailure, isIdentifiedGroup } from './actor.validator';
import { JsonObject, isJsonObject } from './json-value.guard';
import { ValidationFailure, atKey, failure, mustBe } from './validation-failure';
import { XapiVersion } from './xapi-version';

export type AgentParamResult =
  | { readonly ok: true; readonly agent: JsonObject }
  | { readonly ok: false; readonly failure: ValidationFailure };

/**
 * The `agent` query parameter of GET /statements: JSON for an Agent or an identified Group,
 * either way with exactly one inverse functional identifier, since that is what is matched.
 * Agents and Groups have the same shape in 1.0.3 and 2.0; the version keeps call sites uniform.
 */
export function parseAgentParam(json: string, _version: XapiVersion): AgentParamResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return rejected(failure('must be JSON'));
  }
  const inner = agentParamFailure(parsed);
  if (inner !== null) return rejected(inner);
  return { ok: true, agent: parsed as JsonObject };
}

function agentParamFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an Agent or Group object', value));
  if (value.objectType !== 'Group') return agentFailure(value);
  const inner = groupFailure(value);
  if (inner !== null) return inner;
  return isIdentifiedGroup(value)
    ? null
    : failure('a Group must be identified by mbox, mbox_sha1sum, openid or account');
}

function rejected(inner: ValidationFailure): AgentParamResult {
  return { ok: false, failure: atKey('agent', inner) };
}
