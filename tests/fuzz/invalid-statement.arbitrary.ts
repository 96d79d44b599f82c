import fc from 'fast-check';
import {
  activity,
  agent,
  iri,
  leanStatement,
  timestamp,
  validStatement,
} from './valid-statement.arbitrary';

/**
 * Statements an LRS must refuse: a valid statement (valid-statement.arbitrary) with exactly one
 * rule of xAPI 2.0.0 broken. Each breaker names the rule, so a failure reads as
 * `{ rule, statement }`. Breakers build new objects and never mutate the generated statement,
 * which fast-check may still shrink.
 */
type Json = Record<string, unknown>;

export interface BrokenStatement {
  readonly rule: string;
  readonly statement: unknown;
}

type Breaker = fc.Arbitrary<{ rule: string; apply: (statement: Json) => unknown }>;

const breaker = <T>(rule: string, value: fc.Arbitrary<T>, apply: (s: Json, v: T) => unknown) =>
  value.map((v) => ({ rule, apply: (s: Json) => apply(s, v) }));

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const STATEMENT_KEYS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp'];

const notIri = fc.oneof(
  fc.constantFrom(
    '',
    'no-scheme',
    '/relative/path',
    '//host/only',
    'http://exa mple.gov.uk/',
    'http://example.gov.uk/<tag>',
    'http://example.gov.uk/{x}',
    'http://example.gov.uk/a|b',
    'http://example.gov.uk/%zz',
    'http://example.gov.uk/#a#b',
    '1http://example.gov.uk',
    'ht tp://example.gov.uk',
    'http:',
    'http://example.gov.uk/\u0000',
  ),
  fc.stringMatching(/^[a-z]{1,8}$/),
);
const notUuid = fc.oneof(
  fc.constantFrom(
    '',
    'not-a-uuid',
    '12345678-1234-1234-1234-12345678901',
    '12345678-1234-1234-1234-1234567890123',
    '12345678123412341234123456789012',
    '1234567g-1234-1234-1234-123456789012',
    '{12345678-1234-1234-1234-123456789012}',
    '12345678_1234_1234_1234_123456789012',
  ),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => ` ${u}`),
);
const notMbox = fc.oneof(
  fc.constantFrom(
    'ann@example.gov.uk',
    'mailto:',
    'mailto:ann',
    'mailto:@example.gov.uk',
    'mailto:ann@',
    'mailto:ann@@example.gov.uk',
    'mailto:a nn@example.gov.uk',
    'MAILTO;ann@example.gov.uk',
  ),
  fc.emailAddress(),
);
const notDuration = fc.constantFrom(
  '',
  'P',
  'PT',
  '1H',
  'P1H',
  'PT1Y',
  'P1W1D',
  'P1M1Y',
  '-PT1S',
  'PT1.5H2M',
  'P1DT',
  'PTS',
  'pt1s',
  'P1.5Y2M',
  'three minutes',
);
const notTimestamp = fc.oneof(
  fc.constantFrom(
    '',
    'yesterday',
    '2024-13-01T00:00:00Z',
    '2024-01-32T00:00:00Z',
    '2024-01-01T25:00:00Z',
    '2024-01-01T00:61:00Z',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00',
    '2024-01-01T00:00:00+25:00',
    '01/02/2024',
  ),
  timestamp.map((t) => t.replace('Z', '')),
);
const notLanguageTag = fc.constantFrom(
  '',
  'englishlanguage',
  'en_GB',
  '12',
  'e',
  'en-',
  '-GB',
  'en GB',
);
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const notObject = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant([]),
  fc.constant(null),
);
const unknownKey = fc
  .stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,11}$/)
  .filter((key) => !ALLOWED_ANYWHERE.has(key));
/** Every property name some xAPI object allows, so an "unknown" key never happens to be one. */
const ALLOWED_ANYWHERE = new Set([
  ...STATEMENT_KEYS,
  ...['stored', 'authority', 'version', 'attachments', 'objectType', 'name', 'mbox'],
  ...['mbox_sha1sum', 'openid', 'account', 'member', 'homePage', 'display', 'definition'],
  ...['description', 'type', 'moreInfo', 'extensions', 'interactionType', 'choices', 'scale'],
  ...['correctResponsesPattern', 'source', 'target', 'steps', 'score', 'success'],
  ...['completion', 'response', 'duration', 'scaled', 'raw', 'min', 'max', 'registration'],
  ...['instructor', 'team', 'contextActivities', 'revision', 'platform', 'language'],
  ...['statement', 'contextAgents', 'contextGroups', 'parent', 'grouping', 'category', 'other'],
  ...['usageType', 'contentType', 'length', 'sha2', 'fileUrl', 'agent', 'group', 'relevantTypes'],
  ...['__proto__', 'constructor'],
]);

const asObject = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const withActivityObject = (s: Json, object: Json): Json => ({ ...s, object });

const breakers: Breaker[] = [
  // Inverse functional identifiers.
  breaker('actor with two IFIs', iri, (s, openid) => ({
    ...s,
    actor: { mbox: 'mailto:two@example.gov.uk', openid },
  })),
  breaker('actor without an IFI', fc.string(), (s, name) => ({ ...s, actor: { name } })),
  breaker('anonymous group without members', fc.constant(0), (s) => ({
    ...s,
    actor: { objectType: 'Group', member: [] },
  })),
  breaker('group member is a group', agent, (s, member) => ({
    ...s,
    actor: { objectType: 'Group', member: [{ ...member, objectType: 'Group' }] },
  })),
  breaker('bad mbox', notMbox, (s, mbox) => ({ ...s, actor: { mbox } })),
  breaker('bad mbox_sha1sum', fc.stringMatching(/^[0-9a-z]{0,39}$/), (s, sum) => ({
    ...s,
    actor: { mbox_sha1sum: sum },
  })),
  breaker('account without homePage IRI', notIri, (s, homePage) => ({
    ...s,
    actor: { account: { homePage, name: 'x' } },
  })),
  // IRIs.
  breaker('bad verb id', notIri, (s, id) => ({ ...s, verb: { id } })),
  breaker('bad activity id', notIri, (s, id) => withActivityObject(s, { id })),
  breaker('bad activity type', fc.tuple(iri, notIri), (s, [id, type]) =>
    withActivityObject(s, { id, definition: { type } }),
  ),
  breaker('bad openid', notIri, (s, openid) => ({ ...s, actor: { openid } })),
  breaker('bad extension key', fc.tuple(iri, notIri), (s, [id, key]) =>
    withActivityObject(s, { id, definition: { extensions: { [key]: 1 } } }),
  ),
  // UUIDs.
  breaker('bad statement id', notUuid, (s, id) => ({ ...s, id })),
  breaker('bad registration', notUuid, (s, registration) => ({
    ...s,
    context: { ...asObject(s.context), registration },
  })),
  breaker('bad StatementRef id', notUuid, (s, id) => ({
    ...s,
    object: { objectType: 'StatementRef', id },
  })),
  // Durations and timestamps.
  breaker('bad duration', notDuration, (s, duration) => ({
    ...s,
    result: { ...asObject(s.result), duration },
  })),
  breaker('bad timestamp', notTimestamp, (s, ts) => ({ ...s, timestamp: ts })),
  // Scores.
  breaker(
    'scaled score out of range',
    fc.oneof(
      fc.double({ min: 1.000001, max: 1e9, noNaN: true }),
      fc.double({ min: -1e9, max: -1.000001, noNaN: true }),
    ),
    (s, scaled) => ({ ...s, result: { score: { scaled } } }),
  ),
  breaker('raw score above max', fc.integer({ min: 1, max: 100 }), (s, over) => ({
    ...s,
    result: { score: { min: 0, max: 10, raw: 10 + over } },
  })),
  breaker('min not below max', fc.integer({ min: -5, max: 5 }), (s, min) => ({
    ...s,
    result: { score: { min, max: min - 1 } },
  })),
  // Unknown properties, at the top and inside.
  breaker('unknown statement property', unknownKey, (s, key) => ({ ...s, [key]: 1 })),
  breaker('unknown actor property', unknownKey, (s, key) => ({
    ...s,
    actor: { mbox: 'mailto:x@example.gov.uk', [key]: 'x' },
  })),
  breaker('unknown verb property', unknownKey, (s, key) => ({
    ...s,
    verb: { ...asObject(s.verb), [key]: 'x' },
  })),
  breaker('unknown result property', unknownKey, (s, key) => ({ ...s, result: { [key]: true } })),
  breaker('unknown context property', unknownKey, (s, key) => ({ ...s, context: { [key]: true } })),
  breaker('unknown activity property', fc.tuple(iri, unknownKey), (s, [id, key]) =>
    withActivityObject(s, { id, [key]: {} }),
  ),
  // Wrong types.
  breaker('statement is not an object', notObject, (_s, value) => value),
  breaker('actor is not an object', notObject, (s, actor) => ({ ...s, actor })),
  breaker('verb is not an object', notObject, (s, verb) => ({ ...s, verb })),
  breaker('object is not an object', notObject, (s, object) => ({ ...s, object })),
  breaker('success is not a boolean', fc.oneof(fc.string(), fc.integer()), (s, success) => ({
    ...s,
    result: { success },
  })),
  breaker('response is not a string', notString, (s, response) => ({ ...s, result: { response } })),
  breaker('raw score is not a number', fc.oneof(fc.string(), fc.boolean()), (s, raw) => ({
    ...s,
    result: { score: { raw } },
  })),
  breaker('timestamp is not a string', fc.oneof(fc.integer(), fc.boolean()), (s, ts) => ({
    ...s,
    timestamp: ts,
  })),
  breaker(
    'extensions is not an object',
    fc.oneof(fc.integer(), fc.string(), fc.constant([])),
    (s, extensions) => ({
      ...s,
      result: { extensions },
    }),
  ),
  breaker('missing required property', fc.constantFrom('actor', 'verb', 'object'), (s, key) => {
    const { [key]: _gone, ...rest } = s;
    return rest;
  }),
  // Language maps.
  breaker('bad language tag', fc.tuple(notLanguageTag, fc.string()), (s, [tag, value]) => ({
    ...s,
    verb: { ...asObject(s.verb), display: { [tag]: value } },
  })),
  breaker('language map value not a string', fc.tuple(iri, notString), (s, [id, value]) =>
    withActivityObject(s, { id, definition: { name: { en: value } } }),
  ),
  breaker(
    'language map is not an object',
    fc.oneof(fc.string(), fc.constant([])),
    (s, display) => ({
      ...s,
      verb: { ...asObject(s.verb), display },
    }),
  ),
  breaker('bad context language', notLanguageTag, (s, language) => ({
    ...s,
    context: { language },
  })),
  // Context rules.
  breaker('revision with a non-Activity object', agent, (s, who) => ({
    ...s,
    object: { ...who, objectType: 'Agent' },
    context: { revision: 'r1' },
  })),
  breaker('platform with a StatementRef object', fc.uuid(), (s, id) => ({
    ...s,
    object: { objectType: 'StatementRef', id },
    context: { platform: 'web' },
  })),
  breaker(
    'unknown contextActivities kind',
    fc.tuple(activity, fc.constantFrom('parents', 'children', 'Parent')),
    (s, [a, kind]) => ({
      ...s,
      context: { contextActivities: { [kind]: [a] } },
    }),
  ),
  breaker(
    'context activity is not an Activity',
    fc.constantFrom('parent', 'grouping', 'category', 'other'),
    (s, kind) => ({
      ...s,
      context: {
        contextActivities: { [kind]: [{ objectType: 'Agent', mbox: 'mailto:x@example.gov.uk' }] },
      },
    }),
  ),
  breaker('context statement is not a StatementRef', fc.uuid(), (s, id) => ({
    ...s,
    context: { statement: { objectType: 'SubStatement', id } },
  })),
  breaker('team is not a Group', agent, (s, who) => ({ ...s, context: { team: who } })),
  breaker('contextAgent without its objectType', agent, (s, who) => ({
    ...s,
    context: { contextAgents: [{ agent: who }] },
  })),
  // Sub-statements.
  breaker('nested SubStatement', validStatement, (s, inner) => {
    const { id: _id, version: _version, ...core } = inner;
    const sub = {
      objectType: 'SubStatement',
      ...core,
      object: { objectType: 'SubStatement', ...core },
    };
    return { ...s, object: sub };
  }),
  breaker(
    'SubStatement with a statement-only property',
    fc.tuple(validStatement, fc.constantFrom('id', 'stored', 'version', 'authority')),
    (s, [inner, key]) => {
      const { id: _id, version: _version, ...core } = inner;
      const values: Json = {
        id: inner.id,
        stored: '2024-01-01T00:00:00.000Z',
        version: '2.0.0',
        authority: { mbox: 'mailto:a@example.gov.uk' },
      };
      const object = asObject(core.object);
      const simple =
        object.objectType === 'SubStatement' ? { id: 'https://example.gov.uk/a' } : object;
      return {
        ...s,
        object: { objectType: 'SubStatement', ...core, object: simple, [key]: values[key] },
      };
    },
  ),
  // Voiding and versions.
  breaker('voiding without a StatementRef', activity, (s, target) => ({
    ...s,
    verb: { id: VOIDED },
    object: target,
  })),
  breaker(
    'unsupported version',
    fc.constantFrom('3.0.0', '0.95', '2', 'latest', '1.1.0'),
    (s, version) => ({
      ...s,
      version,
    }),
  ),
  breaker('attachment without sha2', iri, (s, usageType) => ({
    ...s,
    attachments: [
      { usageType, display: { en: 'x' }, contentType: 'text/plain', length: 1, fileUrl: usageType },
    ],
  })),
  breaker(
    'attachment length not an integer',
    fc.tuple(iri, fc.constantFrom(-1, 1.5, '10')),
    (s, [u, length]) => ({
      ...s,
      attachments: [
        {
          usageType: u,
          display: { en: 'x' },
          contentType: 'text/plain',
          length,
          sha2: 'a'.repeat(64),
          fileUrl: u,
        },
      ],
    }),
  ),
];

/**
 * A valid statement with exactly one rule broken, and the rule's name. Most bases are lean
 * (cheap to generate, so ten thousand stay quick); one in four carries every optional part.
 */
export const invalidStatement: fc.Arbitrary<BrokenStatement> = fc
  .tuple(
    fc.oneof({ arbitrary: leanStatement, weight: 3 }, { arbitrary: validStatement, weight: 1 }),
    fc.oneof(...breakers),
  )
  .map(([statement, { rule, apply }]) => ({ rule, statement: apply(statement) }));

export const RULE_COUNT = breakers.length;
