import { isHexRun } from './char-code.util';
import { isIri, isMailtoIri } from './iri.format';
import { JsonObject, firstUnknownKey, isJsonObject } from './json-value.guard';
import {
  ValidationFailure,
  atIndex,
  atKey,
  failure,
  keyFailure,
  mustBe,
} from './validation-failure';

const AGENT_KEYS = new Set(['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
const GROUP_KEYS = new Set([...AGENT_KEYS, 'member']);
const ACCOUNT_KEYS = new Set(['homePage', 'name']);

/** An Agent or a Group, told apart by objectType ("Agent" is the default). */
export function actorFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an Agent or Group object', value));
  const type = value.objectType;
  if (type === undefined || type === 'Agent') return agentBodyFailure(value);
  if (type === 'Group') return groupBodyFailure(value);
  return keyFailure('objectType', 'must be "Agent" or "Group"');
}

/** An Agent only, as group members and 2.0 context agents must be. */
export function agentFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an Agent object', value));
  const type = value.objectType;
  if (type === undefined || type === 'Agent') return agentBodyFailure(value);
  if (type === 'Group') return keyFailure('objectType', 'must be an Agent, not a Group');
  return keyFailure('objectType', 'must be "Agent"');
}

/** A Group only, with its objectType required (a team, a 2.0 context group). */
export function groupFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a Group object', value));
  if (value.objectType !== 'Group') return keyFailure('objectType', 'must be "Group"');
  return groupBodyFailure(value);
}

/** Whether a Group object carries an inverse functional identifier (an identified Group). */
export function isIdentifiedGroup(group: JsonObject): boolean {
  return ifiCount(group) > 0;
}

function agentBodyFailure(agent: JsonObject): ValidationFailure | null {
  const unknown = firstUnknownKey(agent, AGENT_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not an Agent property');
  const common = nameAndIfiFailure(agent);
  if (common !== null) return common;
  const count = ifiCount(agent);
  if (count === 0) {
    return failure('an Agent needs one of mbox, mbox_sha1sum, openid or account');
  }
  return count > 1 ? failure('an Agent must have exactly one inverse functional identifier') : null;
}

function groupBodyFailure(group: JsonObject): ValidationFailure | null {
  const unknown = firstUnknownKey(group, GROUP_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not a Group property');
  const common = nameAndIfiFailure(group);
  if (common !== null) return common;
  const count = ifiCount(group);
  if (count > 1) return failure('a Group must have at most one inverse functional identifier');
  const member = group.member;
  if (member === undefined) {
    return count === 0 ? keyFailure('member', 'is required for an anonymous Group') : null;
  }
  if (!Array.isArray(member)) return keyFailure('member', mustBe('an array of Agents', member));
  if (count === 0 && member.length === 0) {
    return keyFailure('member', 'must list at least one Agent in an anonymous Group');
  }
  for (let i = 0; i < member.length; i++) {
    const inner = agentFailure(member[i]);
    if (inner !== null) return atKey('member', atIndex(i, inner));
  }
  return null;
}

function nameAndIfiFailure(actor: JsonObject): ValidationFailure | null {
  if (actor.name !== undefined && typeof actor.name !== 'string') {
    return keyFailure('name', mustBe('a string', actor.name));
  }
  if (actor.mbox !== undefined && !isMailtoIri(actor.mbox)) {
    return keyFailure('mbox', mustBe('a "mailto:" IRI with an email address', actor.mbox));
  }
  if (actor.mbox_sha1sum !== undefined && !isSha1Hex(actor.mbox_sha1sum)) {
    return keyFailure('mbox_sha1sum', mustBe('a hex-encoded SHA-1 hash', actor.mbox_sha1sum));
  }
  if (actor.openid !== undefined && !isIri(actor.openid)) {
    return keyFailure('openid', mustBe('a URI', actor.openid));
  }
  if (actor.account !== undefined) {
    const inner = accountFailure(actor.account);
    if (inner !== null) return atKey('account', inner);
  }
  return null;
}

function accountFailure(account: unknown): ValidationFailure | null {
  if (!isJsonObject(account)) return failure(mustBe('an account object', account));
  const unknown = firstUnknownKey(account, ACCOUNT_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not an account property');
  if (!isIri(account.homePage)) {
    return keyFailure('homePage', mustBe('an IRL', account.homePage));
  }
  if (typeof account.name !== 'string') {
    return keyFailure('name', mustBe('a string', account.name));
  }
  return null;
}

function ifiCount(actor: JsonObject): number {
  return (
    (actor.mbox === undefined ? 0 : 1) +
    (actor.mbox_sha1sum === undefined ? 0 : 1) +
    (actor.openid === undefined ? 0 : 1) +
    (actor.account === undefined ? 0 : 1)
  );
}

function isSha1Hex(value: unknown): boolean {
  return typeof value === 'string' && value.length === 40 && isHexRun(value, 0, 40);
}
