import { validateStatement } from './statement.validator';

const ACTOR = { mbox: 'mailto:ann@example.gov.uk' };
const VERB = { id: 'http://adlnet.gov/expapi/verbs/planned' };
const ACTIVITY = { id: 'https://odp.example.gov.uk/activities/unit-1' };
const ID = 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0';

function subStatement(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { objectType: 'SubStatement', actor: ACTOR, verb: VERB, object: ACTIVITY, ...extra };
}

function withObject(object: unknown): Record<string, unknown> {
  return { actor: ACTOR, verb: VERB, object };
}

/** [case, statement object, path of the expected failure or null for valid] */
type Row = [string, unknown, string | null];

describe('statement objects', () => {
  it.each<Row>([
    ['an Activity', { objectType: 'Activity', ...ACTIVITY }, null],
    ['an Agent with objectType', { objectType: 'Agent', ...ACTOR }, null],
    ['an Agent without objectType (read as an Activity)', { ...ACTOR }, 'statement.object.mbox'],
    ['an identified Group', { objectType: 'Group', mbox: 'mailto:team@example.com' }, null],
    [
      'a Group without objectType',
      { mbox: 'mailto:team@example.com', member: [] },
      'statement.object.mbox',
    ],
    ['a StatementRef', { objectType: 'StatementRef', id: ID }, null],
    ['a StatementRef without id', { objectType: 'StatementRef' }, 'statement.object.id'],
    [
      'a StatementRef with a bad id',
      { objectType: 'StatementRef', id: 'statementref' },
      'statement.object.id',
    ],
    ['an unknown objectType', { objectType: 'Statement', id: ID }, 'statement.object.objectType'],
    [
      'a wrongly cased objectType',
      { objectType: 'activity', ...ACTIVITY },
      'statement.object.objectType',
    ],
    ['a string', 'activity', 'statement.object'],
  ])('%s', (_case, object, path) => {
    const result = validateStatement(withObject(object), '1.0.3');
    if (path === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ path });
  });
});

describe('sub-statements', () => {
  it.each<Row>([
    ['a minimal SubStatement', subStatement(), null],
    [
      'a SubStatement with result, context, timestamp and attachments',
      subStatement({
        result: { success: true },
        context: { platform: 'LMS', contextActivities: { parent: ACTIVITY } },
        timestamp: '2999-01-01T00:00:00Z',
        attachments: [],
      }),
      null,
    ],
    ['with an id', subStatement({ id: ID }), 'statement.object.id'],
    ['with stored', subStatement({ stored: '2015-11-18T12:17:00Z' }), 'statement.object.stored'],
    ['with version', subStatement({ version: '1.0.0' }), 'statement.object.version'],
    ['with authority', subStatement({ authority: ACTOR }), 'statement.object.authority'],
    [
      'nested in another',
      subStatement({ object: subStatement() }),
      'statement.object.object.objectType',
    ],
    ['without actor', subStatement({ actor: undefined }), 'statement.object.actor'],
    [
      'with an invalid verb',
      subStatement({ verb: { id: 'ab=c://should.fail.com' } }),
      'statement.object.verb.id',
    ],
    [
      'with revision while its object is an Agent',
      subStatement({ object: { objectType: 'Agent', ...ACTOR }, context: { revision: '2' } }),
      'statement.object.context.revision',
    ],
    [
      'voiding something other than a StatementRef',
      subStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }),
      'statement.object.object',
    ],
  ])('%s', (_case, object, path) => {
    const result = validateStatement(JSON.parse(JSON.stringify(withObject(object))), '1.0.3');
    if (path === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ path });
  });

  it('takes the outer context revision only when the outer object is an Activity', () => {
    const outer = { ...withObject(subStatement()), context: { revision: '2' } };
    expect(validateStatement(outer, '1.0.3')).toMatchObject({ path: 'statement.context.revision' });
  });
});
