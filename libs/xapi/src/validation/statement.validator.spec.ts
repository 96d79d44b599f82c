import { validateStatement } from './statement.validator';
import { XapiVersion } from './xapi-version';

const ACTOR = { objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.gov.uk' };
const VERB = { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-GB': 'attended' } };
const OBJECT = { objectType: 'Activity', id: 'https://odp.example.gov.uk/activities/unit-1' };
const ID = 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0';

function statement(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { actor: ACTOR, verb: VERB, object: OBJECT, ...extra };
}

function without(key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = statement();
  return rest;
}

/** [case, input, version, path of the expected failure or null for valid] */
type Row = [string, unknown, XapiVersion, string | null];

function check(input: unknown, version: XapiVersion, path: string | null): void {
  const result = validateStatement(input, version);
  if (path === null) expect(result).toBeNull();
  else expect(result).toMatchObject({ path, message: expect.any(String) as string });
}

describe('validateStatement: statement properties', () => {
  it.each<Row>([
    ['a minimal statement', statement(), '1.0.3', null],
    [
      'an object without objectType (an Activity)',
      statement({ object: { id: OBJECT.id } }),
      '1.0.3',
      null,
    ],
    [
      'every statement property',
      statement({
        id: ID,
        result: { completion: true },
        context: { registration: ID },
        timestamp: '2015-11-18T12:17:00+00:00',
        stored: '2015-11-18T12:17:01Z',
        authority: { mbox: 'mailto:lrs@example.gov.uk' },
        version: '1.0.0',
        attachments: [],
      }),
      '1.0.3',
      null,
    ],
    ['missing actor', without('actor'), '1.0.3', 'statement.actor'],
    ['missing verb', without('verb'), '1.0.3', 'statement.verb'],
    ['missing object', without('object'), '1.0.3', 'statement.object'],
    ['an unknown property', statement({ dummy: 'dummy' }), '1.0.3', 'statement.dummy'],
    [
      'a wrongly cased key',
      { Actor: ACTOR, verb: VERB, object: OBJECT },
      '1.0.3',
      'statement.Actor',
    ],
    [
      'objectType at the top level',
      statement({ objectType: 'Statement' }),
      '1.0.3',
      'statement.objectType',
    ],
    ['a null property', statement({ context: null }), '1.0.3', 'statement.context'],
    ['a null timestamp', statement({ timestamp: null }), '2.0.0', 'statement.timestamp'],
    ['an array', [statement()], '1.0.3', 'statement'],
    ['null', null, '1.0.3', 'statement'],
    ['a string', 'statement', '1.0.3', 'statement'],
  ])('%s', (_case, input, version, path) => check(input, version, path));
});

describe('validateStatement: id, timestamp, stored', () => {
  it.each<Row>([
    ['an upper-case UUID id', statement({ id: ID.toUpperCase() }), '1.0.3', null],
    [
      'a malformed id',
      statement({ id: 'AA97B177-9383-4934-8543-0F91A7A028368' }),
      '1.0.3',
      'statement.id',
    ],
    ['a numeric id', statement({ id: 12345 }), '1.0.3', 'statement.id'],
    [
      'a timestamp without zone in 1.0.3',
      statement({ timestamp: '2015-11-18T12:17:00' }),
      '1.0.3',
      null,
    ],
    [
      'a timestamp without zone in 2.0',
      statement({ timestamp: '2015-11-18T12:17:00' }),
      '2.0.0',
      'statement.timestamp',
    ],
    [
      'a -00:00 offset',
      statement({ timestamp: '2008-09-15T15:53:00.601-00:00' }),
      '2.0.0',
      'statement.timestamp',
    ],
    ['a future timestamp', statement({ timestamp: '2999-01-01T00:00:00Z' }), '2.0.0', null],
    ['a malformed stored', statement({ stored: '01/011/2015' }), '1.0.3', 'statement.stored'],
  ])('%s', (_case, input, version, path) => check(input, version, path));
});

describe('validateStatement: version', () => {
  it.each<Row>([
    ['1.0', statement({ version: '1.0' }), '1.0.3', null],
    ['1.0.9', statement({ version: '1.0.9' }), '1.0.3', null],
    ['2.0.0 under 1.0.3', statement({ version: '2.0.0' }), '1.0.3', 'statement.version'],
    ['2.0.0 under 2.0', statement({ version: '2.0.0' }), '2.0.0', null],
    ['1.0.3 under 2.0', statement({ version: '1.0.3' }), '2.0.0', null],
    ['0.9.9', statement({ version: '0.9.9' }), '2.0.0', 'statement.version'],
    ['1.1.0', statement({ version: '1.1.0' }), '2.0.0', 'statement.version'],
    ['a word', statement({ version: 'should fail' }), '1.0.3', 'statement.version'],
    ['a number', statement({ version: 1.0 }), '1.0.3', 'statement.version'],
  ])('%s', (_case, input, version, path) => check(input, version, path));
});

describe('validateStatement: authority', () => {
  const member = [
    { account: { homePage: 'http://example.com/xAPI/OAuth/Token', name: 'oauth_consumer_x75db' } },
    { mbox: 'mailto:bob@example.com' },
  ];
  it.each<Row>([
    ['an Agent', statement({ authority: ACTOR }), '1.0.3', null],
    ['an OAuth pair', statement({ authority: { objectType: 'Group', member } }), '1.0.3', null],
    [
      'an identified Group',
      statement({ authority: { objectType: 'Group', mbox: 'mailto:g@example.com', member } }),
      '1.0.3',
      'statement.authority',
    ],
    [
      'a Group of one',
      statement({ authority: { objectType: 'Group', member: member.slice(1) } }),
      '1.0.3',
      'statement.authority.member',
    ],
    [
      'a Group of three',
      statement({ authority: { objectType: 'Group', member: [...member, ACTOR] } }),
      '1.0.3',
      'statement.authority.member',
    ],
    [
      'an Agent without IFI',
      statement({ authority: { objectType: 'Agent' } }),
      '1.0.3',
      'statement.authority',
    ],
  ])('%s', (_case, input, version, path) => check(input, version, path));
});

describe('validateStatement: voiding', () => {
  const voided = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } };
  it.each<Row>([
    [
      'voiding a StatementRef',
      statement({ verb: voided, object: { objectType: 'StatementRef', id: ID } }),
      '1.0.3',
      null,
    ],
    ['voiding an Activity', statement({ verb: voided }), '1.0.3', 'statement.object'],
    [
      'voiding an Agent',
      statement({ verb: voided, object: { ...ACTOR } }),
      '2.0.0',
      'statement.object',
    ],
  ])('%s', (_case, input, version, path) => check(input, version, path));
});
